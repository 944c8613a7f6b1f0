import type { Kysely } from "kysely";

/**
 * Indexes for the Teams tab's lists and statistics (src/tab): every query the tab makes reads an
 * index range, not the whole table, at tens of thousands of cases.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  // "Uppföljning": decisions in a period, counted by unit, district, insats, gender and outcome from the index alone.
  await db.schema
    .createIndex("cases_decided")
    .on("cases")
    .columns(["decided_on", "unit", "district", "insats", "gender", "decision_outcome"])
    .execute();
  // A team leader's or admin's case list, nearest deadline first, without sorting the whole unit.
  await db.schema
    .createIndex("cases_unit_open_due")
    .on("cases")
    .columns(["unit", "closed_on", "next_due_on"])
    .execute();
  await db.schema.createIndex("cases_open_due").on("cases").columns(["closed_on", "next_due_on"]).execute();
  // "Teamets frister": a unit's open deadlines in due order.
  await db.schema
    .createIndex("deadlines_unit_open")
    .on("deadlines")
    .columns(["state", "caseworker_unit", "district", "due_on"])
    .execute();
  // Jobbtorg's queue and speed over a period.
  await db.schema
    .createIndex("orders_unit_ordered")
    .on("orders")
    .columns(["jobbtorg_unit", "ordered_on", "assigned_at", "gp_sent_on"])
    .execute();
  await db.schema.createIndex("orders_state_district").on("orders").columns(["state", "district"]).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const name of [
    "orders_state_district",
    "orders_unit_ordered",
    "deadlines_unit_open",
    "cases_open_due",
    "cases_unit_open_due",
    "cases_decided",
  ]) {
    await db.schema.dropIndex(name).execute();
  }
}
