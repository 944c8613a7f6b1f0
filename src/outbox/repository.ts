import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Selectable } from "kysely";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import type { OutboxTable } from "./schema.js";
import "./schema.js";

export type OutboxRow = Selectable<OutboxTable>;

/** One effect to write: which subscription runs it, for which event. */
export interface NewEffect {
  eventType: string;
  handler: string;
  aggregateId: string | null;
  payload: unknown;
  /** Unique per intended effect: writing the same key twice keeps the first. */
  key: string;
  /**
   * A later change makes an earlier effect of the same handler and aggregate redundant (a card
   * shows the current state): one still waiting and not held by a dispatcher is brought forward
   * instead of adding another.
   */
  coalesce?: boolean;
}

/** What an admin or a digest sees of an effect that gave up: codes and ids, nothing personal. */
export interface DeadLetter {
  id: number;
  eventType: string;
  handler: string;
  aggregateId: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
}

/** The outbox table on SQLite and PostgreSQL alike (src/outbox/dispatcher.ts runs its rows). */
export class OutboxRepository {
  constructor(private readonly store: Store) {}

  /**
   * Writes effects inside `trx`, the transaction of the change they belong to.
   * @returns the ids of rows this change added or brought forward (to run at once after commit).
   */
  async write(trx: Kysely<Database>, effects: NewEffect[], at: Date): Promise<number[]> {
    const ids: number[] = [];
    for (const effect of effects) {
      if (effect.coalesce && effect.aggregateId !== null) {
        const nudged = await trx
          .updateTable("outbox")
          .set({ run_at: at.getTime(), state: "pending" })
          .where("handler", "=", effect.handler)
          .where("aggregate_id", "=", effect.aggregateId)
          .where("state", "in", ["pending", "waiting"])
          .where("claimed_by", "is", null)
          .returning("id")
          .execute();
        if (nudged.length > 0) {
          ids.push(...nudged.map((row) => row.id));
          continue;
        }
      }
      const inserted = await trx
        .insertInto("outbox")
        .values({
          event_type: effect.eventType,
          handler: effect.handler,
          aggregate_id: effect.aggregateId,
          payload: JSON.stringify(effect.payload),
          idempotency_key: effect.key,
          state: "pending",
          attempts: 0,
          run_at: at.getTime(),
          claimed_by: null,
          last_error: null,
          created_at: at.getTime(),
          finished_at: null,
        })
        .onConflict((oc) => oc.column("idempotency_key").doNothing())
        .returning("id")
        .execute();
      ids.push(...inserted.map((row) => row.id));
    }
    return ids;
  }

  /** Writes effects in a transaction of their own (a change that is itself one statement). */
  async writeWith<T>(
    change: (trx: Kysely<Database>) => Promise<{ result: T; effects: NewEffect[] }>,
    at: Date,
  ): Promise<{ result: T; ids: number[] }> {
    return this.store.db.transaction().execute(async (trx) => {
      const { result, effects } = await change(trx);
      return { result, ids: effects.length ? await this.write(trx, effects, at) : [] };
    });
  }

  /**
   * Atomically takes up to `limit` due rows of the given handlers under a lease, like
   * `claimLeased` (src/store/lease.ts): a process runs only the effects it has handlers for.
   */
  async claimDue(
    handlers: string[],
    now: Date,
    limit: number,
    instance: string,
    leaseMs: number,
  ): Promise<OutboxRow[]> {
    return this.claim({ handlers, limit }, now, instance, leaseMs);
  }

  /** Takes the given rows, if they are still due and nobody holds them (run right after commit). */
  async claimIds(
    handlers: string[],
    ids: number[],
    now: Date,
    instance: string,
    leaseMs: number,
  ): Promise<OutboxRow[]> {
    if (ids.length === 0) return [];
    return this.claim({ handlers, ids }, now, instance, leaseMs);
  }

  private async claim(
    which: { handlers: string[]; ids?: number[]; limit?: number },
    now: Date,
    instance: string,
    leaseMs: number,
  ): Promise<OutboxRow[]> {
    if (which.handlers.length === 0) return [];
    const db = this.store.db;
    let due = db
      .selectFrom("outbox")
      .select("id")
      .where("run_at", "is not", null)
      .where("run_at", "<=", now.getTime())
      .where("handler", "in", which.handlers)
      .orderBy("run_at")
      .orderBy("id");
    if (which.ids) due = due.where("id", "in", which.ids);
    if (which.limit) due = due.limit(which.limit);
    if (this.store.dialect === "postgres") due = due.forUpdate().skipLocked();
    const rows = await db
      .updateTable("outbox")
      .set({ claimed_by: instance, run_at: now.getTime() + leaseMs, attempts: sql<number>`attempts + 1` })
      .where("id", "in", due)
      .returningAll()
      .execute();
    return rows.sort((a, b) => a.id - b.id);
  }

