import type { Kysely, Transaction } from "kysely";
import { DateTime } from "luxon";
import { stockholmDate, type IsoDate } from "../deadlines/index.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import "../experts/schema.js";
import { countCaseRows, deleteCaseRows } from "./case-rows.js";
import type { RetentionCountTable } from "./schema.js";

/** How long things are kept (README, "Dataskydd: vad som lagras och hur länge"). */
export interface RetentionPolicy {
  /** Months after closing a case's reference, steps and dates are kept. */
  caseMonths: number;
  /** Months an audit log entry is kept. */
  auditMonths: number;
}

/** The retention policy from configuration (RETENTION_MONTHS, AUDIT_RETENTION_MONTHS). */
export function retentionPolicyFrom(config: {
  RETENTION_MONTHS: number;
  AUDIT_RETENTION_MONTHS: number;
}): RetentionPolicy {
  return { caseMonths: config.RETENTION_MONTHS, auditMonths: config.AUDIT_RETENTION_MONTHS };
}

export interface PurgeReport {
  /** Cases closed before this date go. */
  closedBefore: IsoDate;
  /** Audit entries written before this instant go. */
  auditBefore: string;
  /** Rows per table (deleted, or that would be in a dry run). */
  rows: Record<string, number>;
  /** Audit entries (deleted, or that would be). */
  auditEntries: number;
  /** Expert questions asked before this instant are deleted, or lose their asker if kept as an entry. */
  expertBefore: string;
  dryRun: boolean;
}

/** The date `months` months before `on` (end-of-month days clamp: 31 March − 1 month = 28/29 Feb). */
export function monthsBefore(on: IsoDate, months: number): IsoDate {
  return DateTime.fromISO(on, { zone: "utc" }).minus({ months }).toISODate()!;
}

/** Cases deleted per transaction: bounded, so a first purge of years of cases never holds a long lock. */
const batchSize = 200;

/**
 * Deletes what has been kept long enough: closed cases (and every row of theirs, through
 * `deleteCaseRows`) whose closing date lies more than `caseMonths` back, and audit entries older
 * than `auditMonths`. Before a case goes, it is added to the anonymous counts (`retention_counts`)
 * in the same transaction, so reports still count it. The decision register never links to a
 * case and is not touched.
 */
export async function purgeExpired(
  store: Store,
  policy: RetentionPolicy,
  now: Date,
  options: { dryRun?: boolean } = {},
): Promise<PurgeReport> {
  const today = stockholmDate(now);
  const closedBefore = monthsBefore(today, policy.caseMonths);
  const auditBefore = DateTime.fromJSDate(now, { zone: "utc" })
    .minus({ months: policy.auditMonths })
    .toJSDate();
  // A question to the experts is a message text kept for the loop, so it lives as long as a closed
  // case's rows: RETENTION_MONTHS after it was asked. One an expert kept in the knowledge base
  // stays (it is the entry's source) but no longer says who asked.
  const expertBefore = DateTime.fromJSDate(now, { zone: "utc" })
    .minus({ months: policy.caseMonths })
    .toJSDate();
  const report: PurgeReport = {
    closedBefore,
    auditBefore: auditBefore.toISOString(),
    rows: {},
    auditEntries: 0,
    expertBefore: expertBefore.toISOString(),
    dryRun: options.dryRun ?? false,
  };
  const add = (counts: Record<string, number>) => {
    for (const [table, n] of Object.entries(counts)) report.rows[table] = (report.rows[table] ?? 0) + n;
  };

  if (options.dryRun) {
    const ids = (
      await store.db
        .selectFrom("cases")
        .select("id")
        .where("closed_on", "is not", null)
        .where("closed_on", "<", closedBefore)
        .execute()
    ).map((row) => row.id);
    add(await countCaseRows(store.db, ids));
    const audit = await store.db
      .selectFrom("audit_log")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("at", "<", auditBefore.getTime())
      .executeTakeFirst();
    report.auditEntries = Number(audit?.n ?? 0);
    add(await expertRows(store.db, expertBefore.getTime(), { dryRun: true }));
    return report;
  }

  for (;;) {
    const deleted = await store.db.transaction().execute(async (trx) => {
      const expired = await trx
        .selectFrom("cases")
        .select(["id", "closed_on", "type", "insats", "unit", "district", "close_reason"])
        .where("closed_on", "is not", null)
        .where("closed_on", "<", closedBefore)
        .orderBy("closed_on")
        .limit(batchSize)
        .execute();
      if (expired.length === 0) return 0;
      const ids = expired.map((row) => row.id);
      add(await countCaseRows(trx, ids));
      const cells = new Map<string, { key: Omit<Cell, "cases">; cases: number }>();
      for (const row of expired) {
        const key = {
          closed_month: (row.closed_on ?? "").slice(0, 7),
          case_type: row.type,
          insats: row.insats,
          unit: row.unit,
          district: row.district,
          close_reason: row.close_reason ?? "okand",
        };
        const id = JSON.stringify(key);
        const cell = cells.get(id) ?? { key, cases: 0 };
        cell.cases += 1;
        cells.set(id, cell);
      }
      for (const { key, cases } of cells.values()) {
        await trx
          .insertInto("retention_counts")
          .values({ ...key, cases })
          .onConflict((oc) =>
            oc
              .columns(["closed_month", "case_type", "insats", "unit", "district", "close_reason"])
              .doUpdateSet((eb) => ({ cases: eb("retention_counts.cases", "+", eb.ref("excluded.cases")) })),
          )
          .execute();
      }
      await deleteCaseRows(trx, ids);
      return ids.length;
    });
    if (deleted < batchSize) break;
  }
  const audit = await store.db
    .deleteFrom("audit_log")
    .where("at", "<", auditBefore.getTime())
    .executeTakeFirst();
  report.auditEntries = Number(audit.numDeletedRows);
  add(await store.db.transaction().execute((trx) => expertRows(trx, expertBefore.getTime(), {})));
  return report;
}

