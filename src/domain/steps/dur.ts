/**
 * Step 4, Utredning med DUR (003 §2.1, Bilaga 1).
 */
import type { IsoDate } from "../../deadlines/index.js";
import { fail } from "../../errors.js";
import {
  advance,
  checkDate,
  durLifeAreas,
  durWorkAreaAgeLimit,
  nextStep,
  refuse,
  type CaseState,
  type DurLifeArea,
  type TransitionContext,
} from "../case-state.js";
import { defineStep } from "./step.js";

export interface DurCommand {
  kind: "dur";
  completedOn: IsoDate;
  areas: DurLifeArea[];
  needsPurposeGoals: boolean;
}

function dur(state: CaseState, command: DurCommand, context: TransitionContext) {
  const problem = checkDate("completedOn", command.completedOn, context, {
    date: state.informationMeetingOn,
    label: "informationsmötet",
  });
  if (problem) return fail(problem);
  if (state.age < durWorkAreaAgeLimit && !command.areas.includes("arbete")) {
    return refuse("CASE.DUR_WORK_AREA_REQUIRED", { field: "areas", limit: durWorkAreaAgeLimit });
  }
  if (!command.needsPurposeGoals)
    return refuse("CASE.DUR_NEEDS_PURPOSE_GOALS", { field: "needsPurposeGoals" });
  const areas = durLifeAreas.filter((area) => command.areas.includes(area));
  return advance(state, "dur", {
    dur: { completedOn: command.completedOn, areas, needsPurposeGoals: true },
    step: nextStep(state.type, "dur"),
  });
}

export const durStep = defineStep({
  id: "dur",
  kind: "dur",
  label: "registrera DUR-utredningen",
  history: "DUR-utredning registrerad",
  apply: dur,
});
