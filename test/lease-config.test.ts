import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, minimumLeaseMs } from "../src/config.js";
import {
  TeamsRateLimiter,
  defaultPacingBounds,
  longestPacingHoldMs,
  schedulerHeldRows,
  teamsConversationWindows,
} from "../src/pacing.js";

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return [...(error as ConfigError).problems];
  }
  return [];
}

describe("SCHEDULER_LEASE_MS against pacing", () => {
  const minimum = longestPacingHoldMs(schedulerHeldRows(50)) + 1;

  it("bounds the hold by the conversation windows: 82 rows to one chat take over 30 s", () => {
    // 60 per 30 s binds after the 60th: the rest wait for the window to move.
    expect(schedulerHeldRows(50)).toBe(82);
    expect(longestPacingHoldMs(82) - longestPacingHoldMs(1)).toBeGreaterThan(30_000);
    expect(longestPacingHoldMs(8, defaultPacingBounds, teamsConversationWindows)).toBeLessThan(
      longestPacingHoldMs(9),
    );
  });

  it("counts the configured pause cap and send timeout in full", () => {
    const base = longestPacingHoldMs(42, { tenantPauseCapMs: 1_000, sendTimeoutMs: 2_000 });
    expect(longestPacingHoldMs(42, { tenantPauseCapMs: 5_000, sendTimeoutMs: 2_000 })).toBe(base + 4_000);
    expect(longestPacingHoldMs(42, { tenantPauseCapMs: 1_000, sendTimeoutMs: 9_000 })).toBe(base + 7_000);
  });

  it.each(["1000", "60000", String(minimum - 1)])("stops startup for %s, naming the variable", (value) => {
    expect(problemsOf({ SCHEDULER_LEASE_MS: value })).toEqual([
      expect.stringMatching(
        new RegExp(`^SCHEDULER_LEASE_MS \\("${value}"\\): måste vara minst ${minimum} ms`),
      ),
    ]);
  });

  it("accepts the default and anything at least the bound", () => {
    expect(loadConfig({}).SCHEDULER_LEASE_MS).toBeGreaterThanOrEqual(minimum);
    expect(loadConfig({ SCHEDULER_LEASE_MS: String(minimum) }).SCHEDULER_LEASE_MS).toBe(minimum);
  });

  it("takes its minimum from the configured batch, pause cap and send timeout", () => {
    const small = { SCHEDULER_BATCH_SIZE: "10", TEAMS_PAUSE_CAP_MS: "1000", TEAMS_SEND_TIMEOUT_MS: "2000" };
    const shortest =
      longestPacingHoldMs(schedulerHeldRows(10), { tenantPauseCapMs: 1_000, sendTimeoutMs: 2_000 }) + 1;
    expect(minimumLeaseMs(loadConfig(small))).toBe(shortest);
    expect(shortest).toBeLessThan(minimum / 2);
    expect(loadConfig({ ...small, SCHEDULER_LEASE_MS: String(shortest) }).SCHEDULER_LEASE_MS).toBe(shortest);
    // The rule still holds with small settings: a lease under their hold stops startup.
    expect(problemsOf({ ...small, SCHEDULER_LEASE_MS: String(shortest - 1) })).toEqual([
      expect.stringMatching(new RegExp(`^SCHEDULER_LEASE_MS .*måste vara minst ${shortest} ms`)),
    ]);
    // And a longer pause cap with the short lease does not pass.
    expect(
      problemsOf({ ...small, TEAMS_PAUSE_CAP_MS: "30000", SCHEDULER_LEASE_MS: String(shortest) }),
    ).toHaveLength(1);
  });

  it.each([
    ["SCHEDULER_BATCH_SIZE", "0"],
    ["TEAMS_PAUSE_CAP_MS", "500"],
    ["TEAMS_SEND_TIMEOUT_MS", "abc"],
  ])("refuses %s=%s, naming the variable", (name, value) => {
    expect(problemsOf({ [name]: value })).toEqual([expect.stringMatching(new RegExp(`^${name} `))]);
  });

  it("a 429's pause holds the tenant at most the configured cap, so held rows stay within the bound", async () => {
    for (const cap of [defaultPacingBounds.tenantPauseCapMs, 1_000]) {
      let now = 0;
      const limiter = new TeamsRateLimiter({
        now: () => now,
        sleep: async (ms) => {
          now += ms;
        },
        tenantPauseCapMs: cap,
      });
      limiter.pause("t1", 3_600_000);
      const slot = await limiter.acquire("c1", "t1");
      expect(slot.at).toBeGreaterThan(0);
      expect(slot.at).toBeLessThanOrEqual(cap);
    }
  });
});
