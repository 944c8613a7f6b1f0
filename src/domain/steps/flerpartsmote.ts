/**
 * Step 5, Flerpartsmöte med Jobbtorg: booked (possibly ahead) before the decision; a cancelled
 * booking takes the case back here.
 */
import type { IsoDate } from "../../deadlines/index.js";
import { fail, ok } from "../../errors.js";
import { stepTitles } from "../case-types.js";
import {
  advance,
  checkDate,
  refuse,
  type CaseState,
  type Outcome,
  type TransitionContext,
} from "../case-state.js";
import { defineCommand, defineStep } from "./step.js";

export interface MeetingCommand {
  kind: "meeting";
  on: IsoDate;
  meetingId?: string;
}

/** The booked meeting was cancelled (src/meetings): accepted in the steps after booking. */
export interface ClearMeetingCommand {
  kind: "clearMeeting";
  meetingId: string;
}

function meeting(state: CaseState, command: MeetingCommand, context: TransitionContext) {
  // A booked meeting may lie ahead; the decision cannot come before it.
  const problem = checkDate(
    "on",
    command.on,
    context,
    { date: state.dur?.completedOn ?? state.informationMeetingOn, label: "utredningen" },
    true,
  );
  if (problem) return fail(problem);
  return advance(state, "flerpartsmote", {
    meeting: { on: command.on, ...(command.meetingId ? { meetingId: command.meetingId } : {}) },
    step: "kriterier",
  });
}

function clearMeeting(state: CaseState, command: ClearMeetingCommand): Outcome {
  if (!state.meeting || state.meeting.meetingId !== command.meetingId) {
    return refuse("CASE.MEETING_NOT_FOUND", {});
  }
  if (state.step !== "kriterier" && state.step !== "beslut") {
    return refuse("CASE.MEETING_NOT_CLEARABLE", { step: stepTitles[state.step] });
  }
  // Back to booking; the criteria are tried again after the new meeting.
  const { meeting: _meeting, criteria: _criteria, ...rest } = state;
  return ok({ state: { ...rest, step: "flerpartsmote" }, effects: [], step: "flerpartsmote" });
}

export const flerpartsmoteStep = defineStep({
  id: "flerpartsmote",
  kind: "meeting",
  label: "registrera flerpartsmötet",
  history: "Flerpartsmöte bokat",
  apply: meeting,
});

export const clearMeetingCommand = defineCommand({
  kind: "clearMeeting",
  label: "ta bort flerpartsmötet",
  history: "Flerpartsmöte avbokat",
  apply: (state, command) => clearMeeting(state, command),
});
