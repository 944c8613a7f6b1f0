import { randomBytes } from "node:crypto";
import { performance } from "node:perf_hooks";
import pg from "pg";
import { seedDueReminders } from "../../test/support/due-reminders.js";
import {
  compare,
  startBot,
  type BenchInsatsguiden,
  type BenchResult,
  type BenchScenario,
} from "../harness.js";

/** Reminders to deliver: BENCH_SHARED_REMINDERS, default 10,000 (about 3.5 min at the ceiling). */
const reminders = Number(process.env.BENCH_SHARED_REMINDERS ?? 10_000);
const conversations = Math.max(1, Math.min(2_000, Math.ceil(reminders / 5)));
const tenantCeilingRps = 50;
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * Waits (5 s at most) until no session is connected to `database`: pg-pool's end() resolves while
 * its clients' connections are still closing, and a forced drop would kill them and crash the pool.
 */
async function connectionsGone(database: string): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (let tries = 0; tries < 100; tries += 1) {
      const { rows } = await client.query<{ n: string }>(
        "select count(*) as n from pg_stat_activity where datname = $1",
        [database],
      );
      if (Number(rows[0]?.n ?? 0) === 0) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  } finally {
    await client.end();
  }
}

/** The most arrivals in any one-second window (an arrival 1 s after another is outside its window). */
function peakPerSecond(times: number[]): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 1_000) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

/**
 * Two instances on one PostgreSQL schema deliver the same queue of due reminders to one
 * connector stand-in that enforces Teams' limits (429 when broken). Each instance alone would
 * pace itself at 50/s; the tenant's budget in the store (src/store/send-budget.ts) keeps them at
 * 50/s together. Figures: the combined rate against the ceiling, the busiest second at the
 * stand-in, lost, duplicated and throttled messages (from the idempotency keys it accepted).
 */
export const scenario: BenchScenario = {
  name: "reminders-shared",
  async run(ctx) {
    // A database of its own (the app takes no schema setting), dropped afterwards.
    const database = `bench_${randomBytes(5).toString("hex")}`;
    await admin(`create database ${database}`);
    // Started here, not with ctx.startBot, so they are closed before their database is dropped.
    const bots: BenchInsatsguiden[] = [];
    try {
      const env = {
        SCHEDULER_INTERVAL_MS: "0",
        DATABASE_URL: databaseUrl.replace(/\/[^/?]*(\?|$)/, `/${database}$1`),
      };
      const first = await startBot(env);
      bots.push(first);
      const second = await startBot(env);
      bots.push(second);
      const connector = first.connector;
      const { services } = first.app;
      const now = Date.now();
      await seedDueReminders(services.store, {
        count: reminders,
        people: conversations,
        serviceUrl: connector.url,
        now,
        keyPrefix: "bench",
      });
      connector.enforceTeamsLimits();
      ctx.log(`två instanser levererar ${reminders} påminnelser till ${conversations} konversationer…`);

      const open = async () =>
        Number(
          (
            await services.store.db
              .selectFrom("reminders")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where("state", "in", ["pending", "claimed"])
              .executeTakeFirstOrThrow()
          ).n,
        );
      const started = performance.now();
      // Each instance drains until nothing is left for either (a throttled row comes back later).
      const drain = async (scheduler: typeof first.app.scheduler) => {
        while ((await scheduler.tick()) > 0 || (await open()) > 0) {
          if (performance.now() - started > 20 * 60_000) break;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      };
      await Promise.all([drain(first.app.scheduler), drain(second.app.scheduler)]);
      const elapsedS = (performance.now() - started) / 1000;

      // As ConnectorStandIn.delivered(), with the arrival times.
      const accepted = connector.requests.filter(
        (r) => r.method === "POST" && /\/activities(\/[^/]+)?$/.test(r.path) && (r.status ?? 200) < 300,
      );
      const keys = accepted.flatMap(
        (r) =>
          (r.body.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined)?.insatsguiden
            ?.idempotencyKey ?? [],
      );
      const delivered = new Set(keys).size;
      const duplicated = keys.length - delivered;
      const peak = peakPerSecond(accepted.map((r) => r.at));
      const rate = delivered / elapsedS;
      ctx.log(
        `${delivered} levererade på ${elapsedS.toFixed(1)} s = ${rate.toFixed(2)} meddelanden/s ` +
          `(${((rate / tenantCeilingRps) * 100).toFixed(1)} % av taket), högst ${peak} på en sekund, ` +
          `${reminders - delivered} förlorade, ${duplicated} dubbletter, ${connector.throttled} svar 429`,
      );
      const results: BenchResult[] = [
        compare(
          "reminders_shared.delivery_rps",
          "msg/s, 2 instances (baseline: Teams ceiling)",
          rate,
          tenantCeilingRps,
        ),
        compare(
          "reminders_shared.peak_per_second",
          "msg in busiest 1 s (baseline: ceiling)",
          peak,
          tenantCeilingRps,
        ),
        compare("reminders_shared.delivered", "messages (baseline: due)", delivered, reminders),
        compare("reminders_shared.duplicated", "messages (baseline: due)", duplicated, reminders),
        compare(
          "reminders_shared.throttled_429",
          "responses (baseline: due)",
          connector.throttled,
          reminders,
        ),
      ];
      return results;
    } finally {
      for (const bot of bots.reverse()) await bot.close();
      await connectionsGone(database);
      await admin(`drop database if exists ${database} with (force)`).catch(() => undefined);
    }
  },
};
