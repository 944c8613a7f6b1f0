import type { Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";

/**
 * Cases, their step history, and the orders sent to Jobbtorg (src/cases). Only what the process
 * needs: case reference, type, dates, step states, gender, age, unit, caseworker and the
 * decision's parameters — no names, no personnummer, no free text (README, Privacy).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("cases")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("case_ref", "varchar(64)", (col) => col.notNull().unique())
    // The new-application card's draft id: a double submit finds the case it already created.
    .addColumn("creation_key", "varchar(64)", (col) => col.notNull().unique())
    .addColumn("type", "varchar(1)", (col) => col.notNull())
    .addColumn("insats", "varchar(32)", (col) => col.notNull())
    .addColumn("caseworker_id", "varchar(64)", (col) => col.notNull())
    .addColumn("unit", "varchar(32)", (col) => col.notNull())
    .addColumn("district", "varchar(64)", (col) => col.notNull())
    .addColumn("gender", "varchar(8)", (col) => col.notNull())
    .addColumn("age", "integer", (col) => col.notNull())
    .addColumn("received_on", "varchar(10)", (col) => col.notNull())
    .addColumn("step", "varchar(32)", (col) => col.notNull())
    .addColumn("cycle", "integer", (col) => col.notNull().defaultTo(0))
    // Optimistic concurrency: every change bumps it; a card action carries the version it saw.
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("decision_outcome", "varchar(16)")
    .addColumn("decided_on", "varchar(10)")
    .addColumn("jobbtorg_unit", "varchar(8)")
    .addColumn("next_due_kind", "varchar(32)")
    .addColumn("next_due_on", "varchar(10)")
    .addColumn("closed_on", "varchar(10)")
    .addColumn("close_reason", "varchar(32)")
    // The aggregate's step states (src/domain/case.ts caseStateSchema), validated on read.
    .addColumn("state", "text", (col) => col.notNull())
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema
    .createIndex("cases_caseworker_open")
    .on("cases")
    .columns(["caseworker_id", "closed_on"])
    .execute();
  await db.schema
    .createIndex("cases_unit_open")
    .on("cases")
    .columns(["unit", "district", "closed_on"])
    .execute();

  await withIdColumn(db, db.schema.createTable("case_step_events"))
    .addColumn("case_id", "varchar(36)", (col) => col.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("case_ref", "varchar(64)", (col) => col.notNull())
    // The case version this event produced: at most one event per version, whatever retries.
    .addColumn("version", "integer", (col) => col.notNull())
    .addColumn("step", "varchar(32)", (col) => col.notNull())
    .addColumn("action", "varchar(32)", (col) => col.notNull())
    .addColumn("detail", "varchar(64)")
    .addColumn("actor", "varchar(64)", (col) => col.notNull())
    .addColumn("at", "bigint", (col) => col.notNull())
    .addUniqueConstraint("case_step_events_version", ["case_id", "version"])
    .execute();

  await db.schema
    .createTable("orders")
    .addColumn("id", "varchar(36)", (col) => col.primaryKey())
    .addColumn("case_id", "varchar(36)", (col) => col.notNull().references("cases.id").onDelete("cascade"))
    .addColumn("case_ref", "varchar(64)", (col) => col.notNull())
    .addColumn("insats", "varchar(32)", (col) => col.notNull())
    .addColumn("jobbtorg_unit", "varchar(8)", (col) => col.notNull())
    .addColumn("district", "varchar(64)", (col) => col.notNull())
    .addColumn("decision_from", "varchar(10)")
    .addColumn("decision_to", "varchar(10)")
    .addColumn("ordered_on", "varchar(10)", (col) => col.notNull())
    .addColumn("gp_due_on", "varchar(10)", (col) => col.notNull())
    .addColumn("gp_rule", "varchar(16)", (col) => col.notNull())
    .addColumn("state", "varchar(16)", (col) => col.notNull())
    .addColumn("assignee", "varchar(64)")
    .addColumn("gp_sent_on", "varchar(10)")
    .addColumn("created_at", "bigint", (col) => col.notNull())
    .addColumn("updated_at", "bigint", (col) => col.notNull())
    .execute();
  await db.schema.createIndex("orders_unit_state").on("orders").columns(["jobbtorg_unit", "state"]).execute();
  await db.schema.createIndex("orders_case").on("orders").column("case_id").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("orders").execute();
  await db.schema.dropTable("case_step_events").execute();
  await db.schema.dropTable("cases").execute();
}
