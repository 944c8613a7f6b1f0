import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { sql } from "kysely";
import { ReminderRepository } from "../../src/reminders/repository.js";
import { openStore, type Store } from "../../src/store/db.js";
import { migrateToLatest } from "../../src/store/migrate.js";
import { createPgSchema, dropPgSchema, postgresUnavailable, postgresUrl } from "../../test/support/stores.js";
import { compare, type BenchContext, type BenchResult, type BenchScenario } from "../harness.js";

const large = 1_000_000;
const small = 1_000;
const due = 50;
const iterations = 300;
const now = Date.UTC(2026, 2, 18, 7, 30);

/**
 * Fills `reminders` with `rows` rows shaped like a bot that has run for years: 1 % live (pending
 * in the future), 50 due now, the rest sent (run_at NULL). One statement, generated server-side.
 */
async function fill(store: Store, rows: number): Promise<void> {
  const series =
    store.dialect === "sqlite"
      ? sql`with recursive seq(x) as (select 1 union all select x + 1 from seq where x < ${rows})`
      : sql`with seq(x) as (select generate_series(1, ${rows}))`;
  // Typed as bigint so PostgreSQL does not read the epoch-millisecond parameter as an integer.
  const base = sql`cast(${now} as bigint)`;
  await sql`
    ${series}
    insert into reminders (deadline_id, kind, target, due_at, run_at, idempotency_key, state, attempts, created_at)
    select 'follow-up:c-' || x, 'follow-up-due', 'user:u' || (x % 2000), ${base} - x,
      case when x <= ${due} then ${base} - x when x % 100 = 0 then ${base} + x * 1000 else null end,
      'bench|' || x,
      case when x <= ${due} or x % 100 = 0 then 'pending' else 'sent' end,
      1, ${base} - x
    from seq`.execute(store.db);
  await sql`analyze`.execute(store.db);
}

async function plan(store: Store): Promise<string> {
  const query = sql`select id from reminders where run_at is not null and run_at <= ${now} order by run_at limit ${due}`;
  const rows =
    store.dialect === "sqlite"
      ? await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db)
      : await sql<{ "QUERY PLAN": string }>`explain (analyze, buffers) ${query}`.execute(store.db);
  return rows.rows.map((row) => ("detail" in row ? row.detail : row["QUERY PLAN"])).join("\n");
}

/** Median milliseconds of the scheduler's claim (the due-reminder query with its UPDATE … RETURNING). */
async function medianClaimMs(store: Store): Promise<number> {
  const repository = new ReminderRepository(store);
  const times: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const started = performance.now();
    const claimed = await repository.claimDue(new Date(now), due, "bench", 60_000);
    times.push(performance.now() - started);
    if (claimed.length !== due) throw new Error(`claimed ${claimed.length}, expected ${due}`);
    // Put them back (not timed) so every round claims the same 50.
    await store.db
      .updateTable("reminders")
      .set((eb) => ({ state: "pending", run_at: eb.ref("due_at") }))
      .where(
        "id",
        "in",
        claimed.map((r) => r.id),
      )
      .execute();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

async function withStore<T>(dialect: "sqlite" | "postgres", run: (store: Store) => Promise<T>): Promise<T> {
  if (dialect === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-bench-"));
    const store = openStore({ sqliteFile: path.join(dir, "bench.sqlite") });
    try {
      await migrateToLatest(store);
      return await run(store);
    } finally {
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  const schema = await createPgSchema();
  const store = openStore({ databaseUrl: postgresUrl, pgSchema: schema });
  try {
    await migrateToLatest(store);
    return await run(store);
  } finally {
    await store.close();
    await dropPgSchema(schema);
  }
}

async function measureDialect(ctx: BenchContext, dialect: "sqlite" | "postgres"): Promise<BenchResult> {
  const baseline = await withStore(dialect, async (store) => {
    await fill(store, small);
    return medianClaimMs(store);
  });
  const value = await withStore(dialect, async (store) => {
    ctx.log(`${dialect}: fyller ${large.toLocaleString("sv-SE")} rader…`);
    await fill(store, large);
    ctx.log(`${dialect}: frågeplan\n${await plan(store)}`);
    return medianClaimMs(store);
  });
  ctx.log(
    `${dialect}: median ${value.toFixed(3)} ms med 1 000 000 rader, ${baseline.toFixed(3)} ms med 1 000`,
  );
  return compare(`reminders.due_query_1m.${dialect}_ms`, "ms (baseline: 1,000 rows)", value, baseline);
}

/** The due-reminder query (the scheduler's claim) with 1,000,000 rows, against 1,000 rows. */
export const scenario: BenchScenario = {
  name: "reminder-query",
  async run(ctx) {
    const results = [await measureDialect(ctx, "sqlite")];
    if (postgresUnavailable) ctx.log(`postgres: hoppas över (${postgresUnavailable})`);
    else results.push(await measureDialect(ctx, "postgres"));
    return results;
  },
};
