import { sql, type Kysely } from "kysely";

/**
 * The Teams tab's queries read index ranges in the order they answer (src/tab/service.ts), measured
 * with EXPLAIN at 10,000 cases (`npm run bench -- tab`):
 * - "Mina ärenden" sorts by nearest deadline with cases without one last. 0012's indexes held
 *   `next_due_on` itself, whose NULLs sort first in SQLite and last in PostgreSQL, so both sorted
 *   the whole scope per page; the list now orders by `coalesce(next_due_on, '9999-12-31')`, and
 *   these expression indexes of the open cases hold exactly that, so a page is the first rows of
 *   one range.
 * - "Uppföljning" counted Jobbtorg's orders of a period by scanning every order (0012's index
 *   leads with the unit), and a team leader's decisions by reading all the unit's cases.
 * - "Teamets frister" counted deadlines per caseworker by visiting every deadline row.
 * - The case page's open deadlines: SQLite walked every open deadline in due order (the index
 *   that spares the sort) rather than the case's few.
 * - A compiled follow-up is reused until a case or an order is written: the latest write is one
 *   index seek each.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // Partial (open cases only): PostgreSQL reads an index in order only after columns compared with
  // "=", and `closed_on IS NULL` is not one; SQLite takes the same indexes.
  const due = sql.raw(`coalesce(next_due_on, '9999-12-31')`);
  await db.schema.dropIndex("cases_unit_open_due").execute();
  await db.schema.dropIndex("cases_open_due").execute();
  await sql`create index cases_open_due_caseworker on cases (caseworker_id, ${due}, case_ref) where closed_on is null`.execute(
    db,
  );
  await sql`create index cases_open_due_unit on cases (unit, district, ${due}, case_ref) where closed_on is null`.execute(
    db,
  );
  await sql`create index cases_open_due on cases (${due}, case_ref) where closed_on is null`.execute(db);
  await db.schema
    .createIndex("cases_unit_decided")
    .on("cases")
    .columns(["unit", "district", "decided_on", "insats", "gender", "decision_outcome"])
    .execute();
  await db.schema
    .createIndex("orders_ordered")
    .on("orders")
    .columns(["ordered_on", "jobbtorg_unit", "assigned_at", "gp_sent_on", "district", "case_id"])
    .execute();
  await db.schema
    .createIndex("deadlines_open_caseworker")
    .on("deadlines")
    .columns(["state", "caseworker_unit", "district", "kind", "caseworker_id", "due_on", "jobbtorg_unit"])
    .execute();
  // A page of cases asks for their current orders by case id: from the index alone (PostgreSQL
  // otherwise read every order rather than fifty probes).
  await db.schema
    .createIndex("orders_case_current")
    .on("orders")
    .columns(["case_id", "state", "jobbtorg_unit", "assignee", "created_at"])
    .execute();
  await db.schema
    .createIndex("deadlines_case_open")
    .on("deadlines")
    .columns(["case_id", "state", "due_on"])
    .execute();
  await db.schema.createIndex("cases_updated").on("cases").column("updated_at").execute();
  await db.schema.createIndex("orders_updated").on("orders").column("updated_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    "orders_updated",
    "cases_updated",
    "deadlines_case_open",
    "orders_case_current",
    "deadlines_open_caseworker",
    "orders_ordered",
    "cases_unit_decided",
    "cases_open_due",
    "cases_open_due_unit",
    "cases_open_due_caseworker",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
  await db.schema.createIndex("cases_open_due").on("cases").columns(["closed_on", "next_due_on"]).execute();
  await db.schema
    .createIndex("cases_unit_open_due")
    .on("cases")
    .columns(["unit", "closed_on", "next_due_on"])
    .execute();
}
