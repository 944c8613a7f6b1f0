import type { Generated } from "kysely";
import type { CaseType } from "../domain/case-types.js";
import "../cases/schema.js";

/** Where one copy of an order's card was posted: the intake channel or a specialist's chat. */
export interface OrderCardTable {
  id: Generated<number>;
  order_id: string;
  /** `src/store/conversations.ts` key: `channel:…` or `user:…`. */
  conversation_key: string;
  activity_id: string;
  posted_at: number;
}

/** What an order card still needs in a conversation: its first post, or an update in place. */
export type PendingDelivery = "post" | "update";

/**
 * A copy of an order's card that did not reach Teams yet, waiting for its next attempt
 * (src/orders/delivery.ts). Least data: no card content, no names.
 */
export interface OrderDeliveryTable {
  id: Generated<number>;
  order_id: string;
  conversation_key: string;
  pending: PendingDelivery;
  attempts: number;
  /** The next attempt (epoch ms); while an instance holds the row, the end of its lease. */
  run_at: number;
  claimed_by: string | null;
}

/** One decision, anonymised: no case reference, no case id, the age only as a band. */
export interface DecisionRegisterTable {
  id: Generated<number>;
  decided_on: string;
  case_type: CaseType;
  insats: string;
  outcome: string;
  legal_basis: string;
  gender: string;
  age_band: string;
}

declare module "../cases/schema.js" {
  // Optional: the case workflow inserts orders without them (migration 0004 leaves them null).
  interface OrderTable {
    assigned_at?: number | null;
    assigned_by?: string | null;
    follow_up_requested_on?: string | null;
    efterstod_on?: string | null;
    closed_on?: string | null;
  }
}

declare module "../store/schema.js" {
  interface Database {
    order_cards: OrderCardTable;
    order_deliveries: OrderDeliveryTable;
    decision_register: DecisionRegisterTable;
  }
}
