import { afterEach, describe, expect, it } from "vitest";
import { TeamsRateLimiter, type TenantRule, type TenantSlot } from "../src/pacing.js";
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

  override async reserve(tenant: string, rule: TenantRule): Promise<TenantSlot> {
    const slot = await super.reserve(tenant, rule);
    this.slots.push(slot.atMs);
    return slot;
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

  const rule = { limit: 3, windowMs: 100, spacingMs: 20 };

  it("spaces the slots of every caller one spacing apart, waiting for the later ones", async () => {
    const [store] = await twoInstances();
    let now = 1_000_000;
    const budget = new StoreSendBudget(store, () => now);
    const wait = async (tenant: string) => {
      const slot = await budget.reserve(tenant, rule);
      await slot.answered();
      return slot.waitMs;
    };
    expect(await wait("t1")).toBe(0);
    expect(await wait("t1")).toBe(20);
    expect(await wait("t1")).toBe(40);
    // Another tenant has its own budget.
    expect(await wait("t2")).toBe(0);
    now += 1_000;
    expect(await wait("t1")).toBe(0);
    // A 429 seen by another instance holds this one's next slot until its Retry-After has passed.
    await new StoreSendBudget(store, () => now).pause("t1", 500);
    expect(await wait("t1")).toBe(500);
    const rows = await store.db.selectFrom("send_budget").selectAll().orderBy("tenant").execute();
    expect(rows.map((r) => [r.tenant, Number(r.next_at_us)])).toEqual([
      ["t1", (1_001_500 + 20) * 1000],
      ["t2", (1_000_000 + 20) * 1000],
    ]);
  });

  it("lets a send go only a window after the answer of the send `limit` places before it", async () => {
    const [first, second] = await twoInstances();
    let now = 1_000_000;
    const clock = () => now;
    const budgets = [new StoreSendBudget(first, clock), new StoreSendBudget(second, clock)];
    const slots: TenantSlot[] = [];
    for (let i = 0; i < 3; i += 1) slots.push(await budgets[i % 2]!.reserve("t", rule));
    expect(slots.map((s) => s.atMs - 1_000_000)).toEqual([0, 20, 40]);
    // The first send's request was slow: Teams answered it at +70 ms, so it may have arrived then.
    now += 70;
    await slots[0]!.answered();
    await slots[1]!.answered();
    await slots[2]!.answered();
    // The fourth goes a window (100 ms) after the first's answer, not after its planned slot.
    const fourth = await budgets[1]!.reserve("t", rule);
    expect(fourth.atMs - 1_000_000).toBe(170);
    expect(fourth.waitMs).toBe(100);
  });

  it("holds later sends while one `limit` places before is in flight, until its timeout at most", async () => {
    const [store] = await twoInstances();
    let now = 1_000_000;
    const budget = new StoreSendBudget(store, () => now, {
      sendTimeoutMs: 1_000,
      // Time passes while it polls.
      sleep: async (ms) => {
        now += ms;
      },
    });
    const inFlight = await budget.reserve("t", rule);
    for (let i = 0; i < 2; i += 1) await (await budget.reserve("t", rule)).answered();
    // The instance of the first send died: it never answers.
    void inFlight;
    const fourth = await budget.reserve("t", rule);
    // It waited for the first send's timeout, then a window more.
    expect(fourth.atMs).toBe(1_000_000 + 1_000 + 100);
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
  });
});
