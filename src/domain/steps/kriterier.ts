/**
 * Step 6, Kriterier: the criteria (with the work specialist's assessment for A; orientation and
 * hours for C).
 */
import type { IsoDate } from "../../deadlines/index.js";
import { fail } from "../../errors.js";
import {
  advance,
  checkDate,
  refuse,
  type CaseState,
  type HourInterval,
  type Orientation,
  type Outcome,
  type RuleVerdict,
  type TransitionContext,
} from "../case-state.js";
import { defineStep } from "./step.js";

export interface CriteriaCommand {
  kind: "criteria";
  met: boolean;
  ruleVerdict?: RuleVerdict;
  unmet?: string[];
  specialistAssessment?: { on: IsoDate; ready: boolean };
  orientation?: Orientation;
  appliedInterval?: HourInterval;
}

function criteria(state: CaseState, command: CriteriaCommand, context: TransitionContext): Outcome {
  const specialist = command.specialistAssessment;
  if (state.type === "A" && !specialist) {
    return refuse("CASE.SPECIALIST_ASSESSMENT_REQUIRED", { field: "specialistOn" });
  }
  if (specialist) {
    const problem = checkDate("specialistOn", specialist.on, context, {
      date: state.receivedOn,
      label: "ansökan kom in",
    });
    if (problem) return fail(problem);
    if (command.met && !specialist.ready) return refuse("CASE.CRITERIA_CONTRADICTION", { field: "met" });
  }
  if (command.met && command.ruleVerdict === "not-eligible") {
    return refuse("CASE.CRITERIA_CONTRADICT_RULES", { field: "met" });
  }
  if (state.type === "C") {
    if (!command.orientation) return refuse("CASE.FIELD_REQUIRED", { field: "orientation" });
    if (!command.appliedInterval) return refuse("CASE.FIELD_REQUIRED", { field: "appliedInterval" });
  }
  return advance(state, "kriterier", {
    criteria: {
      assessedOn: context.today,
      met: command.met,
      unmet: command.unmet ?? [],
      ...(command.ruleVerdict ? { ruleVerdict: command.ruleVerdict } : {}),
      ...(specialist ? { specialistAssessment: specialist } : {}),
      ...(state.type === "C"
        ? { orientation: command.orientation, appliedInterval: command.appliedInterval }
        : {}),
    },
    step: "beslut",
  });
}

export const kriterierStep = defineStep({
  id: "kriterier",
  kind: "criteria",
  label: "registrera kriterieprövningen",
  history: "Kriterier prövade",
  detailTexts: { uppfyllda: "uppfyllda", "ej-uppfyllda": "ej uppfyllda" },
  detail: (command) => (command.met ? "uppfyllda" : "ej-uppfyllda"),
  apply: criteria,
});
