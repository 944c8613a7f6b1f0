import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import type { AdaptiveCard } from "../../cards/render.js";
import type { Clock } from "../clock.js";
import {
  isWorkingDay,
  stockholmDate,
  stockholmInstant,
  stockholmZone,
  type IsoDate,
} from "../deadlines/index.js";
import { isJobbtorgUnit, type Directory } from "../directory/directory.js";
import type { Logger } from "../log.js";
import { PollingLoop } from "../polling-loop.js";
import { schedulerConcurrency } from "../pacing.js";
import type { ConversationRepository } from "../store/conversations.js";
import {
  channelTitle,
  digestCardFor,
  messageContextFor,
  reminderCard,
  type MessageContext,
} from "./messages.js";
import type { Deadline, Reminder, ReminderRepository, TeamChannel } from "./repository.js";

/** What the transport reports for one send (bot/proactive.ts maps HTTP answers to these). */
export type SendOutcome =
  | { status: "sent"; activityId?: string }
  /** No conversation reference: the person has not installed the app. */
  | { status: "no-reference" }
  /** 403/404: the user blocked the bot or the conversation is gone. */
  | { status: "gone"; httpStatus: number }
  /** Throttled or a transient failure: try again, after `afterMs` when Teams said so. */
  | { status: "retry"; httpStatus?: number; afterMs?: number; error: string };

export interface OutgoingMessage {
  conversationKey: string;
  card: AdaptiveCard;
  /** Unique per intended message; carried with the send so a retry is recognisable as one. */
  idempotencyKey: string;
}

/** The port the scheduler sends through; bot/proactive.ts implements it with the Bot Connector. */
export interface ReminderSender {
  send(message: OutgoingMessage): Promise<SendOutcome>;
}

export interface SchedulerDeps {
  repository: ReminderRepository;
  conversations: ConversationRepository;
  directory: Directory;
  clock: Clock;
  log: Logger;
  sender: ReminderSender;
  insatsName(insatsId: string): string;
  /** Effects that gave up (the outbox's dead letters), for the digest's notices. */
  deadEffects?(): Promise<number>;
}

export interface SchedulerOptions {
  instanceId?: string;
  /** Rows claimed per round. Small, so a crashed instance strands little until its lease ends. */
  batchSize?: number;
  /** Sends in flight at once (the rate limiter still paces them). */
  concurrency?: number;
  leaseMs: number;
  intervalMs: number;
  digestTime: string;
  maxAttempts?: number;
  /** How often a reminder waiting for an app install is looked at again. */
  waitingRecheckMs?: number;
}

/** Bounded exponential backoff with full jitter: up to 2^attempt seconds, at most 15 minutes. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(15 * 60_000, 1_000 * 2 ** Math.min(attempt, 20));
  return Math.max(1_000, Math.round(ceiling * random()));
}

/** True when a team channel watches this deadline. */
export function channelWatches(channel: Pick<TeamChannel, "unit" | "district">, deadline: Deadline): boolean {
  if (isJobbtorgUnit(channel.unit)) return deadline.kind === "gp" && deadline.jobbtorg_unit === channel.unit;
  return (
    deadline.caseworker_unit === channel.unit &&
    (channel.district === null || deadline.district === channel.district)
  );
}

/** The last day (Sunday) of the ISO week `date` is in. */
function weekEnd(date: IsoDate): IsoDate {
  return DateTime.fromISO(date, { zone: "utc" }).endOf("week").toFormat("yyyy-MM-dd");
}

/**
 * Sends due reminders and daily digests. Any number of instances may run: rows are claimed
 * atomically with a lease, and every outcome is recorded only by the instance holding the claim.
 * @remarks Digests go out on working days only, at DIGEST_TIME Stockholm time, one per channel
 * and day (the idempotency key `digest|<channel>|<date>` makes a second instance's insert a no-op).
 */
export class ReminderScheduler {
  readonly instanceId: string;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly waitingRecheckMs: number;
  private readonly loop: PollingLoop;

