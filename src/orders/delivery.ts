import { randomUUID } from "node:crypto";
import type { Selectable } from "kysely";
import type { Clock } from "../clock.js";
import type { Logger } from "../log.js";
import { claimLeased } from "../store/lease.js";
import { PollingLoop } from "../polling-loop.js";
import type { Store } from "../store/db.js";
import type { OrderDeliveryTable, PendingDelivery } from "./schema.js";
import "./schema.js";

export type OrderDelivery = Selectable<OrderDeliveryTable>;
export type { PendingDelivery };

/**
 * When a copy that did not reach Teams is tried again, after its `attempts`-th failure: 1 min,
 * 5 min, 15 min, then every hour until it lands. Teams outages last minutes, sometimes hours; an
 * order that never reaches Jobbtorg is worse than an hourly request.
 */
export function retryDelayMs(attempts: number): number {
  return [60_000, 5 * 60_000, 15 * 60_000][Math.max(1, attempts) - 1] ?? 60 * 60_000;
}

/** `user` or `channel`: what a log line may say about a conversation. */
export function conversationKind(conversationKey: string): string {
  return conversationKey.split(":")[0] ?? "";
}

/** Copies of order cards waiting for another attempt, on SQLite and PostgreSQL alike. */
export class OrderDeliveryRepository {
  constructor(private readonly store: Store) {}

  private get db() {
    return this.store.db;
  }

  find(orderId: string, conversationKey: string): Promise<OrderDelivery | undefined> {
    return this.db
      .selectFrom("order_deliveries")
      .selectAll()
      .where("order_id", "=", orderId)
      .where("conversation_key", "=", conversationKey)
      .executeTakeFirst();
  }

  /** Every copy of an order still waiting, oldest first. */
  forOrder(orderId: string): Promise<OrderDelivery[]> {
    return this.db
      .selectFrom("order_deliveries")
      .selectAll()
      .where("order_id", "=", orderId)
      .orderBy("id")
      .execute();
  }

  /**
   * Remembers a copy whose first attempt failed: tried once, next at `runAt`. When one is already
   * waiting (another instance failed at the same moment) it stays as it is.
   */
  async remember(
    orderId: string,
    conversationKey: string,
    pending: PendingDelivery,
    runAt: Date,
  ): Promise<void> {
    await this.db
      .insertInto("order_deliveries")
      .values({
        order_id: orderId,
        conversation_key: conversationKey,
        pending,
        attempts: 1,
        run_at: runAt.getTime(),
        claimed_by: null,
      })
      .onConflict((oc) => oc.columns(["order_id", "conversation_key"]).doNothing())
      .execute();
  }

  /** The order changed: a waiting copy is tried at once, not at its next backoff step. A row an instance holds stays with it. */
  async nudge(id: number, now: Date): Promise<void> {
    await this.db
      .updateTable("order_deliveries")
      .set({ run_at: now.getTime() })
      .where("id", "=", id)
      .where("claimed_by", "is", null)
      .where("run_at", ">", now.getTime())
      .execute();
  }

  /** Atomically takes up to `limit` due rows for this instance under a lease (see `claimLeased`). */
  claimDue(now: Date, limit: number, instance: string, leaseMs: number): Promise<OrderDelivery[]> {
    return claimLeased(this.store, "order_deliveries", { now, limit, instance, leaseMs });
  }

  /** The copy landed, or never can: forgets it, but only while this instance still holds it. */
  async done(id: number, instance: string): Promise<void> {
    await this.db
      .deleteFrom("order_deliveries")
      .where("id", "=", id)
      .where("claimed_by", "=", instance)
      .execute();
  }

  /** Back in the queue at `runAt`, but only while this instance still holds it. */
  async retryAt(id: number, instance: string, runAt: Date): Promise<void> {
    await this.db
      .updateTable("order_deliveries")
      .set({ run_at: runAt.getTime(), claimed_by: null })
      .where("id", "=", id)
      .where("claimed_by", "=", instance)
      .execute();
  }
}

