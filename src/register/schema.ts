import type { Generated } from "kysely";
import type { CaseType } from "../domain/case-types.js";

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

declare module "../store/schema.js" {
  interface Database {
    decision_register: DecisionRegisterTable;
  }
}
