import type { Generated } from "kysely";
import type { CaseInsatsId } from "../domain/case-types.js";
import type { JobbtorgUnit } from "../directory/directory.js";

/**
 * The one stored vocabulary of an order's state. What a card shows (`OrderStatus` in
 * src/orders/service.ts) is derived from it: efterstöd is a GP-sent order with `efterstod_on` set.
 */
export const orderStates = ["ny", "tilldelad", "gp-skickad", "avslutad"] as const;
export type OrderState = (typeof orderStates)[number];

/** An order to Jobbtorg (Alfa or Iwork) for a case. This module owns the table: the case
 * workflow's transaction asks src/orders/repository.ts for the rows it writes. */
export interface OrderTable {
  id: string;
  case_id: string;
  case_ref: string;
  insats: CaseInsatsId;
  jobbtorg_unit: JobbtorgUnit;
  district: string;
  decision_from: string | null;
  decision_to: string | null;
  ordered_on: string;
  gp_due_on: string;
  gp_rule: "working" | "calendar";
  state: OrderState;
  /** The work specialist's directory id once assigned. */
  assignee: string | null;
  gp_sent_on: string | null;
  created_at: number;
  updated_at: number;
  assigned_at?: number | null;
  assigned_by?: string | null;
  follow_up_requested_on?: string | null;
  efterstod_on?: string | null;
  closed_on?: string | null;
}

/** Where one copy of an order's card was posted: the intake channel or a specialist's chat. */
export interface OrderCardTable {
  id: Generated<number>;
  order_id: string;
  /** `src/store/conversations.ts` key: `channel:…` or `user:…`. */
  conversation_key: string;
  activity_id: string;
  posted_at: number;
}

declare module "../store/schema.js" {
  interface Database {
    orders: OrderTable;
    order_cards: OrderCardTable;
  }
}