  /** The effect happened: only while this instance still holds the row. False when it lost it. */
  async done(id: number, instance: string, at: Date, db: Kysely<Database> = this.store.db): Promise<boolean> {
    const result = await db
      .updateTable("outbox")
      .set({ state: "done", run_at: null, claimed_by: null, finished_at: at.getTime(), last_error: null })
      .where("id", "=", id)
      .where("claimed_by", "=", instance)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Back in the queue at `runAt` (a failed attempt, or a wait for a channel). */
  async retryAt(
    id: number,
    instance: string,
    runAt: Date,
    error: string,
    state: "pending" | "waiting" = "pending",
    /** A wait is not a failed try: it does not count towards the dead letter. */
    uncount = false,
  ): Promise<void> {
    await this.store.db
      .updateTable("outbox")
      .set({
        run_at: runAt.getTime(),
        claimed_by: null,
        state,
        last_error: error.slice(0, 64),
        ...(uncount ? { attempts: sql<number>`attempts - 1` } : {}),
      })
      .where("id", "=", id)
      .where("claimed_by", "=", instance)
      .execute();
  }

  /** Gave up: kept, visible, never run again unless an admin retries it. */
  async dead(id: number, instance: string, error: string, at: Date): Promise<void> {
    await this.store.db
      .updateTable("outbox")
      .set({
        state: "dead",
        run_at: null,
        claimed_by: null,
        last_error: error.slice(0, 64),
        finished_at: at.getTime(),
      })
      .where("id", "=", id)
      .where("claimed_by", "=", instance)
      .execute();
  }

  /** Effects waiting for a cause that is now fixed (a channel linked): due at once. */
  async wake(handlers: string[], lastError: string, now: Date): Promise<number[]> {
    const rows = await this.store.db
      .updateTable("outbox")
      .set({ run_at: now.getTime(), state: "pending" })
      .where("handler", "in", handlers)
      .where("state", "=", "waiting")
      .where("last_error", "=", lastError)
      .where("claimed_by", "is", null)
      .returning("id")
      .execute();
    return rows.map((row) => row.id);
  }

  /** Effects that gave up, newest first. */
  async deadLetters(limit = 50): Promise<DeadLetter[]> {
    const rows = await this.store.db
      .selectFrom("outbox")
      .selectAll()
      .where("state", "=", "dead")
      .orderBy("id", "desc")
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      eventType: row.event_type,
      handler: row.handler,
      aggregateId: row.aggregate_id,
      attempts: row.attempts,
      lastError: row.last_error,
      createdAt: new Date(row.created_at),
    }));
  }

  /** How many effects gave up (for the team channels' digest). */
  async countDead(): Promise<number> {
    const row = await this.store.db
      .selectFrom("outbox")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("state", "=", "dead")
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** An admin's "try again": the dead effect is due at once, with a fresh count. */
  async revive(id: number, now: Date): Promise<boolean> {
    const result = await this.store.db
      .updateTable("outbox")
      .set({ state: "pending", run_at: now.getTime(), attempts: 0, finished_at: null })
      .where("id", "=", id)
      .where("state", "=", "dead")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Rows of one aggregate (tests and the admin view). */
  forAggregate(aggregateId: string): Promise<OutboxRow[]> {
    return this.store.db
      .selectFrom("outbox")
      .selectAll()
      .where("aggregate_id", "=", aggregateId)
      .orderBy("id")
      .execute();
  }

  /** Finished rows older than `before` are forgotten (dead ones stay until revived or handled). */
  async purgeDone(before: Date): Promise<void> {
    await this.store.db
      .deleteFrom("outbox")
      .where("state", "=", "done")
      .where("finished_at", "<", before.getTime())
      .execute();
  }
}

/** A fresh key for an effect whose change has no natural one. */
export function effectKey(prefix: string): string {
  return `${prefix}:${randomUUID()}`;
}
