/**
 * The Swedish working-day calendar. Non-working days: Saturdays, Sundays, the public holidays
 * of lag (1989:253) om allmänna helgdagar, and the de-facto days off midsommarafton, julafton and
 * nyårsafton (DOMAIN.md, "Working days"). date-holidays' `SE` data types exactly these as
 * `public` and `bank`; its `observance` and `optional` days (påskafton, valborg …) stay working days.
 */
import Holidays from "date-holidays";
import { DateTime } from "luxon";

/** A calendar date, `YYYY-MM-DD`, with no time zone: the date as a Stockholm wall calendar shows it. */
export type IsoDate = string;

export const stockholmZone = "Europe/Stockholm";

const swedishHolidays = new Holidays("SE", { types: ["public", "bank"] });
const holidaysByYear = new Map<number, ReadonlyMap<IsoDate, string>>();

function holidaysOf(year: number): ReadonlyMap<IsoDate, string> {
  let holidays = holidaysByYear.get(year);
  if (!holidays) {
    holidays = new Map(
      swedishHolidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === "public" || holiday.type === "bank")
        .map((holiday) => [holiday.date.slice(0, 10), holiday.name]),
    );
    holidaysByYear.set(year, holidays);
  }
  return holidays;
}

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Parses a `YYYY-MM-DD` date; throws a RangeError on anything else (including 2026-02-30). */
export function parseIsoDate(date: IsoDate): DateTime {
  const parsed = isoDatePattern.test(date) ? DateTime.fromISO(date, { zone: "utc" }) : undefined;
  if (!parsed?.isValid) throw new RangeError(`Ogiltigt datum "${date}", väntade ÅÅÅÅ-MM-DD`);
  return parsed;
}

export function isIsoDate(value: string): boolean {
  return isoDatePattern.test(value) && DateTime.fromISO(value, { zone: "utc" }).isValid;
}

function format(date: DateTime): IsoDate {
  return date.toFormat("yyyy-MM-dd");
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return format(parseIsoDate(date).plus({ days }));
}

/** Why a date is not a working day, in Swedish ("lördag", "långfredagen"); undefined on working days. */
export function nonWorkingDayName(date: IsoDate): string | undefined {
  const parsed = parseIsoDate(date);
  const holiday = holidaysOf(parsed.year).get(date);
  if (holiday) return holiday;
  if (parsed.weekday === 6) return "lördag";
  if (parsed.weekday === 7) return "söndag";
  return undefined;
}

export function isWorkingDay(date: IsoDate): boolean {
  return nonWorkingDayName(date) === undefined;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = addDays(date, 1);
  while (!isWorkingDay(day)) day = addDays(day, 1);
  return day;
}

/** `date` itself when it is a working day, else the next one (lag 1930:173, 2 §). */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** The working day `n` working days after `date` (n ≥ 0; counting starts the day after). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`antal arbetsdagar måste vara ≥ 0, fick ${n}`);
  let day = date;
  for (let counted = 0; counted < n; counted += 1) day = nextWorkingDay(day);
  return day;
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  let day = addDays(date, -1);
  while (!isWorkingDay(day)) day = addDays(day, -1);
  return day;
}

/** The working day `n` working days before `date`. */
export function subtractWorkingDays(date: IsoDate, n: number): IsoDate {
  let day = date;
  for (let counted = 0; counted < n; counted += 1) day = previousWorkingDay(day);
  return day;
}

/**
 * Working days after `from` up to and including `to`; negative when `to` is before `from`
 * (the working days after `to` up to and including `from`, counted as overdue).
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  if (to < from) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = addDays(from, 1); day <= to; day = addDays(day, 1)) {
    if (isWorkingDay(day)) count += 1;
  }
  return count;
}

/** The Stockholm calendar date of an instant ("today" for the users, across DST changes). */
export function stockholmDate(instant: Date): IsoDate {
  return format(DateTime.fromJSDate(instant, { zone: stockholmZone }));
}

/** The instant a Stockholm wall-clock time (`HH:mm`) occurs on a date. */
export function stockholmInstant(date: IsoDate, time: string): Date {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new RangeError(`Ogiltig tid "${time}", väntade TT:MM`);
  const { year, month, day } = parseIsoDate(date);
  return DateTime.fromObject(
    { year, month, day, hour: Number(match[1]), minute: Number(match[2]) },
    { zone: stockholmZone },
  ).toJSDate();
}
