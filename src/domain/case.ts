/**
 * The case aggregate and its process state machine, one per case type (A, B, C, D).
 * Pure: a command and the current state give a new state and the effects the service must
 * carry out (orders, reminders), or a typed {@link DomainError} for a forbidden transition.
 * Sources: DOMAIN.md "The case process"; 003 Bilaga 1 and 2; 001; 002; 004.
 */
import {
  followUpDue,
  gpDueDate,
  isIsoDate,
  parseIsoDate,
  type GpDeadlineRule,
  type IsoDate,
} from "../deadlines/index.js";
import { jobbtorgUnits, type JobbtorgUnit } from "../directory/directory.js";
import { DomainError, fail, ok, type Result } from "../errors.js";
import { z } from "../validation.js";
import {
  caseInsatsIds,
  caseTypeOfInsats,
  caseTypes,
  decidesInTwoSteps,
  defaultJobbtorgUnit,
  ordersFromJobbtorg,
  stepIds,
  stepTitles,
  stepsFor,
  type CaseInsatsId,
  type CaseType,
  type StepId,
} from "./case-types.js";

export const genders = ["kvinna", "man", "annat"] as const;
export type Gender = (typeof genders)[number];

/** Sysselsättning's three overlapping hour intervals per week (003 §2.2). */
export const hourIntervals = ["1-12", "10-24", "22-40"] as const;
export type HourInterval = (typeof hourIntervals)[number];

export const orientations = ["socialt-inriktad", "arbetsrehabiliterande"] as const;
export type Orientation = (typeof orientations)[number];

/** The rule module's verdicts, as recorded with the caseworker's confirmation. */
export const ruleVerdicts = ["eligible", "not-eligible", "needs-facts"] as const;
export type RuleVerdict = (typeof ruleVerdicts)[number];

/** DUR life areas to deepen for work and studies (003 Bilaga 1, 1. Ansökan). */
export const durLifeAreas = ["arbete", "intressen", "psykisk-halsa", "adl"] as const;
export type DurLifeArea = (typeof durLifeAreas)[number];

/** Under this age the life area arbete, utbildning och sysselsättning is always deepened (003 §2.1). */
export const durWorkAreaAgeLimit = 35;

/** The follow-up checklist of 003 Bilaga 1 §3; the first two are always done, the rest when needed. */
export const followUpItems = [
  "dur-uppfoljning",
  "behov-syfte-mal",
  "ratten-till-bistand",
  "omfattning",
  "byta-utforare",
  "sip",
] as const;
export type FollowUpItem = (typeof followUpItems)[number];
export const requiredFollowUpItems: readonly FollowUpItem[] = ["dur-uppfoljning", "behov-syfte-mal"];

export const closeReasons = [
  "behov-upphort",
  "natverket-tar-over",
  "avslag",
  "ansokan-aterkallad",
  "annat",
] as const;
export type CloseReason = (typeof closeReasons)[number];

export const decisionOutcomes = ["bifall", "delavslag", "avslag"] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** Insteg: a four-month trial (004). */
export const instegMonths = 4;
/** lss-sis: two years by default, longer only with special reasons (004). */
export const lssSisDefaultMonths = 24;

export const ageRange = { min: 16, max: 110 } as const;

const isoDate = z.string().refine(isIsoDate, "Ange ett datum (ÅÅÅÅ-MM-DD).");

export const orderEntrySchema = z.object({
  /** Absent for sysselsättning: that order goes to a provider outside Jobbtorg. */
  orderId: z.string().optional(),
  /** 0 for the first order, then the follow-up number it followed. */
  cycle: z.number().int().min(0),
  orderedOn: isoDate,
  gpDueOn: isoDate,
  gpRule: z.enum(["working", "calendar"]),
  jobbtorgUnit: z.enum(jobbtorgUnits).optional(),
  gpReceivedOn: isoDate.optional(),
  completionRequestedOn: z.array(isoDate).default([]),
});
export type OrderEntry = z.infer<typeof orderEntrySchema>;

