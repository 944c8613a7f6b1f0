import { performance } from "node:perf_hooks";
import { seedDueReminders } from "../../test/support/due-reminders.js";
import { compare, type BenchResult, type BenchScenario } from "../harness.js";

const reminders = 10_000;
const conversations = 2_000;
/** Teams' ceiling per app and tenant. */
const tenantCeilingRps = 50;

/**
 * 10,000 due reminders to 2,000 people, delivered by the real scheduler and proactive sender
 * to a connector stand-in that enforces Teams' limits (429 when broken). The figure is the
 * delivery rate against the 50 requests/s ceiling; lost and duplicated messages are counted from
 * the idempotency keys the stand-in received. Takes about 3½ minutes: the ceiling is the point.
 */
export const scenario: BenchScenario = {
  name: "reminders",
  async run(ctx) {
    const bot = await ctx.startBot({ SCHEDULER_INTERVAL_MS: "0" });
    const { services, scheduler } = bot.app;
    const now = Date.now();
    await seedDueReminders(services.store, {
      count: reminders,
      people: conversations,
      serviceUrl: bot.connector.url,
      now,
      keyPrefix: "bench",
    });
    bot.connector.enforceTeamsLimits();
    ctx.log(`levererar ${reminders} påminnelser till ${conversations} konversationer…`);

    const started = performance.now();
    while ((await scheduler.tick()) > 0) {
      // drain: the scheduler claims the next batch as soon as one is done
    }
    const elapsedS = (performance.now() - started) / 1000;

    const keys = bot.connector
      .delivered()
      .map((a) => a.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined)
      .flatMap((channelData) => channelData?.insatsguiden?.idempotencyKey ?? []);
    const delivered = new Set(keys).size;
    // Teams would show every accepted message: an accepted key twice is a duplicate.
    const duplicated = keys.length - delivered;
    const rate = reminders / elapsedS;
    ctx.log(
      `${delivered} levererade på ${elapsedS.toFixed(1)} s = ${rate.toFixed(2)} meddelanden/s ` +
        `(${((rate / tenantCeilingRps) * 100).toFixed(1)} % av taket), ${reminders - delivered} förlorade, ` +
        `${duplicated} dubbletter, ${bot.connector.throttled} svar 429`,
    );
    const results: BenchResult[] = [
      compare("reminders.delivery_rps", "msg/s (baseline: Teams ceiling)", rate, tenantCeilingRps),
      compare("reminders.delivered", "messages (baseline: due)", delivered, reminders),
      compare("reminders.duplicated", "messages (baseline: due)", duplicated, reminders),
      compare("reminders.throttled_429", "responses (baseline: due)", bot.connector.throttled, reminders),
    ];
    return results;
  },
};
