/**
 * What every case step card shares (cards/cases/<step>.ts): the data schemas of the header,
 * the rule check and the questions, the header facts, deadlines as cards show them, and the
 * card context. Step cards hold gender and age, so they are for the personal chat only.
 */
/**
 * The case workflow's cards: one template per step (cards/templates/case-*.json), the new
 * application form and the case lists, each with the zod schema of the data it binds, and the
 * functions that turn a stored case into that data.
 * @remarks Step cards hold gender and age, so they are for the personal chat only; the list
 * card is channel-safe (case reference, insats short name, step, dates, staff).
 */
import { z } from "zod";
import type { CaseRecord } from "../../src/cases/repository.js";
import type { CaseRules, RuleCheck } from "../../src/cases/rules.js";
import {
  gpRuleText,
  workingDaysBetween,
  type GpDeadlineRule,
  type IsoDate,
} from "../../src/deadlines/index.js";
import { unitNames } from "../../src/directory/directory.js";
import {
  guidanceFor,
  insatsShortNames,
  stepPosition,
  stepTitles,
  type StepId,
} from "../../src/domain/case-types.js";
import { currentOrder, nextDeadline, type HourInterval } from "../../src/domain/case.js";
import { decisionText, intervalText } from "../../src/domain/decision-text.js";

export const color = z.enum(["Default", "Good", "Warning", "Attention", "Accent"]);

export const fact = z.object({ title: z.string(), value: z.string() });

export const choice = z.object({ title: z.string(), value: z.string() });

/** An object of string fields, each defaulting to "" (templates bind every one of them). */
export function fields<K extends string>(...names: K[]) {
  return z.object(
    Object.fromEntries(names.map((name) => [name, z.string().default("")])) as Record<
      K,
      z.ZodDefault<z.ZodString>
    >,
  );
}

export const headerSchema = z.object({
  progress: z.string(),
  title: z.string(),
  todo: z.string(),
  guidance: z.string(),
  source: z.string(),
  facts: z.array(fact),
  notice: z.string().default(""),
  noticeColor: color.default("Good"),
});

export const checkSchema = z.object({
  shown: z.boolean(),
  verdict: z.string().default(""),
  color: color.default("Default"),
  summary: z.string().default(""),
  trace: z.array(z.object({ outcome: z.string(), color, text: z.string(), source: z.string() })).default([]),
});

export const questionSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.string(),
  options: z.array(choice),
});

export const base = {
  header: headerSchema,
  caseId: z.string(),
  v: z.number().int(),
  showWithdraw: z.boolean().default(false),
  decisionText: z.string().default(""),
};

export const sampleHeader = {
  progress: "Steg 4 av 11 · Utredning med DUR",
  title: "Utredning med DUR",
  todo: "Utred med DUR och klargör behov, syfte och målsättning med den enskilde.",
  guidance: "Fördjupa livsområdena arbete, utbildning och sysselsättning, intressen, psykisk hälsa och ADL.",
  source: "003 Bilaga 1, 1. Ansökan",
  facts: [
    { title: "Ärende", value: "FA-2026-0142" },
    { title: "Insats", value: "Alfa (socialpsykiatri)" },
  ],
};

export const pre = ["withdrawnOn"] as const;

export const genderChoices = [
  { title: "Kvinna", value: "kvinna" },
  { title: "Man", value: "man" },
  { title: "Annat", value: "annat" },
];

/** Units as cards name them (src/directory/directory.ts). */
export const unitLabels = unitNames;

export const yesNo = [
  { title: "Ja", value: "ja" },
  { title: "Nej", value: "nej" },
];

export const intervalChoices = (Object.entries(intervalText) as [HourInterval, string][]).map(
  ([value, title]) => ({
    title,
    value,
  }),
);

export const verdictTexts = {
  eligible: { verdict: "villkoren är uppfyllda", color: "Good" },
  "not-eligible": { verdict: "minst ett villkor är inte uppfyllt", color: "Attention" },
  "needs-facts": { verdict: "fler uppgifter behövs", color: "Warning" },
} as const;

export const outcomeColors = { uppfyllt: "Good", "ej uppfyllt": "Attention", okänt: "Warning" } as const;

/** Everything a step card needs beyond the stored case. */
export interface CaseCardContext {
  record: CaseRecord;
  caseworkerName: string;
  today: IsoDate;
  /** The configured GP rule (GP_DEADLINE_RULE): the next order is dated by it. */
  gpRule: GpDeadlineRule;
  rules?: CaseRules | undefined;
  /** A line at the top: what just happened, or why nothing did. */
  notice?: { text: string; color?: z.infer<typeof color> };
  /** Inline Swedish errors by input id. */
  errors?: Record<string, string>;
  /** The user's submitted input, kept when the card comes back with errors. */
  values?: Record<string, unknown>;
  /** The rule module's verdict after "Pröva mot regelmodulen". */
  check?: RuleCheck;
  /** Decision text preview on the beslut card. */
  preview?: string;
  /** The flerpartsmöte mailbox of the case's Jobbtorg unit, as configured. */
  meetingMailbox?: string;
}

export function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Defaults for a card's inputs, overridden by whatever the user submitted. */
export function keep(context: CaseCardContext, defaults: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = { ...defaults };
  for (const key of Object.keys(defaults)) {
    const submitted = text(context.values?.[key]);
    if (submitted !== undefined) kept[key] = submitted;
  }
  return kept;
}

/** "1 arbetsdag", "3 arbetsdagar". */
export function workingDays(count: number): string {
  return `${count} ${count === 1 ? "arbetsdag" : "arbetsdagar"}`;
}

