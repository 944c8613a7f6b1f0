import type { Kysely } from "kysely";
import { withIdColumn } from "../migration-helpers.js";

/**
 * Retention (src/retention): anonymous counts of cases deleted after their retention period, so
 * the follow-up reports still count them (no reference, no id, no person: month, type, insats,
 * unit, district, close reason and a number), and the leased row of the scheduled purge (one
 * instance runs it, src/store/lease.ts).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await withIdColumn(db, db.schema.createTable("retention_counts"))
    .addColumn("closed_month", "varchar(7)", (col) => col.notNull())
    .addColumn("case_type", "varchar(1)", (col) => col.notNull())
    .addColumn("insats", "varchar(32)", (col) => col.notNull())
    .addColumn("unit", "varchar(32)", (col) => col.notNull())
    .addColumn("district", "varchar(64)", (col) => col.notNull())
    .addColumn("close_reason", "varchar(32)", (col) => col.notNull())
    .addColumn("cases", "integer", (col) => col.notNull())
    .addUniqueConstraint("retention_counts_cell", [
      "closed_month",
      "case_type",
      "insats",
      "unit",
      "district",
      "close_reason",
    ])
    .execute();

  await withIdColumn(db, db.schema.createTable("maintenance_jobs"))
    .addColumn("name", "varchar(64)", (col) => col.notNull().unique())
    // The next run; while an instance holds the job, the end of its lease.
    .addColumn("run_at", "bigint")
    .addColumn("claimed_by", "varchar(64)")
    .addColumn("attempts", "integer", (col) => col.notNull().defaultTo(0))
    .addColumn("last_run_at", "bigint")
    .execute();
  await (db as Kysely<{ maintenance_jobs: { name: string; run_at: number; attempts: number } }>)
    .insertInto("maintenance_jobs")
    .values({ name: "retention-purge", run_at: 0, attempts: 0 })
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("maintenance_jobs").execute();
  await db.schema.dropTable("retention_counts").execute();
}
