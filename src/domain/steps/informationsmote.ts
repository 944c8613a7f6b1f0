/**
 * Step 2, Informationsmöte (003 Bilaga 2).
 */
import type { IsoDate } from "../../deadlines/index.js";
import { advance, checkDate, type CaseState, type Outcome, type TransitionContext } from "../case-state.js";
import { fail } from "../../errors.js";
import { defineStep } from "./step.js";

export interface InformationMeetingCommand {
  kind: "informationMeeting";
  heldOn: IsoDate;
}

function informationMeeting(
  state: CaseState,
  command: InformationMeetingCommand,
  context: TransitionContext,
): Outcome {
  const problem = checkDate("heldOn", command.heldOn, context, {
    date: state.receivedOn,
    label: "ansökan kom in",
  });
  if (problem) return fail(problem);
  return advance(state, "informationsmote", { informationMeetingOn: command.heldOn, step: "malgrupp" });
}

export const informationsmoteStep = defineStep({
  id: "informationsmote",
  kind: "informationMeeting",
  label: "registrera informationsmötet",
  history: "Informationsmöte registrerat",
  apply: informationMeeting,
});
