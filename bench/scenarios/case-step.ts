import { randomUUID } from "node:crypto";
import { makeCardAction, makeMessage, demoUsers } from "../../test/support/fixtures.js";
import {
  compare,
  interleavedRounds,
  type BenchBot,
  type BenchInsatsguiden,
  type BenchResult,
  type BenchScenario,
  type HttpMeasurement,
  type MeasureHttpOptions,
} from "../harness.js";

/** Concurrency levels and request counts, as in `messages`: a few seconds per bot and round. */
const levels = [
  { concurrency: 1, warmup: 300, requests: 400 },
  { concurrency: 32, warmup: 200, requests: 2000 },
] as const;
/** Alternating rounds per level; each figure is the median over them. */
const rounds = 5;

/** Opens `count` cases for the demo caseworker, each waiting at the informationsmöte step. */
async function openCases(bot: BenchInsatsguiden, count: number): Promise<string[]> {
  const { cases, directory } = bot.app.services;
  const anna = (await directory.findUser(demoUsers.handlaggare.id))!;
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { record } = await cases.open(anna, {
      creationKey: randomUUID(),
      caseRef: `BENCH-${String(i).padStart(4, "0")}-${randomUUID().replace(/\d/g, "").slice(0, 6)}`,
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: 30,
    });
    ids.push(record.id);
  }
  return ids;
}

/**
 * One case step as a caseworker takes it: an `Action.Execute` "Registrera informationsmötet"
 * through HTTP → validation → authorization → the domain state machine → a versioned database
 * write with its history event and audit entry → the next step's card rendered → the invoke
 * response. Every request moves a different case, so each one really writes. The baseline is a
 * plain botbuilder echo bot answering one message, in the same run.
 */
export const scenario: BenchScenario = {
  name: "case-step",
  async run(ctx) {
    const insatsguiden = await ctx.startBot({ SCHEDULER_INTERVAL_MS: "0" });
    const echo = await ctx.startEchoBot();
    const total = levels.reduce((sum, level) => sum + (level.warmup + level.requests) * rounds, 0);
    const caseIds = await openCases(insatsguiden, total);
    ctx.log(`${total} ärenden öppnade`);
    let next = 0;
    const results: BenchResult[] = [];
    for (const level of levels) {
      const { ours, baseline: base } = await interleavedRounds(
        rounds,
        async () => {
          const first = next;
          next += level.warmup + level.requests;
          const measurement = await ctx.measureHttp({
            url: insatsguiden.messagesUrl,
            makeBody: (i) =>
              makeCardAction(
                demoUsers.handlaggare,
                "case.informationMeeting",
                { caseId: caseIds[first + i], v: 1, heldOn: "2026-01-12" },
                { serviceUrl: insatsguiden.connector.url },
              ),
            ...level,
          });
          await expectAdvanced(insatsguiden, caseIds.slice(first, next));
          return measurement;
        },
        () => measureEcho(ctx.measureHttp, echo, level),
      );
      ctx.log(
        `c${level.concurrency} (median av ${rounds} omgångar): steg p50 ${ours.p50Ms.toFixed(2)} ms, p99 ${ours.p99Ms.toFixed(2)} ms, ${ours.throughputRps.toFixed(0)} req/s, ${ours.cpuUsPerRequest.toFixed(0)} µs CPU/req; ` +
          `eko p50 ${base.p50Ms.toFixed(2)} ms, p99 ${base.p99Ms.toFixed(2)} ms, ${base.throughputRps.toFixed(0)} req/s, ${base.cpuUsPerRequest.toFixed(0)} µs CPU/req`,
      );
      const prefix = `case-step.c${level.concurrency}`;
      results.push(
        compare(`${prefix}.p50_ms`, "ms", ours.p50Ms, base.p50Ms),
        compare(`${prefix}.p99_ms`, "ms", ours.p99Ms, base.p99Ms),
        compare(`${prefix}.throughput_rps`, "req/s", ours.throughputRps, base.throughputRps),
        compare(`${prefix}.cpu_us_per_request`, "µs", ours.cpuUsPerRequest, base.cpuUsPerRequest),
      );
    }
    return results;
  },
};

/** Every request must have moved its case one step, or we measured an error path. */
async function expectAdvanced(bot: BenchInsatsguiden, ids: string[]): Promise<void> {
  const rows = await bot.app.services.store.db
    .selectFrom("cases")
    .select(["step", "version"])
    .where("id", "in", ids)
    .execute();
  const moved = rows.filter((row) => row.step === "malgrupp" && row.version === 2).length;
  if (moved !== ids.length) throw new Error(`expected ${ids.length} cases moved one step, got ${moved}`);
}

async function measureEcho(
  measureHttp: (options: MeasureHttpOptions) => Promise<HttpMeasurement>,
  bot: BenchBot,
  level: (typeof levels)[number],
): Promise<HttpMeasurement> {
  bot.connector.clear();
  const measurement = await measureHttp({
    url: bot.messagesUrl,
    makeBody: () => makeMessage(demoUsers.handlaggare, "eko", { serviceUrl: bot.connector.url }),
    ...level,
  });
  const replies = bot.connector.activities().length;
  if (replies !== level.warmup + level.requests)
    throw new Error(`echo: expected every reply, got ${replies}`);
  return measurement;
}
