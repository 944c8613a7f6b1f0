import type { Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";

/**
 * Order cards that did not reach Teams (src/orders/delivery.ts): which order, which conversation,
 * whether the copy still has to be posted or updated, how often it was tried and when it is tried
 * next. No card content, no names: the card is rendered anew at every attempt. A row exists only
 * while something is pending and is deleted once the copy landed (or can never land).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("order_deliveries"))
    .addColumn("order_id", "varchar(36)", (col) => col.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("conversation_key", "varchar(256)", (col) => col.notNull())
    // post | update
    .addColumn("pending", "varchar(8)", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull())
    // The next attempt; while an instance holds the row, the end of its lease.
    .addColumn("run_at", "bigint", (col) => col.notNull())
    .addColumn("claimed_by", "varchar(64)")
    .addUniqueConstraint("order_deliveries_order_conversation", ["order_id", "conversation_key"])
    .execute();
  await db.schema.createIndex("order_deliveries_run_at").on("order_deliveries").column("run_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("order_deliveries").execute();
}
