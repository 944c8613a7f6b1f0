/**
 * Step 1, Ansökan: a new application opens the case at the informationsmöte (003 Bilaga 1, 1.
 * Ansökan).
 */
import type { IsoDate } from "../../deadlines/index.js";
import { fail, ok, type DomainError, type Result } from "../../errors.js";
import { caseTypeOfInsats, type CaseInsatsId } from "../case-types.js";
import {
  ageRange,
  checkDate,
  refuse,
  type CaseState,
  type Gender,
  type TransitionContext,
} from "../case-state.js";

/** What a new application carries (the case reference is checked apart: src/identity, config). */
export interface NewCase {
  insats: CaseInsatsId;
  receivedOn: IsoDate;
  gender: Gender;
  age: number;
}

/** What the case history says of the application. */
export const ansokanHistory = "Ansökan registrerad";

/** Opens a case at the informationsmöte step; the application itself is step 1. */
export function openCase(input: NewCase, context: TransitionContext): Result<CaseState, DomainError> {
  const dateProblem = checkDate("receivedOn", input.receivedOn, context);
  if (dateProblem) return fail(dateProblem);
  if (!Number.isInteger(input.age) || input.age < ageRange.min || input.age > ageRange.max) {
    return refuse("CASE.AGE_OUT_OF_RANGE", { field: "age", min: ageRange.min, max: ageRange.max });
  }
  return ok({
    type: caseTypeOfInsats[input.insats],
    insats: input.insats,
    receivedOn: input.receivedOn,
    gender: input.gender,
    age: input.age,
    step: "informationsmote",
    orders: [],
    followUps: [],
  });
}
