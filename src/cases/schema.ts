import type { Generated } from "kysely";
import type { CaseworkerUnit, JobbtorgUnit } from "../directory/directory.js";
import type { CaseInsatsId, CaseType, StepId } from "../domain/case-types.js";
import type { CloseReason, DecisionOutcome, Gender } from "../domain/case.js";

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

declare module "../store/schema.js" {
  interface Database {
    cases: CaseTable;
    case_step_events: CaseStepEventTable;
  }
}
