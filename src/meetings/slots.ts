import {
  addWorkingDays,
  isWorkingDay,
  stockholmDate,
  stockholmInstant,
  type IsoDate,
} from "../deadlines/index.js";

/** A half-open time span [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

/** Stockholm wall-clock working hours, "HH:mm" each; the same on every working day. */
export interface WorkingHours {
  start: string;
  end: string;
}

export const defaultWorkingHours: WorkingHours = { start: "08:00", end: "17:00" };

const timePattern = /^([01]\d|2[0-3]):([0-5]\d)$/;

function minutesOf(time: string): number {
  const match = timePattern.exec(time);
  if (!match) throw new RangeError(`Ogiltig tid "${time}", väntade TT:MM`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** Parses `WORKING_HOURS` ("08:00-17:00"); undefined when it is not a valid, non-empty span. */
export function parseWorkingHours(text: string): WorkingHours | undefined {
  const match = /^\s*(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})\s*$/.exec(text);
  if (!match || !timePattern.test(match[1]!) || !timePattern.test(match[2]!)) return undefined;
  if (minutesOf(match[1]!) >= minutesOf(match[2]!)) return undefined;
  return { start: match[1]!, end: match[2]! };
}

/** The booking window: the first and last Stockholm date (inclusive). */
export interface DateWindow {
  from: IsoDate;
  to: IsoDate;
}

/** The default window: from today through the next `workingDays` working days. */
export function defaultWindow(now: Date, workingDays = 10): DateWindow {
  const today = stockholmDate(now);
  return { from: today, to: addWorkingDays(today, workingDays) };
}

export interface SlotQuery {
  window: DateWindow;
  durationMinutes: number;
  /** Everyone's busy periods together (any order, may overlap). */
  busy: readonly Interval[];
  workingHours?: WorkingHours;
  /** Candidate starts lie on this grid from the start of the working day. */
  stepMinutes?: number;
  /** No slot starts before this instant (now). */
  notBefore?: Date;
  /** At most this many slots, earliest first. */
  limit?: number;
}

function* dates(window: DateWindow): Generator<IsoDate> {
  let date = window.from;
  while (date <= window.to) {
    yield date;
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    date = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  }
}

/** Sorts and merges overlapping or touching busy periods. */
export function mergeBusy(busy: readonly Interval[]): Interval[] {
  const sorted = busy
    .filter((b) => b.end.getTime() > b.start.getTime())
    .map((b) => ({ start: b.start.getTime(), end: b.end.getTime() }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const span of sorted) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged.map((m) => ({ start: new Date(m.start), end: new Date(m.end) }));
}

/**
 * Common free slots of `durationMinutes` inside working hours on working days (Swedish
 * calendar, src/deadlines) within the window, avoiding every busy period. Working hours are
 * Stockholm wall-clock time, so a slot at 09:00 is 09:00 on both sides of a DST change.
 */
export function freeSlots(query: SlotQuery): Interval[] {
  const hours = query.workingHours ?? defaultWorkingHours;
  const step = (query.stepMinutes ?? 30) * 60_000;
  const duration = query.durationMinutes * 60_000;
  const limit = query.limit ?? Number.POSITIVE_INFINITY;
  const notBefore = query.notBefore?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (duration <= 0 || step <= 0) return [];
  const busy = mergeBusy(query.busy);
  const slots: Interval[] = [];
  let b = 0;
  for (const date of dates(query.window)) {
    if (!isWorkingDay(date)) continue;
    const dayStart = stockholmInstant(date, hours.start).getTime();
    const dayEnd = stockholmInstant(date, hours.end).getTime();
    for (let start = dayStart; start + duration <= dayEnd; start += step) {
      if (start < notBefore) continue;
      const end = start + duration;
      // Busy periods that ended by this start can never matter again (starts only grow).
      while (b < busy.length && busy[b]!.end.getTime() <= start) b += 1;
      const blocker = busy[b];
      if (blocker && blocker.start.getTime() < end) continue;
      slots.push({ start: new Date(start), end: new Date(end) });
      if (slots.length >= limit) return slots;
    }
  }
  return slots;
}

/** True when the span lies within working hours of one working day. */
export function withinWorkingHours(span: Interval, hours: WorkingHours = defaultWorkingHours): boolean {
  const date = stockholmDate(span.start);
  if (!isWorkingDay(date) || stockholmDate(new Date(span.end.getTime() - 1)) !== date) return false;
  return (
    span.start.getTime() >= stockholmInstant(date, hours.start).getTime() &&
    span.end.getTime() <= stockholmInstant(date, hours.end).getTime()
  );
}