export const decisionSchema = z.object({
  decidedOn: isoDate,
  outcome: z.enum(decisionOutcomes),
  periodFrom: isoDate.optional(),
  periodTo: isoDate.optional(),
  /** lss-sis longer than two years: the special reasons are stated in the decision (004). */
  specialReason: z.boolean().default(false),
  /** Ändringsförbehåll (003 §4.2.7). */
  amendmentReservation: z.boolean().default(false),
  orientation: z.enum(orientations).optional(),
  appliedInterval: z.enum(hourIntervals).optional(),
  grantedInterval: z.enum(hourIntervals).optional(),
});
export type Decision = z.infer<typeof decisionSchema>;

/**
 * Everything the bot keeps about a case: dates, step states, gender, age and the decision's
 * parameters. No names, personnummer or free text (README, Privacy).
 */
export const caseStateSchema = z.object({
  type: z.enum(caseTypes),
  insats: z.enum(caseInsatsIds),
  receivedOn: isoDate,
  gender: z.enum(genders),
  age: z.number().int().min(ageRange.min).max(ageRange.max),
  step: z.enum(stepIds),
  informationMeetingOn: isoDate.optional(),
  targetGroup: z
    .object({ belongs: z.boolean(), ruleVerdict: z.enum(ruleVerdicts).optional(), confirmedOn: isoDate })
    .optional(),
  dur: z
    .object({
      completedOn: isoDate,
      areas: z.array(z.enum(durLifeAreas)),
      needsPurposeGoals: z.literal(true),
    })
    .optional(),
  meeting: z.object({ meetingId: z.string().optional(), on: isoDate }).optional(),
  criteria: z
    .object({
      assessedOn: isoDate,
      met: z.boolean(),
      ruleVerdict: z.enum(ruleVerdicts).optional(),
      unmet: z.array(z.string()).default([]),
      specialistAssessment: z.object({ on: isoDate, ready: z.boolean() }).optional(),
      orientation: z.enum(orientations).optional(),
      appliedInterval: z.enum(hourIntervals).optional(),
    })
    .optional(),
  decision: decisionSchema.optional(),
  orders: z.array(orderEntrySchema).default([]),
  followUps: z
    .array(z.object({ heldOn: isoDate, items: z.array(z.enum(followUpItems)), continues: z.boolean() }))
    .default([]),
  followUpDueOn: isoDate.optional(),
  closed: z.object({ on: isoDate, reason: z.enum(closeReasons), closingMeetingHeld: z.boolean() }).optional(),
});
export type CaseState = z.infer<typeof caseStateSchema>;

/** What a new application carries (the case reference is checked apart: src/identity, config). */
export interface NewCase {
  insats: CaseInsatsId;
  receivedOn: IsoDate;
  gender: Gender;
  age: number;
}

export type CaseCommand =
  | { kind: "informationMeeting"; heldOn: IsoDate }
  | { kind: "targetGroup"; belongs: boolean; ruleVerdict?: RuleVerdict }
  | { kind: "dur"; completedOn: IsoDate; areas: DurLifeArea[]; needsPurposeGoals: boolean }
  | { kind: "meeting"; on: IsoDate; meetingId?: string }
  | { kind: "clearMeeting"; meetingId: string }
  | {
      kind: "criteria";
      met: boolean;
      ruleVerdict?: RuleVerdict;
      unmet?: string[];
      specialistAssessment?: { on: IsoDate; ready: boolean };
      orientation?: Orientation;
      appliedInterval?: HourInterval;
    }
  | {
      kind: "decide";
      decidedOn: IsoDate;
      outcome: DecisionOutcome;
      periodFrom?: IsoDate;
      periodTo?: IsoDate;
      specialReason?: boolean;
      amendmentReservation?: boolean;
      grantedInterval?: HourInterval;
    }
  | { kind: "order"; orderedOn: IsoDate; orderId?: string; jobbtorgUnit?: JobbtorgUnit }
  | { kind: "gp"; receivedOn: IsoDate; matchesOrder: boolean }
  | {
      kind: "followUp";
      heldOn: IsoDate;
      items: FollowUpItem[];
      continues: boolean;
      orderedOn?: IsoDate;
      orderId?: string;
    }
  | { kind: "close"; closedOn: IsoDate; reason: CloseReason; closingMeetingHeld: boolean }
  | { kind: "withdraw"; on: IsoDate };

