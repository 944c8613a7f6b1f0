/**
 * Step 7, Beslut: outcome, period (Insteg four months, lss-sis two years) and for C the hour
 * interval (001, 003 §2.2, §4.2, 004).
 */
import { followUpDue, isIsoDate, type IsoDate } from "../../deadlines/index.js";
import { fail, ok, type DomainError, type Result } from "../../errors.js";
import { decidesInTwoSteps } from "../case-types.js";
import {
  advance,
  checkDate,
  instegMonths,
  lssSisDefaultMonths,
  periodEnd,
  refuse,
  swedishDate,
  type CaseState,
  type Decision,
  type DecisionOutcome,
  type HourInterval,
  type TransitionContext,
} from "../case-state.js";
import { defineStep } from "./step.js";

export interface DecideCommand {
  kind: "decide";
  decidedOn: IsoDate;
  outcome: DecisionOutcome;
  periodFrom?: IsoDate;
  periodTo?: IsoDate;
  specialReason?: boolean;
  amendmentReservation?: boolean;
  grantedInterval?: HourInterval;
}

const intervalUpper: Readonly<Record<HourInterval, number>> = { "1-12": 12, "10-24": 24, "22-40": 40 };

function decide(state: CaseState, command: DecideCommand, context: TransitionContext) {
  const earliest = [state.dur?.completedOn, state.meeting?.on, state.informationMeetingOn, state.receivedOn]
    .filter((d): d is IsoDate => d !== undefined)
    .reduce((a, b) => (a > b ? a : b));
  const earlierLabel =
    state.meeting && state.meeting.on === earliest
      ? "flerpartsmötet (beslutet fattas efter mötet)"
      : "utredningen";
  const problem = checkDate("decidedOn", command.decidedOn, context, { date: earliest, label: earlierLabel });
  if (problem) return fail(problem);
  const twoStep = decidesInTwoSteps(state.type);
  if (twoStep && command.outcome === "delavslag")
    return refuse("CASE.OUTCOME_NOT_FOR_TYPE", { field: "outcome" });

  const grants = command.outcome !== "avslag";
  if (grants) {
    if (!state.targetGroup?.belongs) return refuse("CASE.GRANT_REQUIRES_TARGET_GROUP", { field: "outcome" });
    if (!state.criteria?.met) return refuse("CASE.GRANT_REQUIRES_CRITERIA", { field: "outcome" });
  }

  const decision: Decision = {
    decidedOn: command.decidedOn,
    outcome: command.outcome,
    specialReason: false,
    amendmentReservation: false,
  };

  if (grants) {
    const periodFrom = command.periodFrom ?? command.decidedOn;
    const fromProblem = checkDate(
      "periodFrom",
      periodFrom,
      context,
      { date: command.decidedOn, label: "beslutsdatumet" },
      true,
    );
    if (fromProblem) return fail(fromProblem);
    const period = decisionPeriod(state, command, periodFrom);
    if (!period.ok) return period;
    decision.periodFrom = periodFrom;
    if (period.value.periodTo) decision.periodTo = period.value.periodTo;
    decision.specialReason = period.value.specialReason;
    decision.amendmentReservation = command.amendmentReservation ?? false;
  }

  if (state.type === "C") {
    decision.orientation = state.criteria?.orientation;
    decision.appliedInterval = state.criteria?.appliedInterval;
    // Avslag grants nothing: an interval still chosen on the card (it comes preselected and a
    // radio choice cannot be cleared) is ignored rather than refused.
    if (command.outcome !== "avslag") {
      const applied = state.criteria?.appliedInterval;
      const granted = command.grantedInterval ?? (command.outcome === "bifall" ? applied : undefined);
      if (!applied || !granted) return refuse("CASE.FIELD_REQUIRED", { field: "grantedInterval" });
      const fits =
        command.outcome === "bifall" ? granted === applied : intervalUpper[granted] < intervalUpper[applied];
      if (!fits) return refuse("CASE.INTERVAL_INVALID", { field: "grantedInterval" });
      decision.grantedInterval = granted;
    }
  }

  if (!grants) return advance(state, "beslut", { decision, step: "avslut" });
  return advance(
    state,
    "beslut",
    { decision, step: "bestallning", followUpDueOn: followUpDue(command.decidedOn) },
    [{ kind: "scheduleFollowUp", dueOn: followUpDue(command.decidedOn) }],
  );
}

function decisionPeriod(
  state: CaseState,
  command: DecideCommand,
  periodFrom: IsoDate,
): Result<{ periodTo?: IsoDate; specialReason: boolean }, DomainError> {
  const to = command.periodTo;
  if (to !== undefined && !isIsoDate(to)) return refuse("CASE.DATE_INVALID", { field: "periodTo" });
  if (to !== undefined && to <= periodFrom) return refuse("CASE.PERIOD_INVALID", { field: "periodTo" });
  switch (state.insats) {
    case "lss-insteg": {
      const instegEnd = periodEnd(periodFrom, instegMonths);
      if (to !== undefined && to !== instegEnd)
        return refuse("CASE.PERIOD_INSTEG", {
          field: "periodTo",
          months: instegMonths,
          end: swedishDate(instegEnd),
        });
      return ok({ periodTo: instegEnd, specialReason: false });
    }
    case "lss-sis": {
      const defaultEnd = periodEnd(periodFrom, lssSisDefaultMonths);
      const periodTo = to ?? defaultEnd;
      const longer = periodTo > defaultEnd;
      if (longer && !command.specialReason)
        return refuse("CASE.PERIOD_NEEDS_SPECIAL_REASON", {
          field: "periodTo",
          end: swedishDate(defaultEnd),
        });
      return ok({ periodTo, specialReason: longer });
    }
    case "sysselsattning":
      // Individual length; a yearly decision is common, but the follow-up stays six-monthly (003 §2.3).
      return ok(to ? { periodTo: to, specialReason: false } : { specialReason: false });
    default:
      if (!to) return refuse("CASE.FIELD_REQUIRED", { field: "periodTo" });
      return ok({ periodTo: to, specialReason: false });
  }
}

export const beslutStep = defineStep({
  id: "beslut",
  kind: "decide",
  label: "fatta beslut",
  history: "Beslut fattat",
  detailTexts: { bifall: "bifall", delavslag: "delavslag", avslag: "avslag" },
  detail: (command) => command.outcome,
  apply: decide,
});
