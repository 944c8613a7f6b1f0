import type { Clock } from "../clock.js";
import {
  nextWorkingDay,
  stockholmDate,
  stockholmInstant,
  type GpDeadlineRule,
  type IsoDate,
} from "../deadlines/index.js";
import { planReminders, type DeadlineFacts, type ReminderPolicy } from "./policy.js";
import type { Deadline, ReminderRepository } from "./repository.js";
import type { DeadlineKind } from "./schema.js";

export interface GpDeadlineInput {
  orderId: string;
  caseId: string;
  caseRef: string;
  insats: string;
  dueOn: IsoDate;
  rule: GpDeadlineRule;
  caseworkerId: string;
  /** The Jobbtorg unit carrying the insats; null for an outside provider (sysselsättning). */
  jobbtorgUnit: "alfa" | "iwork" | null;
  caseworkerUnit: string;
  district?: string;
}

export interface FollowUpInput {
  caseId: string;
  caseRef: string;
  insats: string;
  dueOn: IsoDate;
  caseworkerId: string;
  caseworkerUnit: string;
  district?: string;
}

export interface MeetingReminderInput {
  meetingId: string;
  caseId: string;
  caseRef: string;
  insats?: string;
  startsAt: Date;
  caseworkerId: string;
  caseworkerUnit?: string;
  district?: string;
}

/** What "Klar" on a reminder does for a kind of deadline (listed in src/events/wiring.ts). */
export type DeadlineDoneHandler = (deadline: Deadline, actorId: string) => Promise<void>;
export type DeadlineDoneHandlers = Partial<Record<DeadlineKind, DeadlineDoneHandler>>;

export const deadlineIds = {
  gp: (orderId: string) => `gp:${orderId}`,
  followUp: (caseId: string) => `follow-up:${caseId}`,
  meeting: (meetingId: string) => `meeting:${meetingId}`,
};

/**
 * The deadlines the bot keeps and the reminders it sends for them. The case workflow, the order
 * handling and meeting booking call these; the scheduler sends what falls due.
 * @remarks Scheduling is idempotent: calling again with the same data changes nothing, with a
 * new date moves the reminders not yet sent.
 */
export class ReminderService {
  constructor(
    readonly repository: ReminderRepository,
    private readonly clock: Clock,
    readonly policy: ReminderPolicy,
    /** What "Klar" means per kind of deadline, from the domain that owns it (src/events/wiring.ts). */
    private readonly doneHandlers: DeadlineDoneHandlers = {},
  ) {}

  scheduleGpDeadline(input: GpDeadlineInput): Promise<void> {
    return this.schedule({
      id: deadlineIds.gp(input.orderId),
      kind: "gp",
      caseId: input.caseId,
      caseRef: input.caseRef,
      insats: input.insats,
      dueOn: input.dueOn,
      rule: input.rule,
      caseworkerId: input.caseworkerId,
      caseworkerUnit: input.caseworkerUnit,
      district: input.district ?? null,
      jobbtorgUnit: input.jobbtorgUnit,
    });
  }

  /** The plan arrived: the GP deadline is met and its remaining reminders are cancelled. */
  async completeGpDeadline(orderId: string): Promise<void> {
    await this.repository.closeDeadlines({ id: deadlineIds.gp(orderId) }, "done", this.clock.now());
  }

  /** The next follow-up of a case; replaces an earlier one not yet registered. */
  scheduleFollowUp(input: FollowUpInput): Promise<void> {
    return this.schedule({
      id: deadlineIds.followUp(input.caseId),
      kind: "follow-up",
      caseId: input.caseId,
      caseRef: input.caseRef,
      insats: input.insats,
      dueOn: input.dueOn,
      caseworkerId: input.caseworkerId,
      caseworkerUnit: input.caseworkerUnit,
      district: input.district ?? null,
    });
  }

  async completeFollowUp(caseId: string): Promise<void> {
    await this.repository.closeDeadlines({ id: deadlineIds.followUp(caseId) }, "done", this.clock.now());
  }