export type CaseCommandKind = CaseCommand["kind"];

/** Side effects the service carries out after the state is stored. */
export type CaseEffect =
  | {
      kind: "placeOrder";
      orderId: string;
      orderedOn: IsoDate;
      gpDueOn: IsoDate;
      gpRule: GpDeadlineRule;
      /** Absent when the provider is not Jobbtorg (sysselsättning): no Jobbtorg order then. */
      jobbtorgUnit?: JobbtorgUnit;
    }
  | { kind: "completeGp"; orderId: string }
  | { kind: "scheduleFollowUp"; dueOn: IsoDate }
  | { kind: "completeFollowUp" }
  | { kind: "cancelCase" };

export interface TransitionContext {
  /** Today in Stockholm. */
  today: IsoDate;
  gpRule: GpDeadlineRule;
}

export interface Transition {
  state: CaseState;
  effects: CaseEffect[];
  /** The step the command acted on (for the case's history). */
  step: StepId;
}

/** The step each command belongs to. `withdraw` and `clearMeeting` are checked on their own. */
export const commandStep: Readonly<Record<CaseCommandKind, StepId | undefined>> = {
  informationMeeting: "informationsmote",
  targetGroup: "malgrupp",
  dur: "dur",
  meeting: "flerpartsmote",
  clearMeeting: undefined,
  criteria: "kriterier",
  decide: "beslut",
  order: "bestallning",
  gp: "genomforandeplan",
  followUp: "uppfoljning",
  close: "avslut",
  withdraw: undefined,
};

/** Swedish names of the actions, for error messages. */
export const commandLabels: Readonly<Record<CaseCommandKind, string>> = {
  informationMeeting: "registrera informationsmötet",
  targetGroup: "bekräfta målgruppstillhörigheten",
  dur: "registrera DUR-utredningen",
  meeting: "registrera flerpartsmötet",
  clearMeeting: "ta bort flerpartsmötet",
  criteria: "registrera kriterieprövningen",
  decide: "fatta beslut",
  order: "skicka beställningen",
  gp: "registrera genomförandeplanen",
  followUp: "registrera uppföljningen",
  close: "avsluta ärendet",
  withdraw: "registrera att ansökan återkallats",
};

/** Steps before the decision, where an application can be withdrawn. */
const beforeDecision: readonly StepId[] = [
  "informationsmote",
  "malgrupp",
  "dur",
  "flerpartsmote",
  "kriterier",
  "beslut",
];

type Outcome = Result<Transition, DomainError>;

function error(code: ConstructorParameters<typeof DomainError>[0], details: Record<string, string | number>) {
  return fail(new DomainError(code, details));
}

/** Adds calendar months, clamped to the month's last day (as the follow-up deadline does). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  return parseIsoDate(date).plus({ months }).toFormat("yyyy-MM-dd");
}

/**
 * The last day of a period of `months` starting on `from`, both days included: two years from
 * 28 Nov 2026 ends 27 Nov 2028, four months from 1 Mar ends 30 Jun. When the corresponding day does
 * not exist (31 Oct + 4 months) the period ends on that month's last day.
 */
export function periodEnd(from: IsoDate, months: number): IsoDate {
  const start = parseIsoDate(from);
  const same = start.plus({ months });
  return (same.day === start.day ? same.minus({ days: 1 }) : same).toFormat("yyyy-MM-dd");
}

/** `YYYY-MM-DD` → "2 mars 2026". */
export function swedishDate(date: IsoDate): string {
  return parseIsoDate(date).setLocale("sv").toFormat("d LLLL yyyy");
}

