import type { Selectable } from "kysely";
import type { Store } from "../store/db.js";
import { claimLeased } from "../store/lease.js";
import type {
  DeadlineState,
  DeadlineTable,
  ReminderKind,
  ReminderTable,
  TeamChannelTable,
} from "./schema.js";
import "./schema.js";

export type Deadline = Selectable<DeadlineTable>;
export type Reminder = Selectable<ReminderTable>;
export type TeamChannel = Selectable<TeamChannelTable>;

const liveStates = ["pending", "waiting"] as const;

export interface NewReminder {
  deadlineId: string | null;
  kind: ReminderKind;
  target: string;
  dueAt: Date;
  /** Unique per intended message: the same key is never sent twice. */
  key: string;
}

function reminderRow(row: NewReminder, now: Date) {
  return {
    deadline_id: row.deadlineId,
    kind: row.kind,
    target: row.target,
    due_at: row.dueAt.getTime(),
    run_at: row.dueAt.getTime(),
    idempotency_key: row.key,
    state: "pending" as const,
    attempts: 0,
    created_at: now.getTime(),
  };
}

/** Deadlines and their reminders in the store; the scheduler's atomic claim lives here. */
export class ReminderRepository {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  async saveDeadline(row: Omit<Deadline, "state" | "closed_at">): Promise<void> {
    const { id: _id, created_at: _createdAt, ...changes } = row;
    await this.db
      .insertInto("deadlines")
      .values({ ...row, state: "open", closed_at: null })
      .onConflict((oc) => oc.column("id").doUpdateSet({ ...changes, state: "open", closed_at: null }))
      .execute();
  }