  constructor(
    private readonly deps: SchedulerDeps,
    private readonly options: SchedulerOptions,
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.batchSize = options.batchSize ?? 50;
    this.concurrency = options.concurrency ?? schedulerConcurrency;
    this.maxAttempts = options.maxAttempts ?? 8;
    this.waitingRecheckMs = options.waitingRecheckMs ?? 60 * 60_000;
    // One round sends everything due, claiming batch after batch.
    this.loop = new PollingLoop(
      options.intervalMs,
      () => this.tick(),
      (error) => this.deps.log.error({ err: error }, "påminnelseschemaläggaren misslyckades, försöker igen"),
    );
  }

  /** Polls every `intervalMs`; each round drains what is due. */
  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the round in progress to finish. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /**
   * One round: plan today's digests, then claim and send batch after batch until nothing is due.
   * Returns how many rows were claimed.
   */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    await this.ensureDigests(now);
    const context = await messageContextFor(this.deps.directory, now, this.deps.insatsName);
    const queue: Reminder[] = [];
    let claimedTotal = 0;
    let exhausted = false;
    let claiming: Promise<void> | undefined;
    // Claims the next batch while the workers still have work: no pause between batches, which
    // would leave the tenant's rate unused. Claimed rows wait here far less than their lease.
    const refill = () =>
      (claiming ??= (async () => {
        const batch = await this.deps.repository.claimDue(
          this.deps.clock.now(),
          this.batchSize,
          this.instanceId,
          this.options.leaseMs,
        );
        if (batch.length === 0 || this.loop.stopping) exhausted = true;
        claimedTotal += batch.length;
        queue.push(...batch);
      })().finally(() => (claiming = undefined)));
    await refill();
    if (queue.length === 0) return 0;
    const worker = async () => {
      for (;;) {
        if (!exhausted && queue.length < this.concurrency) {
          const refilled = refill();
          if (queue.length === 0) await refilled;
        }
        const reminder = queue.shift();
        if (!reminder) {
          if (exhausted && !claiming) return;
          await claiming;
          continue;
        }
        await this.deliver(reminder, context).catch((error: unknown) => {
          this.deps.log.error({ err: error, reminderId: reminder.id }, "påminnelsen kunde inte hanteras");
          return this.deps.repository.retryAt(
            reminder.id,
            this.instanceId,
            new Date(this.deps.clock.now().getTime() + backoffMs(reminder.attempts)),
            "internt fel",
          );
        });
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, worker));
    return claimedTotal;
  }

  private async ensureDigests(now: Date): Promise<void> {
    const today = stockholmDate(now);
    if (!isWorkingDay(today)) return;
    const channels = await this.deps.repository.channels();
    const dueAt = stockholmInstant(today, this.options.digestTime);
    await this.deps.repository.addReminders(
      channels.map((channel) => ({
        deadlineId: null,
        kind: "digest" as const,
        target: channel.channel_key,
        dueAt,
        key: `digest|${channel.channel_key}|${today}`,
      })),
      now,
    );
  }

  private async deliver(reminder: Reminder, context: MessageContext): Promise<void> {
    const { repository } = this.deps;
    const finishAs = (outcome: string) =>
      this.deps.log.info({ reminderId: reminder.id, kind: reminder.kind, outcome }, "påminnelse");

    let conversationKey: string;
    let card: AdaptiveCard | undefined;
    if (reminder.kind === "digest") {
      const channel = await repository.channelByKey(reminder.target);
      if (!channel) {
        await repository.markCancelled(reminder.id, this.instanceId);
        return finishAs("kanalen är inte längre kopplad");
      }
      conversationKey = channel.channel_key;
      card = await this.digest(channel, context);
      if (!card) {
        await repository.markSkipped(reminder.id, this.instanceId, "inget att rapportera");
        return finishAs("tom sammanfattning");
      }
    } else {
      const deadline = reminder.deadline_id ? await repository.getDeadline(reminder.deadline_id) : undefined;
      if (!deadline || deadline.state !== "open") {
        await repository.markCancelled(reminder.id, this.instanceId);
        return finishAs("fristen är redan avklarad");
      }
      if (reminder.target.startsWith("unit:")) {
        const channel = await repository.channelForUnit(reminder.target);
        if (!channel) {
          await repository.waitUntil(
            reminder.id,
            this.instanceId,
            this.later(this.waitingRecheckMs),
            "ingen kanal kopplad",
          );
          return finishAs("väntar på kopplad kanal");
        }
        conversationKey = channel.channel_key;
      } else {
        conversationKey = reminder.target;
      }
      card = reminderCard(reminder, deadline, context, !conversationKey.startsWith("user:"));
    }

    if (!(await repository.renewClaim(reminder.id, this.instanceId, this.later(this.options.leaseMs)))) {
      return finishAs("en annan instans har tagit över");
    }
    const outcome = await this.deps.sender.send({
      conversationKey,
      card,
      idempotencyKey: reminder.idempotency_key,
    });
    switch (outcome.status) {
      case "sent":
        await repository.markSent(
          reminder.id,
          this.instanceId,
          this.deps.clock.now(),
          outcome.activityId ?? null,
        );
        return finishAs("skickad");
      case "no-reference":
        await repository.waitUntil(
          reminder.id,
          this.instanceId,
          this.later(this.waitingRecheckMs),
          "appen är inte installerad",
        );
        return finishAs("väntar på installation");
      case "gone":
        await this.deps.conversations.markStale(conversationKey, this.deps.clock.now());
        await repository.markFailed(reminder.id, this.instanceId, `Teams svarade ${outcome.httpStatus}`);
        this.deps.log.warn(
          { reminderId: reminder.id, status: outcome.httpStatus },
          "påminnelsen gick inte fram: konversationen nås inte",
        );
        return;
      case "retry": {
        const error = outcome.httpStatus ? `Teams svarade ${outcome.httpStatus}` : outcome.error;
        if (reminder.attempts >= this.maxAttempts) {
          await repository.markFailed(reminder.id, this.instanceId, error);
          this.deps.log.error(
            { reminderId: reminder.id, attempts: reminder.attempts, error },
            "påminnelsen gav upp efter flera försök",
          );
          return;
        }
        await repository.retryAt(
          reminder.id,
          this.instanceId,
          this.later(outcome.afterMs ?? backoffMs(reminder.attempts)),
          error,
        );
        return finishAs("försöker igen");
      }
    }
  }

  private later(ms: number): Date {
    return new Date(this.deps.clock.now().getTime() + ms);
  }

  private async digest(channel: TeamChannel, context: MessageContext): Promise<AdaptiveCard | undefined> {
    const { repository } = this.deps;
    const until = weekEnd(context.today);
    const watched = (await repository.openDeadlines(until)).filter((deadline) =>
      channelWatches(channel, deadline),
    );
    const troubled = (await repository.troubled(this.later(-7 * 24 * 60 * 60_000))).filter(
      (row) =>
        row.kind !== "digest" &&
        row.case_ref !== null &&
        channelWatches(channel, {
          kind: row.kind.startsWith("gp") ? "gp" : "follow-up",
          jobbtorg_unit: row.jobbtorg_unit,
          caseworker_unit: row.caseworker_unit ?? "",
          district: row.district,
        } as Deadline),
    );
    const waitingByUser = new Map<string, number>();
    const notices: string[] = [];
    for (const row of troubled) {
      if (row.state === "waiting" && row.target.startsWith("user:")) {
        const userId = row.target.slice("user:".length);
        waitingByUser.set(userId, (waitingByUser.get(userId) ?? 0) + 1);
      } else if (row.state === "failed") {
        notices.push(`En påminnelse om ${row.case_ref} gick inte fram (${row.last_error ?? "okänt fel"}).`);
      }
    }
    const dead = (await this.deps.deadEffects?.()) ?? 0;
    if (dead > 0) {
      notices.push(
        `${dead} utskick (kort, besked eller register) gav upp efter flera försök. ` +
          "En administratör ser dem och kan försöka igen med **misslyckade utskick**.",
      );
    }
    for (const [userId, count] of waitingByUser) {
      notices.unshift(
        `${context.staffName(userId)} har inte installerat Insatsguiden: ${count} ${count === 1 ? "påminnelse väntar" : "påminnelser väntar"}.`,
      );
    }
    const dateLabel = DateTime.fromISO(context.today, { zone: stockholmZone })
      .setLocale("sv")
      .toFormat("cccc d LLLL yyyy");
    return digestCardFor(
      {
        channelTitle: channelTitle(channel.unit, channel.district),
        dateLabel: dateLabel.charAt(0).toUpperCase() + dateLabel.slice(1),
        overdue: watched.filter((deadline) => deadline.due_on < context.today),
        thisWeek: watched.filter((deadline) => deadline.due_on >= context.today),
        notices,
      },
      context,
    );
  }
}
