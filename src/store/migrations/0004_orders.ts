import type { Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";

/**
 * Jobbtorg's order handling (src/orders): who took or assigned an order and when, follow-up
 * requests, efterstöd and closing; where each order's cards were posted (so every copy can be
 * updated in place); and the anonymised decision register (no case reference, no case id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable("orders").addColumn("assigned_at", "bigint").execute();
  await db.schema.alterTable("orders").addColumn("assigned_by", "varchar(64)").execute();
  await db.schema.alterTable("orders").addColumn("follow_up_requested_on", "varchar(10)").execute();
  await db.schema.alterTable("orders").addColumn("efterstod_on", "varchar(10)").execute();
  await db.schema.alterTable("orders").addColumn("closed_on", "varchar(10)").execute();
  await db.schema.createIndex("orders_assignee_state").on("orders").columns(["assignee", "state"]).execute();

  await withIdColumn(db, db.schema.createTable("order_cards"))
    .addColumn("order_id", "varchar(36)", (col) => col.notNull().references("orders.id").onDelete("cascade"))
    .addColumn("conversation_key", "varchar(256)", (col) => col.notNull())
    .addColumn("activity_id", "varchar(256)", (col) => col.notNull())
    .addColumn("posted_at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("order_cards_order_conversation", ["order_id", "conversation_key"])
    .execute();

  // Deliberately unlinked from cases: one row per decision, nothing that leads back to a person.
  await withIdColumn(db, db.schema.createTable("decision_register"))
    .addColumn("decided_on", "varchar(10)", (col) => col.notNull())
    .addColumn("case_type", "varchar(1)", (col) => col.notNull())
    .addColumn("insats", "varchar(32)", (col) => col.notNull())
    .addColumn("outcome", "varchar(16)", (col) => col.notNull())
    .addColumn("legal_basis", "varchar(256)", (col) => col.notNull())
    .addColumn("gender", "varchar(8)", (col) => col.notNull())
    .addColumn("age_band", "varchar(8)", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("decision_register_on").on("decision_register").column("decided_on").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("decision_register").execute();
  await db.schema.dropTable("order_cards").execute();
  await db.schema.dropIndex("orders_assignee_state").execute();
  for (const column of [
    "closed_on",
    "efterstod_on",
    "follow_up_requested_on",
    "assigned_by",
    "assigned_at",
  ]) {
    await db.schema.alterTable("orders").dropColumn(column).execute();
  }
}
