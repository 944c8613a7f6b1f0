import { sql } from "kysely";
import { defaultPacingBounds, type SharedTenantBudget, type TenantRule, type TenantSlot } from "../pacing.js";
import type { Store } from "./db.js";

export interface SendBudgetTable {
  /** Teams' tenant id ("" when a reference has none). */
  tenant: string;
  /** The tenant's next free send slot, epoch microseconds. */
  next_at_us: number;
}

/** One recent send of a tenant (migration 0014). */
export interface SendLogTable {
  tenant: string;
  seq: number;
  /** When the send was to go, epoch microseconds. */
  reserved_at_us: number;
  /** When Teams answered it (or it failed); null while in flight. */
  answered_at_us: number | null;
}

declare module "./schema.js" {
  interface Database {
    send_budget: SendBudgetTable;
    send_log: SendLogTable;
  }
}

const pollMs = 5;

let offsetMs = Date.now() - performance.now();

/**
 * Wall-clock epoch ms to a fraction of a millisecond: Date.now() alone is whole milliseconds, up
 * to one early, and the window's 2 ms margin is for clocks of different machines. The monotonic
 * clock plus its offset from the wall clock, kept at its best estimate (the true offset lies within
 * a millisecond above each reading); a stepped system clock is followed at once.
 */
function wallClockMs(): number {
  const now = performance.now();
  const reading = Date.now() - now;
  if (reading > offsetMs || reading < offsetMs - 2) offsetMs = reading;
  return now + offsetMs;
}

/**
 * Teams' 50 requests/s per app and tenant, shared by every instance through the store. Each send
 * takes the tenant's next slot — the later of the stored next slot and now, the stored value
 * moving one spacing (20 ms for 50/s) past it — and logs itself with the next place in the
 * tenant's sequence. It then goes no earlier than its slot, and no earlier than one
 * window (a second) after Teams answered every send 50 or more places before it. An answer comes
 * after its request arrived, and a send leaves after its wait: so at Teams' end no sliding second
 * holds more than 50, however late a timer fired or a request travelled — exact, without a
 * margin for jitter. The spacing only spreads the sends evenly. The cost is two small writes per
 * send (the reservation and its log row, the answer), at most 50 a second per tenant however many instances run.
 * A send whose instance died before the answer counts as answered when its timeout ran out
 * (TEAMS_SEND_TIMEOUT_MS). A 429 to any instance moves the tenant's next slot past its
 * Retry-After (`pause`), so every instance waits it out.
 * @remarks Times are the instances' wall clocks: they must agree to a few milliseconds
 * (NTP), as the 2 ms margin on the tenant's window assumes (src/pacing.ts).
 */