/**
 * A deadline as a case card or list shows it. A flerpartsmöte is a date, not a deadline: once
 * its day has passed it has been held (it is never "försenad").
 */
export function dueText(
  kind: string | null | undefined,
  dueOn: IsoDate,
  today: IsoDate,
): { text: string; color: z.infer<typeof color> } {
  const days = workingDaysBetween(today, dueOn);
  if (kind === "flerpartsmote") {
    const when =
      dueOn < today ? "har hållits" : dueOn === today ? "i dag" : `om ${workingDays(Math.max(days, 1))}`;
    return { text: `Flerpartsmöte ${dueOn} (${when})`, color: "Default" };
  }
  const label =
    kind === "genomforandeplan"
      ? "Genomförandeplan senast"
      : kind === "uppfoljning"
        ? "Uppföljning senast"
        : "Frist";
  const when =
    days < 0
      ? `${workingDays(-days)} försenad`
      : days === 0
        ? dueOn === today
          ? "i dag"
          : "nästa arbetsdag"
        : `om ${workingDays(days)}`;
  const colorOf = days < 0 ? "Attention" : days <= 5 ? "Warning" : "Default";
  return { text: `${label} ${dueOn} (${when})`, color: colorOf };
}

export function deadlineText(
  record: CaseRecord,
  today: IsoDate,
): { text: string; color: z.infer<typeof color> } {
  const { state } = record;
  const deadline = nextDeadline(state, record.planSentOn);
  if (!deadline) return { text: "Ingen frist just nu", color: "Default" };
  const due = dueText(deadline.kind, deadline.dueOn, today);
  // Why the decision waits: it cannot be dated before a meeting that lies ahead.
  if (deadline.kind === "flerpartsmote" && state.step === "beslut" && deadline.dueOn > today)
    return { ...due, text: `${due.text} – beslutet fattas efter mötet` };
  return due;
}

export function progress(record: CaseRecord): string {
  const { state } = record;
  if (state.closed) return `Avslutat ${state.closed.on}`;
  const { number, of } = stepPosition(record.type, state.step);
  const cycle = state.step === "uppfoljning" ? ` ${state.followUps.length + 1}` : "";
  return `Steg ${number} av ${of} · ${stepTitles[state.step]}${cycle}`;
}

export function headerFor(context: CaseCardContext, step: StepId) {
  const { record, today } = context;
  const { state } = record;
  const guidance = guidanceFor(record.type, step, today);
  const facts = [
    { title: "Ärende", value: record.caseRef },
    { title: "Insats", value: insatsShortNames[record.insats] },
    {
      title: "Handläggare",
      value: `${context.caseworkerName} (${unitLabels[record.unit]}, ${record.district})`,
    },
    { title: "Ansökan kom in", value: state.receivedOn },
    { title: "Den enskilde", value: `${state.gender}, ${state.age} år` },
  ];
  if (state.decision) {
    const period = state.decision.periodFrom
      ? `, gäller ${state.decision.periodFrom} – ${state.decision.periodTo ?? "tills vidare"}`
      : "";
    const hours = state.decision.grantedInterval ? `, ${intervalText[state.decision.grantedInterval]}` : "";
    facts.push({
      title: "Beslut",
      value: `${state.decision.outcome} ${state.decision.decidedOn}${hours}${period}`,
    });
  }
  const order = currentOrder(state);
  if (order) {
    const to = order.jobbtorgUnit ? unitLabels[order.jobbtorgUnit] : "utföraren";
    facts.push({ title: "Beställning", value: `${order.orderedOn} till ${to}` });
    facts.push({ title: "GP-regel", value: gpRuleText(order.gpRule) });
  }
  if (!state.closed) facts.push({ title: "Nästa frist", value: deadlineText(record, today).text });
  return {
    progress: progress(record),
    title: state.closed ? "Ärendet är avslutat" : stepTitles[step],
    todo: state.closed ? "Inget mer att göra i ärendet." : guidance.todo,
    guidance: guidance.guidance,
    source: guidance.source,
    facts,
    notice: context.notice?.text ?? "",
    noticeColor: context.notice?.color ?? "Good",
  };
}

export function checkData(check: RuleCheck | undefined) {
  if (!check) return { shown: false };
  const { verdict, color: verdictColor } = verdictTexts[check.verdict];
  return {
    shown: true,
    verdict,
    color: verdictColor,
    summary:
      check.unknown.length > 0
        ? `Okända uppgifter: ${check.unknown.length}. Besvara frågorna ovan eller bedöm enligt riktlinjerna.`
        : "",
    trace: check.trace.map((row) => ({
      outcome: row.outcome,
      color: outcomeColors[row.outcome],
      text: row.text,
      source: row.source,
    })),
  };
}

export function questionsFor(context: CaseCardContext, step: "malgrupp" | "kriterier") {
  const rules = context.rules;
  if (!rules) return [];
  return rules.questions(context.record.insats, step).map((question) => ({
    id: `fact_${question.key}`,
    label: question.label,
    value: text(context.values?.[`fact_${question.key}`]) ?? "",
    options: question.options,
  }));
}

/** The decision text for the case's recorded decision, in the numbering of the act in force that day. */
export function decisionTextFor(
  record: CaseRecord,
  _rules: CaseRules | undefined,
  state = record.state,
): string {
  const decision = state.decision;
  if (!decision) return "";
  return decisionText({ caseRef: record.caseRef, state: { ...state, decision }, district: record.district });
}