  /** Reminds the caseworker of a booked meeting the working day before. */
  scheduleMeetingReminder(input: MeetingReminderInput): Promise<void> {
    return this.schedule({
      id: deadlineIds.meeting(input.meetingId),
      kind: "meeting",
      caseId: input.caseId,
      caseRef: input.caseRef,
      insats: input.insats ?? "",
      dueOn: stockholmDate(input.startsAt),
      startsAt: input.startsAt,
      caseworkerId: input.caseworkerId,
      caseworkerUnit: input.caseworkerUnit ?? "",
      district: input.district ?? null,
    });
  }

  async cancelMeetingReminder(meetingId: string): Promise<void> {
    await this.repository.closeDeadlines(
      { id: deadlineIds.meeting(meetingId) },
      "cancelled",
      this.clock.now(),
    );
  }

  /** The case is closed: nothing more is reminded for it. */
  async cancelCase(caseId: string): Promise<void> {
    await this.repository.closeDeadlines({ caseId }, "cancelled", this.clock.now());
  }

  /**
   * "Klar" on a reminder: the owning domain marks the step done (and closes the deadline through
   * the functions above); without one, the deadline is simply closed. Idempotent.
   * @returns false when the deadline was no longer open.
   */
  async markDone(deadlineId: string, actorId: string): Promise<boolean> {
    const deadline = await this.repository.getDeadline(deadlineId);
    if (!deadline || deadline.state !== "open") return false;
    const handler = this.doneHandlers[deadline.kind];
    // Of concurrent clicks only one claims the deadline and has its effect (one deadline.done).
    const now = this.clock.now();
    if (!(await this.repository.claimDone(deadlineId, now))) return false;
    try {
      if (handler) await handler(deadline, actorId);
    } catch (error) {
      await this.repository.releaseDone(deadlineId, now);
      throw error;
    }
    await this.repository.closeDeadlines({ id: deadlineId }, "done", now);
    return true;
  }

  /** "Påminn mig i morgon": the same reminder again on the next working day, at the reminder time. */
  async snooze(reminderId: number): Promise<IsoDate | undefined> {
    const reminder = await this.repository.getReminder(reminderId);
    if (!reminder?.deadline_id) return undefined;
    const deadline = await this.repository.getDeadline(reminder.deadline_id);
    if (!deadline || deadline.state !== "open") return undefined;
    const on = nextWorkingDay(stockholmDate(this.clock.now()));
    await this.repository.addReminders(
      [
        {
          deadlineId: deadline.id,
          kind: reminder.kind,
          target: reminder.target,
          dueAt: stockholmInstant(on, this.policy.reminderTime),
          key: `snooze|${reminder.id}|${on}`,
        },
      ],
      this.clock.now(),
    );
    return on;
  }

  private async schedule(
    deadline: DeadlineFacts & { caseId: string; caseRef: string; insats: string; rule?: GpDeadlineRule },
  ): Promise<void> {
    const now = this.clock.now();
    await this.repository.saveDeadline({
      id: deadline.id,
      kind: deadline.kind,
      case_id: deadline.caseId,
      case_ref: deadline.caseRef,
      insats: deadline.insats,
      due_on: deadline.dueOn,
      starts_at: deadline.startsAt?.getTime() ?? null,
      rule: deadline.rule ?? null,
      caseworker_id: deadline.caseworkerId,
      caseworker_unit: deadline.caseworkerUnit,
      district: deadline.district ?? null,
      jobbtorg_unit: deadline.jobbtorgUnit ?? null,
      created_at: now.getTime(),
    });
    const planned = planReminders(deadline, this.policy, now);
    await this.repository.replanReminders(
      deadline.id,
      planned.map((reminder) => ({
        deadlineId: deadline.id,
        kind: reminder.kind,
        target: reminder.target,
        dueAt: reminder.dueAt,
        key: `${deadline.id}|${reminder.kind}|${reminder.target}|${reminder.dueAt.toISOString()}`,
      })),
      now,
    );
  }
}

/** The reminder policy from configuration (README, "Påminnelser"). */
export function reminderPolicyFrom(config: {
  REMINDER_GP_WORKING_DAYS_BEFORE: number;
  REMINDER_FOLLOW_UP_DAYS_BEFORE: number;
  REMINDER_TIME: string;
}): ReminderPolicy {
  return {
    gpWorkingDaysBefore: config.REMINDER_GP_WORKING_DAYS_BEFORE,
    followUpDaysBefore: config.REMINDER_FOLLOW_UP_DAYS_BEFORE,
    reminderTime: config.REMINDER_TIME,
  };
}
