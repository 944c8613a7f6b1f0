import { demoUsers, makeMessage } from "../../test/support/fixtures.js";
import {
  compare,
  interleavedRounds,
  type BenchBot,
  type BenchContext,
  type BenchResult,
  type BenchScenario,
  type HttpMeasurement,
} from "../harness.js";

/** Concurrency levels and request counts: a few seconds per bot on two cores. */
const levels = [
  { concurrency: 1, warmup: 50, requests: 400 },
  { concurrency: 32, warmup: 200, requests: 2000 },
] as const;
/** Alternating rounds per level; each figure is the median over them. */
const rounds = 3;

/**
 * `hjälp` from the demo caseworker to Insatsguiden (directory lookup, conversation reference
 * stored, help card rendered and posted to the connector) against any text to a plain
 * botbuilder echo bot (one text reply), both over real HTTP on loopback.
 */
export const scenario: BenchScenario = {
  name: "messages",
  async run(ctx) {
    const insatsguiden = await ctx.startBot();
    const echo = await ctx.startEchoBot();
    const results: BenchResult[] = [];
    for (const level of levels) {
      const { ours, baseline: base } = await interleavedRounds(
        rounds,
        () => measure(ctx.measureHttp, insatsguiden, "hjälp", level, { replyIsCard: true }),
        () => measure(ctx.measureHttp, echo, "eko", level, { replyIsCard: false }),
      );
      ctx.log(
        `c${level.concurrency} (median av ${rounds} omgångar): insatsguiden p50 ${ours.p50Ms.toFixed(2)} ms, ${ours.throughputRps.toFixed(0)} req/s; ` +
          `eko p50 ${base.p50Ms.toFixed(2)} ms, ${base.throughputRps.toFixed(0)} req/s`,
      );
      const prefix = `messages.c${level.concurrency}`;
      results.push(
        compare(`${prefix}.p50_ms`, "ms", ours.p50Ms, base.p50Ms),
        compare(`${prefix}.p99_ms`, "ms", ours.p99Ms, base.p99Ms),
        compare(`${prefix}.throughput_rps`, "req/s", ours.throughputRps, base.throughputRps),
      );
    }
    return results;
  },
};

async function measure(
  measureHttp: BenchContext["measureHttp"],
  bot: BenchBot,
  text: string,
  level: (typeof levels)[number],
  expect: { replyIsCard: boolean },
): Promise<HttpMeasurement> {
  bot.connector.clear();
  const measurement = await measureHttp({
    url: bot.messagesUrl,
    makeBody: () => makeMessage(demoUsers.handlaggare, text, { serviceUrl: bot.connector.url }),
    ...level,
  });
  // Every message must have produced its reply, or we measured an error path.
  const replies = bot.connector.activities().length;
  const expected = level.warmup + level.requests;
  if (replies !== expected) throw new Error(`expected ${expected} replies at the connector, got ${replies}`);
  if (expect.replyIsCard && bot.connector.cards().length !== expected) {
    throw new Error(`not every "${text}" was answered with a card`);
  }
  return measurement;
}
