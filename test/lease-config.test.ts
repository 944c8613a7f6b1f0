import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import {
  TeamsRateLimiter,
  longestPacingHoldMs,
  maxTenantPauseMs,
  schedulerHeldRows,
  teamsConversationWindows,
} from "../src/pacing.js";

describe("SCHEDULER_LEASE_MS against pacing", () => {
  const minimum = longestPacingHoldMs(schedulerHeldRows) + 1;

  it("bounds the hold by the conversation windows: 82 rows to one chat take over 30 s", () => {
    // 60 per 30 s binds after the 60th: the rest wait for the window to move.
    expect(longestPacingHoldMs(schedulerHeldRows) - longestPacingHoldMs(1)).toBeGreaterThan(30_000);
    expect(longestPacingHoldMs(8, teamsConversationWindows)).toBeLessThan(longestPacingHoldMs(9));
  });

  it.each(["1000", "60000", String(minimum - 1)])("stops startup for %s, naming the variable", (value) => {
    let thrown: unknown;
    try {
      loadConfig({ SCHEDULER_LEASE_MS: value });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect((thrown as ConfigError).problems).toEqual([
      expect.stringMatching(
        new RegExp(`^SCHEDULER_LEASE_MS \\("${value}"\\): måste vara minst ${minimum} ms`),
      ),
    ]);
  });

  it("accepts the default and anything at least the bound", () => {
    expect(loadConfig({}).SCHEDULER_LEASE_MS).toBeGreaterThanOrEqual(minimum);
    expect(loadConfig({ SCHEDULER_LEASE_MS: String(minimum) }).SCHEDULER_LEASE_MS).toBe(minimum);
  });

  it("a 429's pause holds the tenant at most maxTenantPauseMs, so held rows stay within the bound", async () => {
    let now = 0;
    const limiter = new TeamsRateLimiter({
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    });
    limiter.pause("t1", 3_600_000);
    const slot = await limiter.acquire("c1", "t1");
    expect(slot.at).toBeLessThanOrEqual(maxTenantPauseMs);
  });
});