/**
 * Expert questions asked before `before`: deleted with their waiting effects, unless an expert
 * kept the answer as a knowledge entry — then only the asker's id is erased. Returns the rows
 * (deleted, or that would be in a dry run) per table, leaving out tables with none.
 */
async function expertRows(
  db: Kysely<Database> | Transaction<Database>,
  before: number,
  options: { dryRun?: boolean },
): Promise<Record<string, number>> {
  const kept = db.selectFrom("expert_entries").select("question_id");
  const expired = db
    .selectFrom("expert_questions")
    .select("id")
    .where("asked_at", "<", before)
    .where("id", "not in", kept);
  const count = async (query: { executeTakeFirst(): Promise<{ n: string | number } | undefined> }) =>
    Number((await query.executeTakeFirst())?.n ?? 0);
  const nonZero = (counts: Record<string, number>) =>
    Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0));
  if (options.dryRun) {
    return nonZero({
      expert_questions: await count(
        db
          .selectFrom("expert_questions")
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .where("asked_at", "<", before)
          .where("id", "not in", kept),
      ),
      expert_askers_erased: await count(
        db
          .selectFrom("expert_questions")
          .select((eb) => eb.fn.countAll<string | number>().as("n"))
          .where("asked_at", "<", before)
          .where("asker_id", "<>", "")
          .where("id", "in", kept),
      ),
    });
  }
  await db.deleteFrom("outbox").where("aggregate_id", "in", expired).execute();
  const deleted = await db
    .deleteFrom("expert_questions")
    .where("asked_at", "<", before)
    .where("id", "not in", kept)
    .executeTakeFirst();
  const erased = await db
    .updateTable("expert_questions")
    .set({ asker_id: "" })
    .where("asked_at", "<", before)
    .where("asker_id", "<>", "")
    .executeTakeFirst();
  return nonZero({
    expert_questions: Number(deleted.numDeletedRows),
    expert_askers_erased: Number(erased.numUpdatedRows),
  });
}

type Cell = Omit<RetentionCountTable, "id">;

/** Closed cases per month, insats and unit: those still stored plus the anonymous counts of purged ones. */
export async function closedCaseCounts(
  store: Store,
  range: { fromMonth: string; toMonth: string },
): Promise<{ month: string; insats: string; unit: string; district: string; cases: number }[]> {
  const totals = new Map<
    string,
    { month: string; insats: string; unit: string; district: string; cases: number }
  >();
  const add = (month: string, insats: string, unit: string, district: string, cases: number) => {
    if (month < range.fromMonth || month > range.toMonth) return;
    const key = JSON.stringify([month, insats, unit, district]);
    const entry = totals.get(key) ?? { month, insats, unit, district, cases: 0 };
    entry.cases += cases;
    totals.set(key, entry);
  };
  const live = await store.db
    .selectFrom("cases")
    .select(["closed_on", "insats", "unit", "district"])
    .where("closed_on", "is not", null)
    .where("closed_on", ">=", `${range.fromMonth}-01`)
    .where("closed_on", "<=", `${range.toMonth}-31`)
    .execute();
  for (const row of live) add((row.closed_on ?? "").slice(0, 7), row.insats, row.unit, row.district, 1);
  const purged = await store.db
    .selectFrom("retention_counts")
    .selectAll()
    .where("closed_month", ">=", range.fromMonth)
    .where("closed_month", "<=", range.toMonth)
    .execute();
  for (const row of purged) add(row.closed_month, row.insats, row.unit, row.district, Number(row.cases));
  return [...totals.values()].sort(
    (a, b) =>
      a.month.localeCompare(b.month) ||
      a.unit.localeCompare(b.unit) ||
      a.district.localeCompare(b.district, "sv") ||
      a.insats.localeCompare(b.insats),
  );
}