/** Checks that a date lies between the previous step's date and today. */
function checkDate(
  field: string,
  date: IsoDate,
  context: TransitionContext,
  earliest?: { date: IsoDate | undefined; label: string },
  allowFuture = false,
): DomainError | undefined {
  if (!isIsoDate(date)) return new DomainError("CASE.DATE_INVALID", { field });
  if (!allowFuture && date > context.today)
    return new DomainError("CASE.DATE_IN_FUTURE", { field, today: swedishDate(context.today) });
  if (earliest?.date && date < earliest.date)
    return new DomainError("CASE.DATE_TOO_EARLY", {
      field,
      earlier: earliest.label,
      earliest: swedishDate(earliest.date),
    });
  return undefined;
}

/**
 * The latest date an event of the case happened: nothing can be registered before it when closing.
 * Confirmation days (målgrupp, criteria) are when the caseworker registered them, not events; a
 * booked flerpartsmöte may lie ahead, and a decision always follows the meeting.
 */
export function lastRecordedDate(state: CaseState): IsoDate {
  const dates: (IsoDate | undefined)[] = [
    state.receivedOn,
    state.informationMeetingOn,
    state.dur?.completedOn,
    state.criteria?.specialistAssessment?.on,
    state.decision?.decidedOn,
    ...state.orders.flatMap((o) => [o.orderedOn, o.gpReceivedOn, ...o.completionRequestedOn]),
    ...state.followUps.map((f) => f.heldOn),
  ];
  return dates.filter((d): d is IsoDate => d !== undefined).reduce((a, b) => (a > b ? a : b));
}

/** The order currently waiting for (or last given) a genomförandeplan. */
export function currentOrder(state: CaseState): OrderEntry | undefined {
  return state.orders.at(-1);
}

