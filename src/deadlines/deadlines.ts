/**
 * The two deadlines of the case process (DOMAIN.md, "The case process", steps 6 and 7).
 * Pure functions of calendar dates.
 */
import { addWorkingDays, parseIsoDate, workingDayOnOrAfter, addDays, type IsoDate } from "./calendar.js";

/**
 * How the 15 days for the implementation plan (genomförandeplan, GP) are counted; the sources differ:
 * - `working`: "senast 15 arbetsdagar" — 15 working days counted from the day after the order (003 Bilaga 2);
 * - `calendar`: "inom 15 dagar" — 15 calendar days, moved to the next working day when the last
 *   one is not a working day (003 Bilaga 1; lag 1930:173 om beräkning av lagstadgad tid, 2 §).
 */
export const gpDeadlineRules = ["working", "calendar"] as const;
export type GpDeadlineRule = (typeof gpDeadlineRules)[number];

export const gpDeadlineDays = 15;
export const followUpMonths = 6;

/** The date the GP is due for an order sent on `orderedOn`. */
export function gpDueDate(orderedOn: IsoDate, rule: GpDeadlineRule): IsoDate {
  return rule === "working"
    ? addWorkingDays(orderedOn, gpDeadlineDays)
    : workingDayOnOrAfter(addDays(orderedOn, gpDeadlineDays));
}

/**
 * Swedish, for every card that shows a GP date: which rule produced it and from which source.
 * No brackets of its own: cards show it in brackets after the date.
 */
export function gpRuleText(rule: GpDeadlineRule): string {
  return rule === "working"
    ? "15 arbetsdagar från beställningen, enligt tillämpningsanvisningarna för socialpsykiatrin, bilaga 2"
    : "15 kalenderdagar, till nästa arbetsdag om den sista är helgdag, enligt tillämpningsanvisningarna för socialpsykiatrin, bilaga 1, och lagen 1930:173 om beräkning av lagstadgad tid";
}

/**
 * The next follow-up: six calendar months after the decision or the last follow-up, clamped to the
 * month's last day (31 Aug → 28/29 Feb), as luxon's month arithmetic does.
 */
export function followUpDue(from: IsoDate): IsoDate {
  return parseIsoDate(from).plus({ months: followUpMonths }).toFormat("yyyy-MM-dd");
}
