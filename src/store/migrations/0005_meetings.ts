import type { Kysely } from "kysely";

/**
 * Multi-party meetings booked through a Jobbtorg functional mailbox (src/meetings). Only what
 * booking, moving and cancelling need: the case reference, the time, the attendees' roles and
 * addresses (staff and invited parties — never the client, who is only a yes/no).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("meetings")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("case_id", "varchar(36)", (col) => col.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("case_ref", "varchar(64)", (col) => col.notNull())
    // Which adapter booked it (graph, smtp, outbox): a cancel goes the same way.
    .addColumn("adapter", "varchar(8)", (col) => col.notNull())
    .addColumn("jobbtorg_unit", "varchar(8)", (col) => col.notNull())
    .addColumn("mailbox", "varchar(254)", (col) => col.notNull())
    .addColumn("starts_at", "bigint", (col) => col.notNull())
    .addColumn("ends_at", "bigint", (col) => col.notNull())
    // JSON [{ role, address }]
    .addColumn("attendees", "text", (col) => col.notNull())
    .addColumn("client_attends", "integer", (col) => col.notNull())
    // booking → booked → cancelled; a failed delivery removes the booking row.
    .addColumn("state", "varchar(16)", (col) => col.notNull())
    // RFC 5546 SEQUENCE; also the optimistic version of the row.
    .addColumn("sequence", "integer", (col) => col.notNull())
    .addColumn("external_id", "varchar(512)")
    .addColumn("delivered_to", "varchar(1024)")
    .addColumn("join_url", "varchar(1024)")
    .addColumn("booked_by", "varchar(64)", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("meetings_case_state").on("meetings").columns(["case_id", "state"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("meetings").execute();
}
