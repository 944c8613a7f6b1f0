/**
 * The case aggregate and its process state machine, one per case type (A, B, C, D).
 * Pure: a command and the current state give a new state and the effects the service must
 * carry out (orders, reminders), or a typed {@link DomainError} for a forbidden transition.
 * Each step's command and transition live in src/domain/steps/<step>.ts; the state and what the
 * steps share in src/domain/case-state.ts. This module routes a command to its step.
 * Sources: DOMAIN.md "The case process"; 003 Bilaga 1 and 2; 001; 002; 004.
 */
import type { IsoDate } from "../deadlines/index.js";
import type { JobbtorgUnit } from "../directory/directory.js";
import { stepTitles, stepsFor, type CaseInsatsId, type CaseType, type StepId } from "./case-types.js";
import {
  currentOrder,
  refuse,
  swedishDate,
  type CaseCommand,
  type CaseCommandKind,
  type CaseState,
  type Outcome,
  type TransitionContext,
} from "./case-state.js";
import { withdrawableSteps } from "./steps/avslut.js";
import { caseSteps, commandHandlers, stepFreeCommands } from "./steps/index.js";
import type { AnyCommandHandler, CommandHandler } from "./steps/step.js";

export * from "./case-state.js";
import { ansokanHistory } from "./steps/ansokan.js";
export { ansokanHistory, openCase, type NewCase } from "./steps/ansokan.js";

/** The step each command belongs to. `withdraw` and `clearMeeting` are checked on their own. */
export const commandStep: Readonly<Record<CaseCommandKind, StepId | undefined>> = {
  ...(Object.fromEntries(Object.values(caseSteps).map((step) => [step.kind, step.id])) as Record<
    CaseCommandKind,
    StepId
  >),
  ...(Object.fromEntries(Object.keys(stepFreeCommands).map((kind) => [kind, undefined])) as Record<
    keyof typeof stepFreeCommands,
    undefined
  >),
};

/** Swedish names of the actions, for error messages. */
export const commandLabels: Readonly<Record<CaseCommandKind, string>> = Object.fromEntries(
  Object.values(commandHandlers).map((handler: AnyCommandHandler) => [handler.kind, handler.label]),
) as Record<CaseCommandKind, string>;

/** The case history's Swedish texts: what each command did ("open" is the application). */
export const historyTexts: Readonly<Record<CaseCommandKind | "open", string>> = {
  open: ansokanHistory,
  ...(Object.fromEntries(
    Object.values(commandHandlers).map((handler: AnyCommandHandler) => [handler.kind, handler.history]),
  ) as Record<CaseCommandKind, string>),
};

/** The case history's Swedish text of each outcome a command records (`commandDetail`). */
export const historyDetailTexts: Readonly<Record<string, string>> = Object.assign(
  {},
  ...Object.values(commandHandlers).map((handler: AnyCommandHandler) => handler.detailTexts ?? {}),
);

/** Non-personal one-word outcome of a command, for the case history and the audit log. */
export function commandDetail(command: CaseCommand): string | null {
  const handler = commandHandlers[command.kind] as CommandHandler;
  return handler.detail?.(command as never) ?? null;
}

/**
 * Applies a command to a case. A command for another step than the current one, for a step the
 * case type does not have, or on a closed case is refused with a typed error.
 */
export function applyCommand(state: CaseState, command: CaseCommand, context: TransitionContext): Outcome {
  if (state.closed) return refuse("CASE.CLOSED", { closedOn: swedishDate(state.closed.on) });
  const action = commandLabels[command.kind];
  const handler = commandHandlers[command.kind] as CommandHandler;
  if (command.kind === "withdraw" && !withdrawableSteps.includes(state.step))
    return refuse("CASE.WRONG_STEP", { action, step: stepTitles[state.step] });
  const step = commandStep[command.kind];
  if (step && !stepsFor(state.type).includes(step))
    return refuse("CASE.STEP_NOT_FOR_TYPE", { action, step: stepTitles[step] });
  if (step && step !== state.step) return refuse("CASE.WRONG_STEP", { action, step: stepTitles[state.step] });
  return handler.apply(state, command as never, context);
}

/**
 * True while the current order still waits for its genomförandeplan: the caseworker has not
 * registered it, and Jobbtorg has not reported it sent since the order (or since the last
 * completion request, which sets the deadline running again).
 * @param planSentOn when Jobbtorg reported the latest order's plan sent (src/orders), if it did.
 */
export function planOutstanding(state: CaseState, planSentOn?: IsoDate | null): boolean {
  const order = currentOrder(state);
  if (!order || order.gpReceivedOn) return false;
  if (!planSentOn || planSentOn < order.orderedOn) return true;
  const requested = order.completionRequestedOn.at(-1);
  return requested !== undefined && requested >= planSentOn;
}

export type NextDeadline = { kind: "genomforandeplan" | "uppfoljning" | "flerpartsmote"; dueOn: IsoDate };

/**
 * The case's next deadline — the one source every list, card and page reads (through the
 * `next_due_*` columns src/cases/repository.ts keeps): the genomförandeplan while it is
 * outstanding, the flerpartsmöte until the decision, else the follow-up.
 * @param planSentOn when Jobbtorg reported the latest order's plan sent: that plan drops off.
 */
export function nextDeadline(state: CaseState, planSentOn?: IsoDate | null): NextDeadline | undefined {
  if (state.closed) return undefined;
  if (state.step === "genomforandeplan" && planOutstanding(state, planSentOn)) {
    const order = currentOrder(state);
    if (order) return { kind: "genomforandeplan", dueOn: order.gpDueOn };
  }
  // Until the decision the meeting is the date to keep: the decision cannot come before it.
  if ((state.step === "kriterier" || state.step === "beslut") && state.meeting)
    return { kind: "flerpartsmote", dueOn: state.meeting.on };
  if (state.followUpDueOn) return { kind: "uppfoljning", dueOn: state.followUpDueOn };
  return undefined;
}

/** True when the case is past its last step. */
export function isClosed(state: CaseState): boolean {
  return state.closed !== undefined;
}

export type { CaseInsatsId, CaseType, StepId, JobbtorgUnit };
