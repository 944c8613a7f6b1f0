import { describe, expect, it } from "vitest";
import { TeamsRateLimiter } from "../src/pacing.js";

/**
 * A limiter on virtual time: sleepers wait on virtual timers, and time jumps to the next timer
 * only once every runnable continuation has run — pacing is checked without waiting for real.
 */
function virtualLimiter() {
  let now = 0;
  const timers: { at: number; resolve: () => void }[] = [];
  const limiter = new TeamsRateLimiter({
    marginMs: { conversation: 0, tenant: 0 },
    now: () => now,
    sleep: (ms) => new Promise<void>((resolve) => timers.push({ at: now + ms, resolve })),
  });
  const settle = () => new Promise<void>((resolve) => setImmediate(resolve));
  async function run<T>(work: Promise<T>): Promise<T> {
    let done = false;
    const result = work.finally(() => (done = true));
    for (;;) {
      await settle();
      if (done) return result;
      timers.sort((a, b) => a.at - b.at);
      const next = timers.shift();
      if (!next) throw new Error("stuck: nothing runnable and no timer");
      now = Math.max(now, next.at);
      next.resolve();
    }
  }
  const acquireAt = (conversation: string, tenant: string) =>
    limiter.acquire(conversation, tenant).then((slot) => slot.at);
  return {
    limiter: { acquireAt, pause: limiter.pause.bind(limiter), raw: limiter },
    run,
    advance: (ms: number) => (now += ms),
  };
}

/** The most sends found in any window of `ms` (a send `ms` after another is outside its window). */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  for (let i = 0, j = 0; j < sorted.length; j += 1) {
    while (sorted[j]! - sorted[i]! >= ms) i += 1;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

describe("pacing under Teams' limits", () => {
  it("counts a slow send from its estimated arrival once settled: it does not let the next window start early", async () => {
    let now = 0;
    const limiter = new TeamsRateLimiter({
      marginMs: { conversation: 0, tenant: 0 },
      now: () => now,
      sleep: async (ms) => void (now += ms),
    });
    // Ten quick round trips first, so there is a quickest to compare with.
    for (let i = 0; i < 10; i += 1) (await limiter.acquire(`warm:${i}`, "t0")).settle();
    const first = await limiter.acquire("user:0", "t");
    const grants = [first.at];
    for (let i = 1; i < 50; i += 1) {
      const slot = await limiter.acquire(`user:${i}`, "t");
      grants.push(slot.at);
      // The others are answered at once (a 0 ms round trip here); the first only at 300 ms.
      slot.settle();
      if (now === 300) first.settle();
    }
    expect(grants.at(-1)! - grants[0]!).toBe(980);
    // Unsettled it would leave the window at 1000; arriving at 300, it holds the 51st until the
    // second send (20 ms) has left instead.
    expect((await limiter.acquire("user:50", "t")).at - grants[0]!).toBe(1_020);
  });

  it("keeps a safety margin on every window by default", async () => {
    let now = 0;
    const raw = new TeamsRateLimiter({ now: () => now, sleep: async (ms) => void (now += ms) });
    const limiter = { acquireAt: (c: string, t: string) => raw.acquire(c, t).then((slot) => slot.at) };
    for (let i = 0; i < 7; i += 1) await limiter.acquireAt("user:a", "t");
    expect(await limiter.acquireAt("user:a", "t")).toBe(1_100);
    // The tenant's 50/s with a 2 ms margin: one every 20.04 ms.
    const start = now;
    for (let i = 0; i < 50; i += 1) await limiter.acquireAt(`user:${i}`, "t2");
    expect(now - start).toBeCloseTo(49 * 20.04, 6);
  });

  it("keeps one conversation within 7/1 s, 8/2 s and 60/30 s, and no slower than that", async () => {
    const { limiter, run } = virtualLimiter();
    const times = await run(
      (async () => {
        const granted: number[] = [];
        for (let i = 0; i < 120; i += 1) granted.push(await limiter.acquireAt("user:a", "t"));
        return granted;
      })(),
    );
    expect(maxInWindow(times, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInWindow(times, 2_000)).toBeLessThanOrEqual(8);
    expect(maxInWindow(times, 30_000)).toBeLessThanOrEqual(60);
    // 8 per 2 s fills the first 60 in 15 s; the next 60 follow each one's 30 s later.
    expect(times.at(-1)).toBeLessThanOrEqual(45_000);
    expect(maxInWindow(times, 30_000)).toBe(60);
  });

  it("keeps a tenant within 50 requests per second across conversations, using the whole budget", async () => {
    const { limiter, run } = virtualLimiter();
    const times = await run(
      Promise.all(Array.from({ length: 500 }, (_, i) => limiter.acquireAt(`user:${i}`, "t"))),
    );
    expect(maxInWindow(times, 1_000)).toBe(50);
    // Spread evenly, 20 ms apart, rather than in bursts of 50.
    const sorted = [...times].sort((a, b) => a - b);
    expect(Math.min(...sorted.slice(1).map((t, i) => t - sorted[i]!))).toBe(20);
    expect(sorted.at(-1)).toBe(499 * 20);
  });

  it("does not hold up other conversations behind a busy one", async () => {
    const { limiter, run } = virtualLimiter();
    const [busy, other] = await run(
      (async () => {
        for (let i = 0; i < 7; i += 1) await limiter.acquireAt("channel:busy", "t");
        return Promise.all([limiter.acquireAt("channel:busy", "t"), limiter.acquireAt("user:other", "t")]);
      })(),
    );
    // The other conversation waits only for the tenant's 20 ms spacing after the 7th busy send…
    expect(other).toBe(7 * 20);
    // …while the busy one waits for its own one-second window.
    expect(busy).toBe(1_000);
  });

  it("holds every send to a tenant after a 429 for the Retry-After time; other tenants go on", async () => {
    const { limiter, run } = virtualLimiter();
    limiter.pause("t1", 3_000);
    const [throttled, other] = await run(
      Promise.all([limiter.acquireAt("user:y", "t1"), limiter.acquireAt("user:x", "t2")]),
    );
    expect(other).toBe(0);
    expect(throttled).toBe(3_000);
  });
});
