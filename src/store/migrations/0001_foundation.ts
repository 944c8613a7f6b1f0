import type { Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("conversation_references")
    .addColumn("key", "varchar(512)", (col) => col.primaryKey())
    .addColumn("kind", "varchar(16)", (col) => col.notNull())
    .addColumn("reference", "text", (col) => col.notNull())
    .addColumn("tenant_id", "varchar(64)")
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .addColumn("stale_at", "bigint")
    .execute();

  await withIdColumn(db, db.schema.createTable("audit_log"))
    .addColumn("at", "bigint", (col) => col.notNull())
    .addColumn("actor", "varchar(256)", (col) => col.notNull())
    .addColumn("action", "varchar(128)", (col) => col.notNull())
    .addColumn("case_ref", "varchar(64)")
    .addColumn("detail", "varchar(512)")
    .execute();
  await db.schema.createIndex("audit_log_case_ref").on("audit_log").columns(["case_ref", "at"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("audit_log").execute();
  await db.schema.dropTable("conversation_references").execute();
}
