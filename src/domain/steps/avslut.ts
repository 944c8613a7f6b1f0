/**
 * Step 11, Avslut; and a withdrawn application, which closes the case from any step before the
 * decision.
 */
import type { IsoDate } from "../../deadlines/index.js";
import { fail } from "../../errors.js";
import type { StepId } from "../case-types.js";
import {
  advance,
  checkDate,
  lastRecordedDate,
  refuse,
  type CaseState,
  type CloseReason,
  type TransitionContext,
} from "../case-state.js";
import { defineCommand, defineStep } from "./step.js";

export interface CloseCommand {
  kind: "close";
  closedOn: IsoDate;
  reason: CloseReason;
  closingMeetingHeld: boolean;
}

export interface WithdrawCommand {
  kind: "withdraw";
  on: IsoDate;
}

/** Steps before the decision, where an application can be withdrawn. */
export const withdrawableSteps: readonly StepId[] = [
  "informationsmote",
  "malgrupp",
  "dur",
  "flerpartsmote",
  "kriterier",
  "beslut",
];

function close(state: CaseState, command: CloseCommand, context: TransitionContext) {
  const problem = checkDate("closedOn", command.closedOn, context, {
    date: lastRecordedDate(state),
    label: "ärendets senaste händelse",
  });
  if (problem) return fail(problem);
  const rejected = state.decision?.outcome === "avslag";
  if ((command.reason === "avslag") !== rejected)
    return refuse("CASE.CLOSE_REASON_INVALID", { field: "reason" });
  const { followUpDueOn: _due, ...rest } = state;
  return advance(
    rest,
    "avslut",
    {
      closed: {
        on: command.closedOn,
        reason: command.reason,
        closingMeetingHeld: command.closingMeetingHeld,
      },
    },
    [{ kind: "cancelCase" }],
  );
}

function withdraw(state: CaseState, command: WithdrawCommand, context: TransitionContext) {
  const problem = checkDate("on", command.on, context, {
    date: lastRecordedDate(state),
    label: "ärendets senaste händelse",
  });
  if (problem) return fail(problem);
  return advance(
    state,
    state.step,
    { step: "avslut", closed: { on: command.on, reason: "ansokan-aterkallad", closingMeetingHeld: false } },
    [{ kind: "cancelCase" }],
  );
}

/** Why a case was closed, as the case history and the closed case's card say it. */
export const closeReasonTexts: Readonly<Record<CloseReason, string>> = {
  "behov-upphort": "Behovet av insatsen finns inte längre",
  "natverket-tar-over": "Övriga nätverket tar över stödet",
  avslag: "Ansökan avslogs",
  "ansokan-aterkallad": "Ansökan återkallades",
  annat: "Annat skäl",
};

export const avslutStep = defineStep({
  id: "avslut",
  kind: "close",
  label: "avsluta ärendet",
  history: "Ärendet avslutat",
  detailTexts: closeReasonTexts,
  detail: (command) => command.reason,
  apply: close,
});

export const withdrawCommand = defineCommand({
  kind: "withdraw",
  label: "registrera att ansökan återkallats",
  history: "Ansökan återkallad",
  apply: withdraw,
});
