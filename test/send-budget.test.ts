import { afterEach, describe, expect, it } from "vitest";
import { TeamsRateLimiter } from "../src/pacing.js";
import type { Store } from "../src/store/db.js";
import { StoreSendBudget } from "../src/store/send-budget.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

/** Keeps every slot it hands out, so the test can count them. */
class RecordingBudget extends StoreSendBudget {
  constructor(
    store: Store,
    private readonly slots: number[],
  ) {
    super(store);
  }

  override async reserve(tenant: string, spacingMs: number): Promise<number> {
    const { slotMs, waitMs } = await this.take(tenant, spacingMs);
    this.slots.push(slotMs);
    return waitMs;
  }
}

/** The most slots found in any window of `ms` (a slot `ms` after another is outside its window). */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= ms) j += 1;
    most = Math.max(most, i - j + 1);
  }
  return most;
}

describe.each(dialects)("the tenant's send budget shared in the store (%s)", (dialect) => {
  const opened: Store[] = [];
  afterEach(async () => {
    for (const store of opened.splice(0).reverse()) await store.close();
  });

  async function twoInstances(): Promise<[TestStore, Store]> {
    const first = await freshStore(dialect);
    const second = first.reopen();
    opened.push(first, second);
    return [first, second];
  }

  it("spaces the slots of every caller one spacing apart, waiting for the later ones", async () => {
    const [store] = await twoInstances();
    let now = 1_000_000;
    const budget = new StoreSendBudget(store, () => now);
    expect(await budget.reserve("t1", 20)).toBe(0);
    expect(await budget.reserve("t1", 20)).toBe(20);
    expect(await budget.reserve("t1", 20)).toBe(40);
    // Another tenant has its own budget.
    expect(await budget.reserve("t2", 20)).toBe(0);
    now += 1_000;
    expect(await budget.reserve("t1", 20)).toBe(0);
    // A 429 seen by another instance holds this one's next slot until its Retry-After has passed.
    await new StoreSendBudget(store, () => now).pause("t1", 500);
    expect(await budget.reserve("t1", 20)).toBe(500);
    const rows = await store.db.selectFrom("send_budget").selectAll().orderBy("tenant").execute();
    expect(rows.map((r) => [r.tenant, Number(r.next_at_us)])).toEqual([
      ["t1", (1_001_500 + 20) * 1000],
      ["t2", (1_000_000 + 20) * 1000],
    ]);
  });

  it("keeps two instances sending at once under the tenant's ceiling together", async () => {
    const [first, second] = await twoInstances();
    const slots: number[] = [];
    // 50 per 100 ms rather than per second, so the test takes a fraction of a second: the same
    // arithmetic, ten times faster.
    const tenantWindows = [{ limit: 50, ms: 100 }];
    const limiters = [first, second].map(
      (store) =>
        new TeamsRateLimiter({
          tenantWindows,
          marginMs: { conversation: 0, tenant: 0 },
          sharedBudget: new RecordingBudget(store, slots),
        }),
    );
    const perInstance = 150;
    await Promise.all(
      limiters.flatMap((limiter, instance) =>
        Array.from({ length: perInstance }, (_, i) =>
          limiter.acquire(`conv-${instance}-${i}`, "tenant").then((slot) => slot.settle()),
        ),
      ),
    );
    expect(slots).toHaveLength(2 * perInstance);
    // Each instance alone paces at 50 per 100 ms; together they would reach 100 without the budget.
    expect(maxInWindow(slots, 100)).toBeLessThanOrEqual(50);
    const sorted = [...slots].sort((a, b) => a - b);
    for (let i = 1; i < sorted.length; i += 1) expect(sorted[i]! - sorted[i - 1]!).toBeGreaterThanOrEqual(2);
  });
});
