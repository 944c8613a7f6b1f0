import type { Kysely, Transaction } from "kysely";
import type { Database } from "../store/schema.js";
import "../cases/schema.js";
import "../meetings/repository.js";
import "../orders/schema.js";
import "../reminders/schema.js";

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Deletes every row that belongs to these cases, children first: reminders of their deadlines,
 * the deadlines, meetings, order card copies, outbox rows about the cases or their orders, orders, step history, and
 * the cases themselves. The audit log is not touched (it has its own retention).
 * @remarks The one place that knows which tables hold a case's rows: a table added for cases
 * (an outbox, say) gets its delete here, and retention and its tests cover it.
 */
export async function deleteCaseRows(db: Db, caseIds: readonly string[]): Promise<void> {
  if (caseIds.length === 0) return;
  const ids = [...caseIds];
  const deadlines = db.selectFrom("deadlines").select("id").where("case_id", "in", ids);
  await db.deleteFrom("reminders").where("deadline_id", "in", deadlines).execute();
  await db.deleteFrom("deadlines").where("case_id", "in", ids).execute();
  await db.deleteFrom("meetings").where("case_id", "in", ids).execute();
  const orders = db.selectFrom("orders").select("id").where("case_id", "in", ids);
  await db.deleteFrom("outbox").where("aggregate_id", "in", ids).execute();
  await db.deleteFrom("outbox").where("aggregate_id", "in", orders).execute();
  await db.deleteFrom("order_cards").where("order_id", "in", orders).execute();
  await db.deleteFrom("orders").where("case_id", "in", ids).execute();
  await db.deleteFrom("case_step_events").where("case_id", "in", ids).execute();
  await db.deleteFrom("cases").where("id", "in", ids).execute();
}

/** How many rows {@link deleteCaseRows} would delete, per table (for `db purge --dry-run`). */
export async function countCaseRows(db: Db, caseIds: readonly string[]): Promise<Record<string, number>> {
  if (caseIds.length === 0) return {};
  const ids = [...caseIds];
  const deadlines = db.selectFrom("deadlines").select("id").where("case_id", "in", ids);
  const orders = db.selectFrom("orders").select("id").where("case_id", "in", ids);
  const count = async (
    table: "case_step_events" | "orders" | "meetings" | "deadlines" | "order_cards" | "outbox" | "reminders",
    column: "case_id" | "order_id" | "deadline_id" | "aggregate_id",
    among: unknown,
  ) => {
    const row = await (db as Kysely<Database>)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where(column as never, "in", among as never)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  return {
    cases: ids.length,
    case_step_events: await count("case_step_events", "case_id", ids),
    orders: await count("orders", "case_id", ids),
    order_cards: await count("order_cards", "order_id", orders),
    outbox: (await count("outbox", "aggregate_id", ids)) + (await count("outbox", "aggregate_id", orders)),
    meetings: await count("meetings", "case_id", ids),
    deadlines: await count("deadlines", "case_id", ids),
    reminders: await count("reminders", "deadline_id", deadlines),
  };
}
