import type { Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";
import { up as createOrderDeliveries } from "./0006_order_deliveries.js";

/**
 * The transactional outbox (src/outbox): one row per effect of a committed change, written in the
 * change's own transaction; dispatchers claim due rows under a lease (src/store/lease.ts). The
 * payload holds ids and dates only, never names or free text. It replaces `order_deliveries`, the
 * order cards' own retry queue: one mechanism for every effect.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("outbox"))
    .addColumn("event_type", "varchar(48)", (col) => col.notNull())
    .addColumn("handler", "varchar(48)", (col) => col.notNull())
    .addColumn("aggregate_id", "varchar(64)")
    .addColumn("payload", "text", (col) => col.notNull())
    .addColumn("idempotency_key", "varchar(200)", (col) => col.notNull().unique())
    // pending | waiting | done | dead
    .addColumn("state", "varchar(12)", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    // The next attempt; while an instance holds the row, the end of its lease; null once finished.
    .addColumn("run_at", "bigint")
    .addColumn("claimed_by", "varchar(64)")
    // A stable code (an HTTP status, "no-channel", an error name), never a message text.
    .addColumn("last_error", "varchar(64)")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  await db.schema.createIndex("outbox_run_at").on("outbox").column("run_at").execute();
  await db.schema.createIndex("outbox_aggregate").on("outbox").columns(["handler", "aggregate_id"]).execute();
  await db.schema.dropTable("order_deliveries").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("outbox").execute();
  await createOrderDeliveries(db);
}
