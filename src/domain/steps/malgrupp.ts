/**
 * Step 3, Målgruppstillhörighet: the caseworker confirms it, with the rule module's verdict.
 */
import {
  advance,
  refuse,
  type CaseState,
  type Outcome,
  type RuleVerdict,
  type TransitionContext,
} from "../case-state.js";
import { defineStep } from "./step.js";

export interface TargetGroupCommand {
  kind: "targetGroup";
  belongs: boolean;
  ruleVerdict?: RuleVerdict;
}

function targetGroup(state: CaseState, command: TargetGroupCommand, context: TransitionContext): Outcome {
  if (command.belongs && command.ruleVerdict === "not-eligible") {
    return refuse("CASE.TARGET_GROUP_CONTRADICT_RULES", { field: "belongs" });
  }
  // Outside the target group the insats cannot be granted: straight to the (rejecting) decision.
  return advance(state, "malgrupp", {
    targetGroup: {
      belongs: command.belongs,
      confirmedOn: context.today,
      ...(command.ruleVerdict ? { ruleVerdict: command.ruleVerdict } : {}),
    },
    step: command.belongs ? "dur" : "beslut",
  });
}

export const malgruppStep = defineStep({
  id: "malgrupp",
  kind: "targetGroup",
  label: "bekräfta målgruppstillhörigheten",
  history: "Målgruppstillhörighet bedömd",
  detailTexts: { tillhor: "tillhör målgruppen", "tillhor-inte": "tillhör inte målgruppen" },
  detail: (command) => (command.belongs ? "tillhor" : "tillhor-inte"),
  apply: targetGroup,
});
