import type { Generated } from "kysely";

/**
 * pending → (claimed: run_at is the lease's end) → done; a failed attempt goes back to pending
 * with backoff, and after too many to `dead` (shown to admins and in the team channels' digest).
 * `waiting`: the effect has nowhere to go yet (no channel linked); it is looked at again now and
 * then, and at once when the cause is fixed.
 */
export type OutboxState = "pending" | "waiting" | "done" | "dead";

/** One effect of a committed change (migration 0008). */
export interface OutboxTable {
  id: Generated<number>;
  event_type: string;
  /** The subscription (src/events/wiring.ts) this row runs. */
  handler: string;
  /** The order or case the effect is about; null where it must not be linkable (the register). */
  aggregate_id: string | null;
  /** JSON of the event: ids, dates, codes — no names, no free text. */
  payload: string;
  idempotency_key: string;
  state: OutboxState;
  attempts: number;
  run_at: number | null;
  claimed_by: string | null;
  last_error: string | null;
  created_at: number;
  finished_at: number | null;
}

declare module "../store/schema.js" {
  interface Database {
    outbox: OutboxTable;
  }
}
