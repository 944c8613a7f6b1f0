import { sql } from "kysely";
import type { SharedTenantBudget } from "../pacing.js";
import type { Store } from "./db.js";

export interface SendBudgetTable {
  /** Teams' tenant id ("" when a reference has none). */
  tenant: string;
  /** The tenant's next free send slot, epoch microseconds. */
  next_at_us: number;
}

declare module "./schema.js" {
  interface Database {
    send_budget: SendBudgetTable;
  }
}

/**
 * Teams' 50 requests/s per app and tenant, shared by every instance through the store. Each
 * send reserves the tenant's next slot with one atomic upsert: the slot is
 * max(stored next slot, now), and the stored value moves one spacing (20 ms for 50/s) past it. So
 * the slots of all instances together are at least one spacing apart, and no one-second window
 * (sliding, as Teams counts) holds more than 50 — exact, unlike counts per fixed second, which
 * allow 50 at the end of one second and 50 more at the start of the next. The instance then
 * waits until its slot. One small write per send: at most 50 a second per tenant in all, however
 * many instances run. PostgreSQL serialises the upserts on the tenant's row; SQLite (one
 * instance) takes the same path. A slot reserved and not used (the send failed first) is simply
 * lost: the budget errs on the slow side. A 429 to any instance moves the tenant's next slot past
 * its Retry-After (`pause`), so every instance waits it out.
 * @remarks Slots are in the instances' wall clocks (Date.now): they must agree to a few
 * milliseconds (NTP), as the 2 ms margin on the tenant's window assumes (src/pacing.ts).
 */
export class StoreSendBudget implements SharedTenantBudget {
  constructor(
    private readonly store: Store,
    private readonly clock: () => number = () => Date.now(),
  ) {}

  async reserve(tenant: string, spacingMs: number): Promise<number> {
    return (await this.take(tenant, spacingMs)).waitMs;
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

  /** Reserves the tenant's next slot: when it is (epoch ms) and how long until then. */
  async take(tenant: string, spacingMs: number): Promise<{ slotMs: number; waitMs: number }> {
    const nowUs = Math.round(this.clock() * 1000);
    const spacingUs = Math.ceil(spacingMs * 1000);
    const row = await this.store.db
      .insertInto("send_budget")
      .values({ tenant, next_at_us: nowUs + spacingUs })
      .onConflict((oc) =>
        oc.column("tenant").doUpdateSet({
          next_at_us: sql<number>`(case when send_budget.next_at_us > ${nowUs} then send_budget.next_at_us else ${nowUs} end) + ${spacingUs}`,
        }),
      )
      .returning("next_at_us")
      .executeTakeFirstOrThrow();
    const slotMs = (Number(row.next_at_us) - spacingUs) / 1000;
    return { slotMs, waitMs: Math.max(0, slotMs - this.clock()) };
  }
}