  getDeadline(id: string): Promise<Deadline | undefined> {
    return this.db.selectFrom("deadlines").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /**
   * Claims an open deadline for one "Klar" click: marks `closed_at` while it stays open, so its
   * owner's step can still close it. A claim older than a minute (its instance died) is taken over.
   * @returns false when another click holds it, or it is no longer open.
   */
  async claimDone(id: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("deadlines")
      .set({ closed_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "=", "open")
      .where((eb) => eb.or([eb("closed_at", "is", null), eb("closed_at", "<", at.getTime() - 60_000)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Gives a claim back when the click's effect was refused (the deadline stays open). */
  async releaseDone(id: string, claimedAt: Date): Promise<void> {
    await this.db
      .updateTable("deadlines")
      .set({ closed_at: null })
      .where("id", "=", id)
      .where("state", "=", "open")
      .where("closed_at", "=", claimedAt.getTime())
      .execute();
  }

  /** Ends open deadlines and cancels their reminders not yet sent; returns the ids that were open. */
  async closeDeadlines(
    where: { id: string } | { caseId: string },
    state: Exclude<DeadlineState, "open">,
    at: Date,
  ): Promise<string[]> {
    return this.db.transaction().execute(async (trx) => {
      const closed = await trx
        .updateTable("deadlines")
        .set({ state, closed_at: at.getTime() })
        .where("state", "=", "open")
        .where("id" in where ? "id" : "case_id", "=", "id" in where ? where.id : where.caseId)
        .returning("id")
        .execute();
      const ids = closed.map((row) => row.id);
      if (ids.length) {
        await trx
          .updateTable("reminders")
          .set({ state: "cancelled", run_at: null })
          .where("deadline_id", "in", ids)
          .where("state", "in", liveStates)
          .execute();
      }
      return ids;
    });
  }

  /**
   * Makes a deadline's live reminders exactly `rows`: others not yet sent are cancelled, new ones
   * added, cancelled ones with the same key revived; sent ones stay sent (never a second message).
   */
  async replanReminders(deadlineId: string, rows: NewReminder[], now: Date): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      let stale = trx
        .updateTable("reminders")
        .set({ state: "cancelled", run_at: null })
        .where("deadline_id", "=", deadlineId)
        .where("state", "in", liveStates);
      if (rows.length)
        stale = stale.where(
          "idempotency_key",
          "not in",
          rows.map((row) => row.key),
        );
      await stale.execute();
      if (rows.length === 0) return;
      await trx
        .insertInto("reminders")
        .values(rows.map((row) => reminderRow(row, now)))
        .onConflict((oc) =>
          oc
            .column("idempotency_key")
            .doUpdateSet((eb) => ({ state: "pending", run_at: eb.ref("excluded.run_at") }))
            .where("reminders.state", "=", "cancelled"),
        )
        .execute();
    });
  }

  /** Inserts reminders; one already there with the same idempotency key is left as it is. */
  async addReminders(rows: NewReminder[], now: Date): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await this.db
      .insertInto("reminders")
      .values(rows.map((row) => reminderRow(row, now)))
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  }

  getReminder(id: number): Promise<Reminder | undefined> {
    return this.db.selectFrom("reminders").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Atomically takes up to `limit` due reminders for this instance (see `claimLeased`). */
  async claimDue(now: Date, limit: number, instance: string, leaseMs: number): Promise<Reminder[]> {
    const rows = await claimLeased(
      this.store,
      "reminders",
      { now, limit, instance, leaseMs },
      { state: "claimed" },
    );
    return rows.sort((a, b) => (a.run_at ?? 0) - (b.run_at ?? 0) || a.id - b.id);
  }

  /**
   * Right before a send: renews this instance's lease on the row and says whether it still holds
   * it. A row whose lease ran out while it waited in this instance's queue (a slow round) may
   * already be another instance's: then this one must not send it too.
   */
  async renewClaim(id: number, instance: string, until: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("reminders")
      .set({ run_at: until.getTime() })
      .where("id", "=", id)
      .where("claimed_by", "=", instance)
      .where("state", "=", "claimed")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records an outcome, but only while this instance still holds the claim. */
  private finish(id: number, instance: string, changes: Partial<Omit<Reminder, "id">>): Promise<unknown> {
    return this.db
      .updateTable("reminders")
      .set(changes)
      .where("id", "=", id)
      .where("state", "=", "claimed")
      .where("claimed_by", "=", instance)
      .execute();
  }

  markSent(id: number, instance: string, at: Date, activityId: string | null): Promise<unknown> {
    return this.finish(id, instance, {
      state: "sent",
      run_at: null,
      sent_at: at.getTime(),
      activity_id: activityId,
      last_error: null,
    });
  }

  markSkipped(id: number, instance: string, reason: string): Promise<unknown> {
    return this.finish(id, instance, { state: "skipped", run_at: null, last_error: reason });
  }

  markCancelled(id: number, instance: string): Promise<unknown> {
    return this.finish(id, instance, { state: "cancelled", run_at: null });
  }

  /** Back in the queue at `runAt` (a retry after throttling or a transient failure). */
  retryAt(id: number, instance: string, runAt: Date, error: string): Promise<unknown> {
    return this.finish(id, instance, { state: "pending", run_at: runAt.getTime(), last_error: error });
  }

  /** The target has not installed the app: look again at `runAt`. */
  waitUntil(id: number, instance: string, runAt: Date, reason: string): Promise<unknown> {
    return this.finish(id, instance, { state: "waiting", run_at: runAt.getTime(), last_error: reason });
  }

  markFailed(id: number, instance: string, error: string): Promise<unknown> {
    return this.finish(id, instance, { state: "failed", run_at: null, last_error: error });
  }

  /** Open deadlines due on or before `until`, oldest first. */
  openDeadlines(until: string): Promise<Deadline[]> {
    return this.db
      .selectFrom("deadlines")
      .selectAll()
      .where("state", "=", "open")
      .where("due_on", "<=", until)
      .orderBy("due_on")
      .orderBy("case_ref")
      .execute();
  }

  openDeadlinesOfCase(caseId: string): Promise<Deadline[]> {
    return this.db
      .selectFrom("deadlines")
      .selectAll()
      .where("state", "=", "open")
      .where("case_id", "=", caseId)
      .orderBy("due_on")
      .execute();
  }

  /** Reminders that wait for an app install or finally failed, with their deadlines, for digests. */
  troubled(since: Date): Promise<
    (Reminder & {
      caseworker_unit: string | null;
      district: string | null;
      jobbtorg_unit: string | null;
      case_ref: string | null;
    })[]
  > {
    return this.db
      .selectFrom("reminders")
      .leftJoin("deadlines", "deadlines.id", "reminders.deadline_id")
      .selectAll("reminders")
      .select([
        "deadlines.caseworker_unit",
        "deadlines.district",
        "deadlines.jobbtorg_unit",
        "deadlines.case_ref",
      ])
      .where((eb) =>
        eb.or([
          eb("reminders.state", "=", "waiting"),
          eb.and([eb("reminders.state", "=", "failed"), eb("reminders.due_at", ">=", since.getTime())]),
        ]),
      )
      .orderBy("reminders.due_at")
      .execute();
  }

  // Team channels

  async registerChannel(row: TeamChannel): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom("team_channels")
        .where((eb) => eb.or([eb("scope_key", "=", row.scope_key), eb("channel_key", "=", row.channel_key)]))
        .execute();
      await trx.insertInto("team_channels").values(row).execute();
    });
  }

  channels(): Promise<TeamChannel[]> {
    return this.db.selectFrom("team_channels").selectAll().orderBy("scope_key").execute();
  }

  channelByKey(channelKey: string): Promise<TeamChannel | undefined> {
    return this.db
      .selectFrom("team_channels")
      .selectAll()
      .where("channel_key", "=", channelKey)
      .executeTakeFirst();
  }

  /** The channel for `unit:<unit>[:<district>]`: the district's own, else the unit-wide one. */
  async channelForUnit(target: string): Promise<TeamChannel | undefined> {
    const [, unit, district] = target.split(":");
    const scopes = district ? [`${unit}:${district}`, `${unit}`] : [`${unit}`];
    const rows = await this.db
      .selectFrom("team_channels")
      .selectAll()
      .where("scope_key", "in", scopes)
      .execute();
    return scopes.map((scope) => rows.find((row) => row.scope_key === scope)).find(Boolean);
  }
}
