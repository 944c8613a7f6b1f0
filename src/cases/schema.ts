import type { Generated } from "kysely";
import type { CaseworkerUnit, JobbtorgUnit } from "../directory/directory.js";
import type { CaseInsatsId, CaseType, StepId } from "../domain/case-types.js";
import type { CloseReason, DecisionOutcome, Gender } from "../domain/case.js";

/** Orders as Jobbtorg handles them: new, assigned to a work specialist, GP sent, closed. */
export const orderStates = ["ny", "tilldelad", "gp-skickad", "avslutad"] as const;
export type OrderState = (typeof orderStates)[number];

/** One case: the columns lists and statistics need, plus the aggregate's step states as JSON. */
export interface CaseTable {
  id: string;
  case_ref: string;
  creation_key: string;
  type: CaseType;
  insats: CaseInsatsId;
  caseworker_id: string;
  unit: CaseworkerUnit;
  district: string;
  gender: Gender;
  age: number;
  received_on: string;
  step: StepId;
  /** Follow-ups held so far. */
  cycle: number;
  version: number;
  decision_outcome: DecisionOutcome | null;
  decided_on: string | null;
  jobbtorg_unit: JobbtorgUnit | null;
  next_due_kind: string | null;
  next_due_on: string | null;
  closed_on: string | null;
  close_reason: CloseReason | null;
  /** JSON of `CaseState` (src/domain/case.ts). */
  state: string;
  created_at: number;
  updated_at: number;
}

/** The case's history: who registered which step, when (the documentation duty, 001). */
export interface CaseStepEventTable {
  id: Generated<number>;
  case_id: string;
  case_ref: string;
  version: number;
  step: StepId;
  action: string;
  /** A short non-personal outcome ("bifall", "komplettering"), never user free text. */
  detail: string | null;
  actor: string;
  at: number;
}

/** An order to Jobbtorg (Alfa or Iwork) for a case; the order handling picks it up from here. */
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
}

declare module "../store/schema.js" {
  interface Database {
    cases: CaseTable;
    case_step_events: CaseStepEventTable;
    orders: OrderTable;
  }
}