export class StoreSendBudget implements SharedTenantBudget {
  private readonly sendTimeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly store: Store,
    private readonly clock: () => number = wallClockMs,
    options: { sendTimeoutMs?: number; sleep?: (ms: number) => Promise<void> } = {},
  ) {
    this.sendTimeoutMs = options.sendTimeoutMs ?? defaultPacingBounds.sendTimeoutMs;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async reserve(tenant: string, rule: TenantRule): Promise<TenantSlot> {
    const { slotMs, seq } = await this.take(tenant, rule);
    const opensMs = await this.windowOpensAt(tenant, seq, rule);
    const atMs = Math.max(slotMs, opensMs);
    if (atMs > slotMs) {
      // The timeout bound of a send that never answers counts from when it really goes.
      await this.store.db
        .updateTable("send_log")
        .set({ reserved_at_us: Math.round(atMs * 1000) })
        .where("tenant", "=", tenant)
        .where("seq", "=", seq)
        .execute();
    }
    return {
      seq,
      atMs,
      waitMs: Math.max(0, atMs - this.clock()),
      answered: () => this.answer(tenant, seq),
    };
  }

  async pause(tenant: string, ms: number): Promise<void> {
    const untilUs = Math.round((this.clock() + ms) * 1000);
    await this.store.db
      .insertInto("send_budget")
      .values({ tenant, next_at_us: untilUs })
      .onConflict((oc) =>
        oc.column("tenant").doUpdateSet({
          next_at_us: sql<number>`(case when send_budget.next_at_us > ${untilUs} then send_budget.next_at_us else ${untilUs} end)`,
        }),
      )
      .execute();
  }

  /** Teams answered the send (or it failed): from now its window counts. */
  async answer(tenant: string, seq: number): Promise<void> {
    await this.store.db
      .updateTable("send_log")
      .set({ answered_at_us: Math.round(this.clock() * 1000) })
      .where("tenant", "=", tenant)
      .where("seq", "=", seq)
      .execute();
  }

  /**
   * Takes the tenant's next slot (epoch ms) and logs the send with the next place in the
   * tenant's sequence. The place is taken by the log insert itself (the highest so far plus one;
   * two instances that collide retry), so every place before it is in the log when it is taken.
   */
  async take(tenant: string, rule: TenantRule): Promise<{ slotMs: number; seq: number }> {
    const nowUs = Math.round(this.clock() * 1000);
    const spacingUs = Math.ceil(rule.spacingMs * 1000);
    const { db } = this.store;
    const row = await db
      .insertInto("send_budget")
      .values({ tenant, next_at_us: nowUs + spacingUs })
      .onConflict((oc) =>
        oc.column("tenant").doUpdateSet({
          next_at_us: sql<number>`(case when send_budget.next_at_us > ${nowUs} then send_budget.next_at_us else ${nowUs} end) + ${spacingUs}`,
        }),
      )
      .returning("next_at_us")
      .executeTakeFirstOrThrow();
    const slotUs = Number(row.next_at_us) - spacingUs;
    for (;;) {
      const logged = await db
        .insertInto("send_log")
        .columns(["tenant", "seq", "reserved_at_us"])
        .expression(
          db
            .selectFrom("send_log")
            .select([
              sql<string>`${tenant}`.as("tenant"),
              sql<number>`coalesce(max(seq), 0) + 1`.as("seq"),
              sql<number>`${slotUs}`.as("reserved_at_us"),
            ])
            .where("tenant", "=", tenant),
        )
        .onConflict((oc) => oc.columns(["tenant", "seq"]).doNothing())
        .returning("seq")
        .executeTakeFirst();
      if (!logged) continue;
      const seq = Number(logged.seq);
      if (seq % rule.limit === 0) {
        // Sends answered more than a window ago hold nothing back any more.
        await db
          .deleteFrom("send_log")
          .where("tenant", "=", tenant)
          .where("seq", "<", seq)
          .where(
            sql<number>`coalesce(answered_at_us, reserved_at_us + ${this.sendTimeoutMs * 1000})`,
            "<",
            nowUs - Math.ceil(rule.windowMs * 1000),
          )
          .execute();
      }
      return { slotMs: slotUs / 1000, seq };
    }
  }

  /**
   * When send `seq` may go by the window: a window after the latest answer among the sends at
   * least `limit` places before it, once all of them have answered (or timed out).
   */
  private async windowOpensAt(tenant: string, seq: number, rule: TenantRule): Promise<number> {
    const timeoutUs = this.sendTimeoutMs * 1000;
    for (;;) {
      const nowUs = Math.round(this.clock() * 1000);
      const row = await this.store.db
        .selectFrom("send_log")
        .select([
          sql<string | number | null>`max(coalesce(answered_at_us, reserved_at_us + ${timeoutUs}))`.as(
            "last",
          ),
          sql<
            string | number | null
          >`sum(case when answered_at_us is null and reserved_at_us + ${timeoutUs} > ${nowUs} then 1 else 0 end)`.as(
            "open",
          ),
        ])
        .where("tenant", "=", tenant)
        .where("seq", "<=", seq - rule.limit)
        .executeTakeFirst();
      if (!Number(row?.open ?? 0)) {
        return row?.last === null || row?.last === undefined ? 0 : Number(row.last) / 1000 + rule.windowMs;
      }
      await this.sleep(pollMs);
    }
  }
}