/** Opens a case at the informationsmöte step; the application itself is step 1. */
export function openCase(input: NewCase, context: TransitionContext): Result<CaseState, DomainError> {
  const dateProblem = checkDate("receivedOn", input.receivedOn, context);
  if (dateProblem) return fail(dateProblem);
  if (!Number.isInteger(input.age) || input.age < ageRange.min || input.age > ageRange.max) {
    return error("CASE.AGE_OUT_OF_RANGE", { field: "age", min: ageRange.min, max: ageRange.max });
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

/**
 * Applies a command to a case. A command for another step than the current one, for a step the
 * case type does not have, or on a closed case is refused with a typed error.
 */
export function applyCommand(state: CaseState, command: CaseCommand, context: TransitionContext): Outcome {
  if (state.closed) return error("CASE.CLOSED", { closedOn: swedishDate(state.closed.on) });
  const action = commandLabels[command.kind];
  if (command.kind === "withdraw") {
    if (!beforeDecision.includes(state.step))
      return error("CASE.WRONG_STEP", { action, step: stepTitles[state.step] });
    return withdraw(state, command, context);
  }
  if (command.kind === "clearMeeting") return clearMeeting(state, command);
  const step = commandStep[command.kind];
  if (step && !stepsFor(state.type).includes(step))
    return error("CASE.STEP_NOT_FOR_TYPE", { action, step: stepTitles[step] });
  if (step !== state.step) return error("CASE.WRONG_STEP", { action, step: stepTitles[state.step] });
  switch (command.kind) {
    case "informationMeeting":
      return informationMeeting(state, command, context);
    case "targetGroup":
      return targetGroup(state, command, context);
    case "dur":
      return dur(state, command, context);
    case "meeting":
      return meeting(state, command, context);
    case "criteria":
      return criteria(state, command, context);
    case "decide":
      return decide(state, command, context);
    case "order":
      return order(state, command, context);
    case "gp":
      return gp(state, command, context);
    case "followUp":
      return followUp(state, command, context);
    case "close":
      return close(state, command, context);
  }
}

function advance(state: CaseState, from: StepId, patch: Partial<CaseState>, effects: CaseEffect[] = []) {
  return ok({ state: { ...state, ...patch }, effects, step: from });
}

function nextStep(type: CaseType, step: StepId): StepId {
  const steps = stepsFor(type);
  return steps[steps.indexOf(step) + 1] ?? "avslut";
}

function informationMeeting(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "informationMeeting" }>,
  context: TransitionContext,
): Outcome {
  const problem = checkDate("heldOn", command.heldOn, context, {
    date: state.receivedOn,
    label: "ansökan kom in",
  });
  if (problem) return fail(problem);
  return advance(state, "informationsmote", { informationMeetingOn: command.heldOn, step: "malgrupp" });
}

function targetGroup(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "targetGroup" }>,
  context: TransitionContext,
): Outcome {
  if (command.belongs && command.ruleVerdict === "not-eligible") {
    return error("CASE.TARGET_GROUP_CONTRADICT_RULES", { field: "belongs" });
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

function dur(state: CaseState, command: Extract<CaseCommand, { kind: "dur" }>, context: TransitionContext) {
  const problem = checkDate("completedOn", command.completedOn, context, {
    date: state.informationMeetingOn,
    label: "informationsmötet",
  });
  if (problem) return fail(problem);
  if (state.age < durWorkAreaAgeLimit && !command.areas.includes("arbete")) {
    return error("CASE.DUR_WORK_AREA_REQUIRED", { field: "areas", limit: durWorkAreaAgeLimit });
  }
  if (!command.needsPurposeGoals)
    return error("CASE.DUR_NEEDS_PURPOSE_GOALS", { field: "needsPurposeGoals" });
  const areas = durLifeAreas.filter((area) => command.areas.includes(area));
  return advance(state, "dur", {
    dur: { completedOn: command.completedOn, areas, needsPurposeGoals: true },
    step: nextStep(state.type, "dur"),
  });
}

function meeting(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "meeting" }>,
  context: TransitionContext,
) {
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

function clearMeeting(state: CaseState, command: Extract<CaseCommand, { kind: "clearMeeting" }>): Outcome {
  if (!state.meeting || state.meeting.meetingId !== command.meetingId) {
    return error("CASE.MEETING_NOT_FOUND", {});
  }
  if (state.step !== "kriterier" && state.step !== "beslut") {
    return error("CASE.MEETING_NOT_CLEARABLE", { step: stepTitles[state.step] });
  }
  // Back to booking; the criteria are tried again after the new meeting.
  const { meeting: _meeting, criteria: _criteria, ...rest } = state;
  return ok({ state: { ...rest, step: "flerpartsmote" }, effects: [], step: "flerpartsmote" });
}

function criteria(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "criteria" }>,
  context: TransitionContext,
): Outcome {
  const specialist = command.specialistAssessment;
  if (state.type === "A" && !specialist) {
    return error("CASE.SPECIALIST_ASSESSMENT_REQUIRED", { field: "specialistOn" });
  }
  if (specialist) {
    const problem = checkDate("specialistOn", specialist.on, context, {
      date: state.receivedOn,
      label: "ansökan kom in",
    });
    if (problem) return fail(problem);
    if (command.met && !specialist.ready) return error("CASE.CRITERIA_CONTRADICTION", { field: "met" });
  }
  if (command.met && command.ruleVerdict === "not-eligible") {
    return error("CASE.CRITERIA_CONTRADICT_RULES", { field: "met" });
  }
  if (state.type === "C") {
    if (!command.orientation) return error("CASE.FIELD_REQUIRED", { field: "orientation" });
    if (!command.appliedInterval) return error("CASE.FIELD_REQUIRED", { field: "appliedInterval" });
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

const intervalUpper: Readonly<Record<HourInterval, number>> = { "1-12": 12, "10-24": 24, "22-40": 40 };

function decide(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "decide" }>,
  context: TransitionContext,
) {
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
    return error("CASE.OUTCOME_NOT_FOR_TYPE", { field: "outcome" });

  const grants = command.outcome !== "avslag";
  if (grants) {
    if (!state.targetGroup?.belongs) return error("CASE.GRANT_REQUIRES_TARGET_GROUP", { field: "outcome" });
    if (!state.criteria?.met) return error("CASE.GRANT_REQUIRES_CRITERIA", { field: "outcome" });
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
      if (!applied || !granted) return error("CASE.FIELD_REQUIRED", { field: "grantedInterval" });
      const fits =
        command.outcome === "bifall" ? granted === applied : intervalUpper[granted] < intervalUpper[applied];
      if (!fits) return error("CASE.INTERVAL_INVALID", { field: "grantedInterval" });
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
  command: Extract<CaseCommand, { kind: "decide" }>,
  periodFrom: IsoDate,
): Result<{ periodTo?: IsoDate; specialReason: boolean }, DomainError> {
  const to = command.periodTo;
  if (to !== undefined && !isIsoDate(to)) return error("CASE.DATE_INVALID", { field: "periodTo" });
  if (to !== undefined && to <= periodFrom) return error("CASE.PERIOD_INVALID", { field: "periodTo" });
  switch (state.insats) {
    case "lss-insteg": {
      const instegEnd = periodEnd(periodFrom, instegMonths);
      if (to !== undefined && to !== instegEnd)
        return error("CASE.PERIOD_INSTEG", {
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
        return error("CASE.PERIOD_NEEDS_SPECIAL_REASON", { field: "periodTo", end: swedishDate(defaultEnd) });
      return ok({ periodTo, specialReason: longer });
    }
    case "sysselsattning":
      // Individual length; a yearly decision is common, but the follow-up stays six-monthly (003 §2.3).
      return ok(to ? { periodTo: to, specialReason: false } : { specialReason: false });
    default:
      if (!to) return error("CASE.FIELD_REQUIRED", { field: "periodTo" });
      return ok({ periodTo: to, specialReason: false });
  }
}

function placeOrder(
  state: CaseState,
  orderedOn: IsoDate,
  cycle: number,
  context: TransitionContext,
  requested: { orderId?: string; jobbtorgUnit?: JobbtorgUnit },
): Result<{ entry: OrderEntry; effects: CaseEffect[] }, DomainError> {
  const gpDueOn = gpDueDate(orderedOn, context.gpRule);
  if (!requested.orderId) throw new Error("an order needs an order id from the service");
  if (!ordersFromJobbtorg(state.type)) {
    // An outside provider: no Jobbtorg order, but the plan is due within 15 days all the same.
    const order = { orderId: requested.orderId, orderedOn, gpDueOn, gpRule: context.gpRule };
    return ok({
      entry: { ...order, cycle, completionRequestedOn: [] },
      effects: [{ kind: "placeOrder", ...order }],
    });
  }
  const previousUnit = currentOrder(state)?.jobbtorgUnit;
  const unit = requested.jobbtorgUnit ?? previousUnit ?? defaultJobbtorgUnit[state.type];
  // Alfa serves socialpsykiatri (A), Iwork LSS personkrets 1–2 (B) (001); D may use either.
  const fixed = state.type === "D" ? undefined : defaultJobbtorgUnit[state.type];
  if (!unit || (fixed && unit !== fixed))
    return error("CASE.JOBBTORG_UNIT_MISMATCH", { field: "jobbtorgUnit" });
  return ok({
    entry: {
      orderId: requested.orderId,
      cycle,
      orderedOn,
      gpDueOn,
      gpRule: context.gpRule,
      jobbtorgUnit: unit,
      completionRequestedOn: [],
    },
    effects: [
      {
        kind: "placeOrder",
        orderId: requested.orderId,
        orderedOn,
        gpDueOn,
        gpRule: context.gpRule,
        jobbtorgUnit: unit,
      },
    ],
  });
}

function order(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "order" }>,
  context: TransitionContext,
) {
  const problem = checkDate("orderedOn", command.orderedOn, context, {
    date: state.decision?.decidedOn,
    label: "beslutet",
  });
  if (problem) return fail(problem);
  const placed = placeOrder(state, command.orderedOn, 0, context, command);
  if (!placed.ok) return placed;
  return advance(
    state,
    "bestallning",
    { orders: [...state.orders, placed.value.entry], step: "genomforandeplan" },
    placed.value.effects,
  );
}

function gp(state: CaseState, command: Extract<CaseCommand, { kind: "gp" }>, context: TransitionContext) {
  const current = currentOrder(state);
  if (!current) return error("CASE.WRONG_STEP", { action: commandLabels.gp, step: stepTitles[state.step] });
  const problem = checkDate("receivedOn", command.receivedOn, context, {
    date: current.completionRequestedOn.at(-1) ?? current.orderedOn,
    label: current.completionRequestedOn.length > 0 ? "begäran om komplettering" : "beställningen",
  });
  if (problem) return fail(problem);
  const orders = state.orders.slice(0, -1);
  if (!command.matchesOrder) {
    // The plan does not match the order: ask for a completion; the deadline keeps running.
    const updated = {
      ...current,
      completionRequestedOn: [...current.completionRequestedOn, command.receivedOn],
    };
    return advance(state, "genomforandeplan", { orders: [...orders, updated] });
  }
  const updated = { ...current, gpReceivedOn: command.receivedOn };
  return advance(
    state,
    "genomforandeplan",
    { orders: [...orders, updated], step: "uppfoljning" },
    current.orderId ? [{ kind: "completeGp", orderId: current.orderId }] : [],
  );
}

function followUp(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "followUp" }>,
  context: TransitionContext,
): Outcome {
  const previous = state.followUps.at(-1)?.heldOn ?? currentOrder(state)?.gpReceivedOn;
  const problem = checkDate("heldOn", command.heldOn, context, {
    date: previous,
    label: state.followUps.length > 0 ? "förra uppföljningen" : "genomförandeplanen",
  });
  if (problem) return fail(problem);
  const missing = requiredFollowUpItems.filter((item) => !command.items.includes(item));
  if (missing.length > 0) return error("CASE.FOLLOW_UP_CHECKLIST_INCOMPLETE", { field: "items" });
  const items = followUpItems.filter((item) => command.items.includes(item));
  const followUps = [...state.followUps, { heldOn: command.heldOn, items, continues: command.continues }];
  if (!command.continues) {
    const { followUpDueOn: _due, ...rest } = state;
    return advance(rest, "uppfoljning", { followUps, step: "avslut" }, [{ kind: "completeFollowUp" }]);
  }
  const periodTo = state.decision?.periodTo;
  if (periodTo && command.heldOn >= periodTo) {
    return error("CASE.DECISION_PERIOD_ENDED", { field: "continues", end: swedishDate(periodTo) });
  }
  const orderedOn = command.orderedOn ?? command.heldOn;
  const orderProblem = checkDate("orderedOn", orderedOn, context, {
    date: command.heldOn,
    label: "uppföljningen",
  });
  if (orderProblem) return fail(orderProblem);
  const placed = placeOrder(state, orderedOn, followUps.length, context, {
    ...(command.orderId ? { orderId: command.orderId } : {}),
  });
  if (!placed.ok) return placed;
  const dueOn = followUpDue(command.heldOn);
  return advance(
    state,
    "uppfoljning",
    {
      followUps,
      orders: [...state.orders, placed.value.entry],
      followUpDueOn: dueOn,
      step: "genomforandeplan",
    },
    [{ kind: "completeFollowUp" }, { kind: "scheduleFollowUp", dueOn }, ...placed.value.effects],
  );
}

function close(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "close" }>,
  context: TransitionContext,
) {
  const problem = checkDate("closedOn", command.closedOn, context, {
    date: lastRecordedDate(state),
    label: "ärendets senaste händelse",
  });
  if (problem) return fail(problem);
  const rejected = state.decision?.outcome === "avslag";
  if ((command.reason === "avslag") !== rejected)
    return error("CASE.CLOSE_REASON_INVALID", { field: "reason" });
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

function withdraw(
  state: CaseState,
  command: Extract<CaseCommand, { kind: "withdraw" }>,
  context: TransitionContext,
) {
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