/** What one attempt at a copy came to. */
export type DeliveryOutcome =
  | { status: "sent" }
  /** Sent, but the order changed while the card was on its way: the current card must follow. */
  | { status: "outdated" }
  /** A 5xx, a 429, a network error: try again later (not before `afterMs` when Teams said so). */
  | { status: "retry"; afterMs?: number }
  /** 403/404: the bot was removed from the conversation, or the posted message is gone. */
  | { status: "gone" }
  /** No usable conversation reference: the app is not installed there. */
  | { status: "no-reference" }
  /** The copy is no longer wanted: the order is gone, or it was reassigned before the post landed. */
  | { status: "unwanted" };

/** The port that renders an order's current card and posts or updates one copy (bot/features/orders.ts). */
export interface OrderCourier {
  redeliver(delivery: OrderDelivery): Promise<DeliveryOutcome>;
}

export interface DeliveryRetrierDeps {
  repository: OrderDeliveryRepository;
  courier: OrderCourier;
  clock: Clock;
  log: Logger;
}

export interface DeliveryRetrierOptions {
  intervalMs: number;
  leaseMs: number;
  batchSize?: number;
  instanceId?: string;
}

/**
 * Tries again, in the background, every copy of an order card that did not reach Teams, until it
 * lands. Any number of instances may run: rows are claimed with a lease (like reminders), and
 * only the holder records an outcome, so two instances never send the same copy at once.
 * @remarks Every attempt renders the order's current card; a copy not yet posted is posted under
 * its idempotency key, one already posted is updated in place. A conversation the bot cannot
 * reach (403/404, no reference) is given up at once and logged with the order id only.
 */
export class OrderDeliveryRetrier {
  readonly instanceId: string;
  private readonly batchSize: number;
  private readonly loop: PollingLoop;

  constructor(
    private readonly deps: DeliveryRetrierDeps,
    private readonly options: DeliveryRetrierOptions,
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.batchSize = options.batchSize ?? 20;
    this.loop = new PollingLoop(
      options.intervalMs,
      () => this.tick(),
      (error) => deps.log.error({ err: error }, "order card retries failed, trying again"),
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stops polling and waits for the round in progress to finish. */
  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** One round: claims and tries batch after batch of due copies. Returns how many were claimed. */
  async tick(): Promise<number> {
    const now = this.deps.clock.now();
    let claimed = 0;
    for (;;) {
      const batch = await this.deps.repository.claimDue(
        now,
        this.batchSize,
        this.instanceId,
        this.options.leaseMs,
      );
      claimed += batch.length;
      for (const delivery of batch) await this.attempt(delivery);
      if (batch.length < this.batchSize || this.loop.stopping) return claimed;
    }
  }

  private async attempt(delivery: OrderDelivery): Promise<void> {
    const { repository, log } = this.deps;
    const facts = { orderId: delivery.order_id, conversation: conversationKind(delivery.conversation_key) };
    let outcome: DeliveryOutcome;
    try {
      outcome = await this.deps.courier.redeliver(delivery);
    } catch (error) {
      log.error({ ...facts, err: { name: (error as Error).name } }, "order card retry failed");
      outcome = { status: "retry" };
    }
    switch (outcome.status) {
      case "sent":
      case "unwanted":
        return repository.done(delivery.id, this.instanceId);
      case "outdated":
        return repository.retryAt(delivery.id, this.instanceId, this.deps.clock.now());
      case "retry": {
        const delay = Math.max(outcome.afterMs ?? 0, retryDelayMs(delivery.attempts));
        log.info({ ...facts, attempts: delivery.attempts }, "order card not delivered yet, trying again");
        return repository.retryAt(
          delivery.id,
          this.instanceId,
          new Date(this.deps.clock.now().getTime() + delay),
        );
      }
      case "gone":
      case "no-reference":
        log.warn(
          { ...facts, outcome: outcome.status },
          "order card cannot reach the conversation, giving up",
        );
        return repository.done(delivery.id, this.instanceId);
    }
  }
}
