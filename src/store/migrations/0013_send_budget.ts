import type { Kysely } from "kysely";

/**
 * The per-tenant send budget shared by all instances (src/store/send-budget.ts): one row per
 * tenant with the next free send slot, in epoch microseconds.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("send_budget")
    .addColumn("tenant", "varchar(64)", (col) => col.primaryKey())
    .addColumn("next_at_us", "bigint", (col) => col.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("send_budget").execute();
}
