import type { Kysely } from "kysely";

/**
 * The tenant's recent sends, shared by all instances (src/store/send-budget.ts): each send's
 * place in the tenant's sequence, when it was reserved and when Teams answered it. A send may go
 * only a second after every send 50 places before it was answered, so no sliding second holds
 * more than 50 at Teams' end, however late a timer fired.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("send_log")
    .addColumn("tenant", "varchar(64)", (col) => col.notNull())
    .addColumn("seq", "bigint", (col) => col.notNull())
    .addColumn("reserved_at_us", "bigint", (col) => col.notNull())
    .addColumn("answered_at_us", "bigint")
    .addPrimaryKeyConstraint("send_log_pk", ["tenant", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("send_log").execute();
}
