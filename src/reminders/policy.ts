/**
 * Who is reminded of what, and when (README, "Påminnelser"). Pure: a deadline in, the reminders
 * to create out. Personal reminders go out at REMINDER_TIME Stockholm time on working days.
 */
import {
  nextWorkingDay,
  previousWorkingDay,
  stockholmInstant,
  subtractWorkingDays,
  addDays,
  isWorkingDay,
  type IsoDate,
} from "../deadlines/index.js";
import type { DeadlineKind, ReminderKind } from "./schema.js";

export interface ReminderPolicy {
  gpWorkingDaysBefore: number;
  followUpDaysBefore: number;
  /** `HH:mm`, Stockholm. */
  reminderTime: string;
}

/** The parts of a deadline the policy reads. */
export interface DeadlineFacts {
  id: string;
  kind: DeadlineKind;
  dueOn: IsoDate;
  startsAt?: Date | null;
  caseworkerId: string;
  caseworkerUnit: string;
  district?: string | null;
  jobbtorgUnit?: string | null;
}

export interface PlannedReminder {
  kind: ReminderKind;
  target: string;
  dueAt: Date;
}

/** The channel of a unit (and district), resolved to a registered team channel when sent. */
export function unitTarget(unit: string, district?: string | null): string {
  return district ? `unit:${unit}:${district}` : `unit:${unit}`;
}

export function userTarget(userId: string): string {
  return `user:${userId}`;
}

/** The working day on or before a date: a reminder "on the due date" never lands on a Sunday. */
function workingDayOnOrBefore(date: IsoDate): IsoDate {
  return isWorkingDay(date) ? date : previousWorkingDay(date);
}

/**
 * Every reminder for a deadline, dropping those already pointless at `now`: a "before" reminder
 * once the due-date reminder's time has passed, a due-date reminder more than a day late.
 * Escalations are always kept (sent as soon as possible when late).
 */
export function planReminders(deadline: DeadlineFacts, policy: ReminderPolicy, now: Date): PlannedReminder[] {
  const at = (date: IsoDate) => stockholmInstant(date, policy.reminderTime);
  const caseworker = userTarget(deadline.caseworkerId);
  const caseworkerChannel = unitTarget(deadline.caseworkerUnit, deadline.district);
  const planned: PlannedReminder[] = [];
  let before: Date | undefined;
  let due: Date | undefined;

  if (deadline.kind === "gp") {
    before = at(subtractWorkingDays(deadline.dueOn, policy.gpWorkingDaysBefore));
    due = at(deadline.dueOn);
    const overdue = at(nextWorkingDay(deadline.dueOn));
    const jobbtorg = deadline.jobbtorgUnit ? [unitTarget(deadline.jobbtorgUnit)] : [];
    for (const target of [caseworker, ...jobbtorg]) {
      planned.push({ kind: "gp-before", target, dueAt: before }, { kind: "gp-due", target, dueAt: due });
    }
    // Late plan: both team leaders hear of it, the provider's and the caseworker's.
    for (const target of [...jobbtorg, caseworkerChannel]) {
      planned.push({ kind: "gp-overdue", target, dueAt: overdue });
    }
  } else if (deadline.kind === "follow-up") {
    before = at(workingDayOnOrBefore(addDays(deadline.dueOn, -policy.followUpDaysBefore)));
    due = at(workingDayOnOrBefore(deadline.dueOn));
    planned.push(
      { kind: "follow-up-before", target: caseworker, dueAt: before },
      { kind: "follow-up-due", target: caseworker, dueAt: due },
      { kind: "follow-up-overdue", target: caseworkerChannel, dueAt: at(nextWorkingDay(deadline.dueOn)) },
    );
  } else {
    due = at(previousWorkingDay(deadline.dueOn));
    planned.push({ kind: "meeting-before", target: caseworker, dueAt: due });
  }

  const dayMs = 24 * 60 * 60 * 1000;
  return planned.filter((reminder) => {
    if (reminder.kind.endsWith("-before")) {
      return reminder.kind === "meeting-before"
        ? now.getTime() < (deadline.startsAt?.getTime() ?? Infinity)
        : due !== undefined && now < due;
    }
    if (reminder.kind.endsWith("-due")) return now.getTime() <= reminder.dueAt.getTime() + dayMs;
    return true;
  });
}
