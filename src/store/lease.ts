import { sql, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Store } from "./db.js";
import type { Database } from "./schema.js";

/** What every leased queue table has: when a row is next due (while claimed: its lease's end), by whom, how often tried. */
interface LeaseColumns {
  id: number;
  run_at: number | null;
  claimed_by: string | null;
  attempts: number;
}

/** The tables that are leased queues (reminders, order deliveries). */
export type LeasedTable = {
  [T in keyof Database]: Selectable<Database[T]> extends LeaseColumns ? T : never;
}[keyof Database];

/**
 * Atomically takes up to `limit` due rows of a queue table for this instance: one UPDATE …
 * RETURNING, with FOR UPDATE SKIP LOCKED on PostgreSQL (SQLite serialises writers). A claimed row
 * gets a lease: its run_at moves to the lease's end, so a row whose instance died is claimed again
 * then; `attempts` counts the claims. `extra` is set on the claimed rows too (a state, say).
 */
export async function claimLeased<T extends LeasedTable>(
  store: Store,
  table: T,
  lease: { now: Date; limit: number; instance: string; leaseMs: number },
  extra: Updateable<Database[T]> = {},
): Promise<Selectable<Database[T]>[]> {
  // Kysely cannot check columns of a table chosen by a type parameter: the query is written
  // against the columns all leased tables share (LeasedTable guarantees them).
  const db = store.db as unknown as Kysely<{ leased: LeaseColumns }>;
  const name = table as unknown as "leased";
  let due = db
    .selectFrom(name)
    .select("id")
    .where("run_at", "is not", null)
    .where("run_at", "<=", lease.now.getTime())
    .orderBy("run_at")
    .limit(lease.limit);
  if (store.dialect === "postgres") due = due.forUpdate().skipLocked();
  const rows = await db
    .updateTable(name)
    .set({
      claimed_by: lease.instance,
      run_at: lease.now.getTime() + lease.leaseMs,
      attempts: sql<number>`attempts + 1`,
    })
    .set(extra as Updateable<LeaseColumns>)
    .where("id", "in", due)
    .returningAll()
    .execute();
  return rows as unknown as Selectable<Database[T]>[];
}
