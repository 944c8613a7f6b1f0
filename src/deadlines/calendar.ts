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

/*
 * Day arithmetic runs on whole days since 1970-01-01 (UTC, so no DST), not on luxon objects:
 * a reminder card counts the working days to its due date, and building a DateTime per day made
 * the scheduler's card rendering cost milliseconds per card (profiled in the reminders bench).
 */
const msPerDay = 86_400_000;
const holidayYears = new Set<number>();
const holidayNames = new Map<number, string>();

function loadHolidays(year: number): void {
  if (holidayYears.has(year)) return;
  for (const holiday of swedishHolidays.getHolidays(year)) {
    if (holiday.type === "public" || holiday.type === "bank")
      holidayNames.set(toDayNumber(holiday.date.slice(0, 10)), holiday.name);
  }
  holidayYears.add(year);
}

const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Days since 1970-01-01, or NaN when `date` is not a real `YYYY-MM-DD` date. */
function dayNumberOrNaN(date: string): number {
  const match = isoDatePattern.exec(date);
  if (!match) return Number.NaN;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  if (
    instant.getUTCFullYear() !== year ||
    instant.getUTCMonth() !== month - 1 ||
    instant.getUTCDate() !== day
  )
    return Number.NaN;
  return Math.round(instant.getTime() / msPerDay);
}

function toDayNumber(date: IsoDate): number {
  const dayNumber = dayNumberOrNaN(date);
  if (Number.isNaN(dayNumber)) throw new RangeError(`Ogiltigt datum "${date}", väntade ÅÅÅÅ-MM-DD`);
  return dayNumber;
}

function fromDayNumber(dayNumber: number): IsoDate {
  const instant = new Date(dayNumber * msPerDay);
  const year = instant.getUTCFullYear();
  if (year >= 1000 && year <= 9999) return instant.toISOString().slice(0, 10);
  return `${String(year).padStart(4, "0")}-${String(instant.getUTCMonth() + 1).padStart(2, "0")}-${String(instant.getUTCDate()).padStart(2, "0")}`;
}

/** Parses a `YYYY-MM-DD` date; throws a RangeError on anything else (including 2026-02-30). */
export function parseIsoDate(date: IsoDate): DateTime {
  toDayNumber(date);
  return DateTime.fromISO(date, { zone: "utc" });
}

export function isIsoDate(value: string): boolean {
  return !Number.isNaN(dayNumberOrNaN(value));
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

function nonWorkingDayNameOf(dayNumber: number): string | undefined {
  loadHolidays(new Date(dayNumber * msPerDay).getUTCFullYear());
  const holiday = holidayNames.get(dayNumber);
  if (holiday) return holiday;
  // 1970-01-01 was a Thursday: 0 = Thursday … 2 = Saturday, 3 = Sunday.
  const weekday = ((dayNumber % 7) + 7) % 7;
  if (weekday === 2) return "lördag";
  if (weekday === 3) return "söndag";
  return undefined;
}

/** Why a date is not a working day, in Swedish ("lördag", "långfredagen"); undefined on working days. */
export function nonWorkingDayName(date: IsoDate): string | undefined {
  return nonWorkingDayNameOf(toDayNumber(date));
}

export function isWorkingDay(date: IsoDate): boolean {
  return nonWorkingDayName(date) === undefined;
}

/** The working day `steps` working days away from `dayNumber` (forward when positive). */
function stepWorkingDays(dayNumber: number, steps: number): number {
  const direction = steps < 0 ? -1 : 1;
  let day = dayNumber;
  for (let counted = 0; counted < Math.abs(steps); counted += 1) {
    day += direction;
    while (nonWorkingDayNameOf(day) !== undefined) day += direction;
  }
  return day;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  return fromDayNumber(stepWorkingDays(toDayNumber(date), 1));
}

/** `date` itself when it is a working day, else the next one (lag 1930:173, 2 §). */
export function workingDayOnOrAfter(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : nextWorkingDay(date);
}

/** The working day `n` working days after `date` (n ≥ 0; counting starts the day after). */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`antal arbetsdagar måste vara ≥ 0, fick ${n}`);
  return fromDayNumber(stepWorkingDays(toDayNumber(date), n));
}

/** The last working day strictly before `date`. */
export function previousWorkingDay(date: IsoDate): IsoDate {
  return fromDayNumber(stepWorkingDays(toDayNumber(date), -1));
}

/** The working day `n` working days before `date`. */
export function subtractWorkingDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(stepWorkingDays(toDayNumber(date), -n));
}

/**
 * Working days after `from` up to and including `to`; negative when `to` is before `from`
 * (the working days after `to` up to and including `from`, counted as overdue).
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const [first, last] = [toDayNumber(from), toDayNumber(to)];
  if (last < first) return -workingDaysBetween(to, from);
  let count = 0;
  for (let day = first + 1; day <= last; day += 1) {
    if (nonWorkingDayNameOf(day) === undefined) count += 1;
  }
  return count;
}

/** The Stockholm calendar date of an instant ("today" for the users, across DST changes). */
export function stockholmDate(instant: Date): IsoDate {
  return DateTime.fromJSDate(instant, { zone: stockholmZone }).toFormat("yyyy-MM-dd");
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
