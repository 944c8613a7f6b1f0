import { sql, type Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";

/** Deadlines the bot keeps, the reminders it sends for them, and the team channels it posts to. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("deadlines")
    .addColumn("id", "varchar(160)", (col) => col.primaryKey())
    .addColumn("kind", "varchar(16)", (col) => col.notNull())
    .addColumn("case_id", "varchar(64)", (col) => col.notNull())
    .addColumn("case_ref", "varchar(64)", (col) => col.notNull())
    .addColumn("insats", "varchar(64)", (col) => col.notNull())
    .addColumn("due_on", "varchar(10)", (col) => col.notNull())
    .addColumn("starts_at", "bigint")
    .addColumn("rule", "varchar(16)")
    .addColumn("caseworker_id", "varchar(64)", (col) => col.notNull())
    .addColumn("caseworker_unit", "varchar(32)", (col) => col.notNull())
    .addColumn("district", "varchar(64)")
    .addColumn("jobbtorg_unit", "varchar(16)")
    .addColumn("state", "varchar(16)", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("closed_at", "bigint")
    .execute();
  await db.schema.createIndex("deadlines_open_due").on("deadlines").columns(["state", "due_on"]).execute();
  await db.schema.createIndex("deadlines_case").on("deadlines").column("case_id").execute();

  await withIdColumn(db, db.schema.createTable("reminders"))
    .addColumn("deadline_id", "varchar(160)")
    .addColumn("kind", "varchar(24)", (col) => col.notNull())
    .addColumn("target", "varchar(512)", (col) => col.notNull())
    .addColumn("due_at", "bigint", (col) => col.notNull())
    .addColumn("run_at", "bigint")
    .addColumn("idempotency_key", "varchar(400)", (col) => col.notNull().unique())
    .addColumn("state", "varchar(16)", (col) => col.notNull())
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("claimed_by", "varchar(64)")
    .addColumn("last_error", "varchar(256)")
    .addColumn("sent_at", "bigint")
    .addColumn("activity_id", "varchar(256)")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .execute();
  // Only live rows (pending, claimed, waiting) have run_at: the due query reads a small index
  // however many finished reminders pile up.
  await db.schema
    .createIndex("reminders_run_at")
    .on("reminders")
    .column("run_at")
    .where(sql.ref("run_at"), "is not", null)
    .execute();
  await db.schema.createIndex("reminders_deadline").on("reminders").column("deadline_id").execute();

  await db.schema
    .createTable("team_channels")
    .addColumn("channel_key", "varchar(512)", (col) => col.primaryKey())
    .addColumn("scope_key", "varchar(128)", (col) => col.notNull().unique())
    .addColumn("unit", "varchar(32)", (col) => col.notNull())
    .addColumn("district", "varchar(64)")
    .addColumn("registered_by", "varchar(64)", (col) => col.notNull())
    .addColumn("registered_at", "bigint", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("team_channels").execute();
  await db.schema.dropTable("reminders").execute();
  await db.schema.dropTable("deadlines").execute();
}
