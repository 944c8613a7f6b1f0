/**
 * The case aggregate's state and what every step shares: the stored state's schema, the commands
 * (each declared by its step in src/domain/steps/), the effects, and the date checks.
 * Pure. Sources: DOMAIN.md "The case process"; 003 Bilaga 1 and 2; 001; 002; 004.
 */
import { isIsoDate, parseIsoDate, type GpDeadlineRule, type IsoDate } from "../deadlines/index.js";
import { jobbtorgUnits, type JobbtorgUnit } from "../directory/directory.js";
import { DomainError, fail, ok, type Result } from "../errors.js";
import { z } from "../validation.js";
import { caseInsatsIds, caseTypes, stepIds, stepsFor, type CaseType, type StepId } from "./case-types.js";
import type { CloseCommand, WithdrawCommand } from "./steps/avslut.js";
import type { OrderCommand } from "./steps/bestallning.js";
import type { DecideCommand } from "./steps/beslut.js";
import type { DurCommand } from "./steps/dur.js";
import type { ClearMeetingCommand, MeetingCommand } from "./steps/flerpartsmote.js";
import type { GpCommand } from "./steps/genomforandeplan.js";
import type { InformationMeetingCommand } from "./steps/informationsmote.js";
import type { CriteriaCommand } from "./steps/kriterier.js";
import type { TargetGroupCommand } from "./steps/malgrupp.js";
import type { FollowUpCommand } from "./steps/uppfoljning.js";

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

/** Every command of the process; each is declared next to its step's transition (src/domain/steps/). */
export type CaseCommand =
  | InformationMeetingCommand
  | TargetGroupCommand
  | DurCommand
  | MeetingCommand
  | ClearMeetingCommand
  | CriteriaCommand
  | DecideCommand
  | OrderCommand
  | GpCommand
  | FollowUpCommand
  | CloseCommand
  | WithdrawCommand;

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
  /** The plan did not match the order: its deadline runs on (open again if Jobbtorg had sent it). */
  | {
      kind: "requestPlanCompletion";
      orderId: string;
      gpDueOn: IsoDate;
      gpRule: GpDeadlineRule;
      jobbtorgUnit?: JobbtorgUnit;
    }
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

export type Outcome = Result<Transition, DomainError>;

/** A typed refusal. */
export function refuse(
  code: ConstructorParameters<typeof DomainError>[0],
  details: Record<string, string | number>,
) {
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
export function checkDate(
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

/** The step's result: the state patched, the effects to carry out, and the step acted on. */
export function advance(
  state: CaseState,
  from: StepId,
  patch: Partial<CaseState>,
  effects: CaseEffect[] = [],
) {
  return ok({ state: { ...state, ...patch }, effects, step: from });
}

/** The step after `step` in the case type's process. */
export function nextStep(type: CaseType, step: StepId): StepId {
  const steps = stepsFor(type);
  return steps[steps.indexOf(step) + 1] ?? "avslut";
}
