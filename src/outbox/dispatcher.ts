import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import type { Clock } from "../clock.js";
import { DomainError } from "../errors.js";
import type { DomainEvent } from "../events/types.js";
import { faultPoint } from "../fault.js";
import type { Logger } from "../log.js";
import { PollingLoop } from "../polling-loop.js";
import type { Database } from "../store/schema.js";
import type { OutboxRepository, OutboxRow } from "./repository.js";

/** What one run of an effect came to. */
export type EffectOutcome =
  | { status: "done" }
  /** Failed (a 5xx, a 429, a network error): again later, not before `afterMs` when Teams said so. */
  | { status: "retry"; error: string; afterMs?: number }
  /** Nowhere to go yet (no channel linked): looked at again hourly, and at once when woken. */
  | { status: "wait"; error: string };

/**
 * How an effect runs. `remote` effects (a Teams post) run and are then marked done: a crash in
 * between runs them again, so they are at-least-once and carry an idempotency key. `local`
 * effects write to the store in the transaction that marks the row done: exactly once.
 */
export type EffectHandler =
  | {
      kind: "remote";
      run(event: DomainEvent, effect: { key: string; attempts: number }): Promise<EffectOutcome>;
    }
  | { kind: "local"; write(event: DomainEvent, trx: Kysely<Database>): Promise<void> };

export interface DispatcherDeps {
  repository: OutboxRepository;
  transaction<T>(work: (trx: Kysely<Database>) => Promise<T>): Promise<T>;
  clock: Clock;
  log: Logger;
}

export interface DispatcherOptions {
  intervalMs: number;
  leaseMs: number;
  batchSize?: number;
  instanceId?: string;
  /** Failed tries before an effect is dead-lettered. */
  maxAttempts?: number;
}

/**
 * When a failed effect is tried again, after its `attempts`-th failure: 1 min, 5 min, 15 min,
 * then hourly. Teams outages last minutes, sometimes hours.
 */
export function retryDelayMs(attempts: number): number {
  return [60_000, 5 * 60_000, 15 * 60_000][Math.max(1, attempts) - 1] ?? 60 * 60_000;
}

/** A stable, non-personal code for a failure: a domain code, an HTTP status, an error's name. */
export function errorCode(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (typeof status === "number") return `http-${status}`;
  return (error as Error | null)?.name ?? "error";
}

const waitRecheckMs = 60 * 60_000;

/**
 * Runs the outbox: right after a commit for the rows it wrote (`runNow`), and on a polling loop
 * for whatever is due (a crash's leftovers, retries). Any number of instances may run: rows are
 * claimed under a lease and only the holder records an outcome.
 * @remarks After `maxAttempts` failed tries an effect is dead-lettered: kept with its error code,
 * listed to admins (`misslyckade utskick`) and counted in the team channels' digest.
 */
export class OutboxDispatcher {
  readonly instanceId: string;
  private readonly batchSize: number;
  private readonly maxAttempts: number;
  private readonly loop: PollingLoop;
  private handlers: Readonly<Record<string, EffectHandler>> | undefined;

  constructor(
    private readonly deps: DispatcherDeps,
    private readonly options: DispatcherOptions,
  ) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.batchSize = options.batchSize ?? 20;
    this.maxAttempts = options.maxAttempts ?? 10;
    this.loop = new PollingLoop(
      options.intervalMs,
      () => this.tick(),
      (error) =>
        deps.log.error({ err: { name: (error as Error).name } }, "outbox round failed, trying again"),
    );
  }

  /**
   * The composition root hands over the handlers (src/main.ts, with the list in
   * src/events/wiring.ts): the store's effects at once, the bot's once its runtime exists. Rows
   * of handlers this process lacks wait in the store for one that has them.
   */
  use(handlers: Readonly<Record<string, EffectHandler>>): void {
    this.handlers = handlers;
  }

  start(): void {
    if (this.handlers) this.loop.start();
  }

  async stop(): Promise<void> {
    await this.loop.stop();
  }

  /** Runs the effects a change just committed, in this request; a crash leaves them to `tick`. */
  async runNow(ids: number[]): Promise<void> {
    if (ids.length === 0) return;
    faultPoint("after-commit");
    if (!this.handlers) return;
    const rows = await this.deps.repository.claimIds(
      Object.keys(this.handlers),
      ids,
      this.deps.clock.now(),
      this.instanceId,
      this.options.leaseMs,
    );
    for (const row of rows) await this.attempt(row);
  }

  /** The cause effects waited for is fixed (a channel linked): they run now. */
  async wake(handlers: string[], cause: string): Promise<void> {
    await this.runNow(await this.deps.repository.wake(handlers, cause, this.deps.clock.now()));
  }

  /** One round: claims and runs batch after batch of due effects. Returns how many were claimed. */
  async tick(): Promise<number> {
    if (!this.handlers) return 0;
    let claimed = 0;
    for (;;) {
      const batch = await this.deps.repository.claimDue(
        Object.keys(this.handlers),
        this.deps.clock.now(),
        this.batchSize,
        this.instanceId,
        this.options.leaseMs,
      );
      claimed += batch.length;
      for (const row of batch) await this.attempt(row);
      if (batch.length < this.batchSize || this.loop.stopping) return claimed;
    }
  }

  private async attempt(row: OutboxRow): Promise<void> {
    const { repository, log, clock } = this.deps;
    const facts = { outboxId: row.id, handler: row.handler, aggregate: row.aggregate_id };
    const handler = this.handlers?.[row.handler];
    if (!handler) {
      await repository.dead(row.id, this.instanceId, "unknown-handler", clock.now());
      log.error(facts, "outbox row for an unknown handler, dead-lettered");
      return;
    }
    const event = JSON.parse(row.payload) as DomainEvent;
    let outcome: EffectOutcome;
    try {
      if (handler.kind === "local") {
        await this.deps.transaction(async (trx) => {
          await handler.write(event, trx);
          if (!(await repository.done(row.id, this.instanceId, clock.now(), trx))) {
            // Another instance took the row over (our lease ran out): undo, it writes instead.
            throw new LeaseLost();
          }
        });
        return;
      } else {
        outcome = await handler.run(event, { key: row.idempotency_key, attempts: row.attempts });
      }
    } catch (error) {
      if (error instanceof LeaseLost) return;
      outcome = { status: "retry", error: errorCode(error) };
      log.error({ ...facts, error: outcome.error }, "effect failed");
    }
    faultPoint("after-effect");
    const now = clock.now();
    switch (outcome.status) {
      case "done":
        await repository.done(row.id, this.instanceId, now);
        return;
      case "wait":
        await repository.retryAt(
          row.id,
          this.instanceId,
          new Date(now.getTime() + waitRecheckMs),
          outcome.error,
          "waiting",
          true,
        );
        log.info({ ...facts, reason: outcome.error }, "effect waits");
        return;
      case "retry":
        if (row.attempts >= this.maxAttempts) {
          await repository.dead(row.id, this.instanceId, outcome.error, now);
          log.error(
            { ...facts, attempts: row.attempts, error: outcome.error },
            "effect gave up: dead letter",
          );
          return;
        }
        await repository.retryAt(
          row.id,
          this.instanceId,
          new Date(now.getTime() + Math.max(outcome.afterMs ?? 0, retryDelayMs(row.attempts))),
          outcome.error,
        );
        log.info(
          { ...facts, attempts: row.attempts, error: outcome.error },
          "effect not done yet, trying again",
        );
        return;
    }
  }
}

class LeaseLost extends Error {
  override name = "LeaseLost";
}
