/**
 * The case workflow's cards: one template per step (cards/templates/case-*.json), the new
 * application form and the case lists, each with the zod schema of the data it binds, and the
 * functions that turn a stored case into that data.
 * @remarks Step cards hold gender and age, so they are for the personal chat only; the list
 * card is channel-safe (case reference, insats short name, step, dates, staff).
 */
import { z } from "zod";
import type { CaseListItem, CaseRecord } from "../src/cases/repository.js";
import type { CaseRules, RuleCheck } from "../src/cases/rules.js";
import { gpRuleText, workingDaysBetween, type GpDeadlineRule, type IsoDate } from "../src/deadlines/index.js";
import type { CaseworkerUnit, JobbtorgUnit } from "../src/directory/directory.js";
import {
  decidesInTwoSteps,
  defaultJobbtorgUnit,
  guidanceFor,
  insatsShortNames,
  ordersFromJobbtorg,
  stepPosition,
  stepTitles,
  type CaseInsatsId,
  type StepId,
} from "../src/domain/case-types.js";
import {
  currentOrder,
  durWorkAreaAgeLimit,
  nextDeadline,
  type CaseState,
  type CloseReason,
  type DurLifeArea,
  type FollowUpItem,
  type HourInterval,
  type Orientation,
} from "../src/domain/case.js";
import { decisionText, intervalText, legalBasisOn } from "../src/domain/decision-text.js";
import { lawOn } from "../src/rules/law.js";
import { defineCard, renderCard, type AdaptiveCard } from "./render.js";
import avslutTemplate from "./templates/case-avslut.json" with { type: "json" };
import beslutTemplate from "./templates/case-beslut.json" with { type: "json" };
import bestallningTemplate from "./templates/case-bestallning.json" with { type: "json" };
import durTemplate from "./templates/case-dur.json" with { type: "json" };
import flerpartsmoteTemplate from "./templates/case-flerpartsmote.json" with { type: "json" };
import genomforandeplanTemplate from "./templates/case-genomforandeplan.json" with { type: "json" };
import informationsmoteTemplate from "./templates/case-informationsmote.json" with { type: "json" };
import kriterierTemplate from "./templates/case-kriterier.json" with { type: "json" };
import listTemplate from "./templates/case-list.json" with { type: "json" };
import malgruppTemplate from "./templates/case-malgrupp.json" with { type: "json" };
import newTemplate from "./templates/case-new.json" with { type: "json" };
import uppfoljningTemplate from "./templates/case-uppfoljning.json" with { type: "json" };

const color = z.enum(["Default", "Good", "Warning", "Attention", "Accent"]);
const fact = z.object({ title: z.string(), value: z.string() });
const choice = z.object({ title: z.string(), value: z.string() });

/** An object of string fields, each defaulting to "" (templates bind every one of them). */
function fields<K extends string>(...names: K[]) {
  return z.object(
    Object.fromEntries(names.map((name) => [name, z.string().default("")])) as Record<
      K,
      z.ZodDefault<z.ZodString>
    >,
  );
}

const headerSchema = z.object({
  progress: z.string(),
  title: z.string(),
  todo: z.string(),
  guidance: z.string(),
  source: z.string(),
  facts: z.array(fact),
  notice: z.string().default(""),
  noticeColor: color.default("Good"),
});

const checkSchema = z.object({
  shown: z.boolean(),
  verdict: z.string().default(""),
  color: color.default("Default"),
  summary: z.string().default(""),
  trace: z.array(z.object({ outcome: z.string(), color, text: z.string(), source: z.string() })).default([]),
});

const questionSchema = z.object({
  id: z.string(),
  label: z.string(),
  value: z.string(),
  options: z.array(choice),
});

const base = {
  header: headerSchema,
  caseId: z.string(),
  v: z.number().int(),
  showWithdraw: z.boolean().default(false),
  decisionText: z.string().default(""),
};

const sampleHeader = {
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

const pre = ["withdrawnOn"] as const;

export const caseNewCard = defineCard({
  name: "case-new",
  template: newTemplate,
  schema: z.object({
    draftId: z.string(),
    notice: z.string().default(""),
    refExample: z.string(),
    values: fields("caseRef", "insats", "receivedOn", "gender", "age", "unit"),
    errors: fields("caseRef", "insats", "receivedOn", "gender", "age", "unit"),
    insatsChoices: z.array(choice).min(1),
    genderChoices: z.array(choice),
    unitChoices: z.array(choice),
    facts: z.array(fact),
  }),
  sample: {
    draftId: "d-1",
    refExample: "FA-2026-0142",
    values: { receivedOn: "2026-03-02" },
    errors: {},
    insatsChoices: [{ title: "Alfa (socialpsykiatri)", value: "sis-socialpsykiatri" }],
    genderChoices: [{ title: "Kvinna", value: "kvinna" }],
    unitChoices: [{ title: "Socialpsykiatri, Farsta", value: "socialpsykiatri" }],
    facts: [{ title: "Handläggare", value: "Anna Handläggare" }],
  },
});

export const caseInformationMeetingCard = defineCard({
  name: "case-informationsmote",
  template: informationsmoteTemplate,
  schema: z.object({ ...base, values: fields("heldOn", ...pre), errors: fields("heldOn", ...pre) }),
  sample: { header: sampleHeader, caseId: "c-1", v: 1, values: { heldOn: "2026-03-02" }, errors: {} },
});

export const caseTargetGroupCard = defineCard({
  name: "case-malgrupp",
  template: malgruppTemplate,
  schema: z.object({
    ...base,
    questions: z.array(questionSchema),
    check: checkSchema,
    values: fields(...pre),
    errors: fields("belongs", ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 2,
    questions: [
      {
        id: "fact_socialpsykiatriTargetGroup",
        label: "Tillhör socialpsykiatrins målgrupp?",
        value: "ja",
        options: [{ title: "Ja", value: "ja" }],
      },
    ],
    check: {
      shown: true,
      verdict: "fler uppgifter behövs",
      trace: [
        {
          outcome: "okänt",
          color: "Warning",
          text: "Bosatt i Stockholms stad",
          source:
            "Beslut om särskilt individanpassad stödinsats … (Socialförvaltningen, tjänsteutlåtande till socialnämnden, 2023-02-21), avsnittet ”Alfa”",
        },
      ],
    },
    values: {},
    errors: {},
  },
});

export const caseDurCard = defineCard({
  name: "case-dur",
  template: durTemplate,
  schema: z.object({
    ...base,
    areaChoices: z.array(choice),
    under35: z.boolean(),
    values: fields("areas", "needsPurposeGoals", "completedOn", ...pre),
    errors: fields("areas", "needsPurposeGoals", "completedOn", ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 3,
    areaChoices: [{ title: "Arbete, utbildning och sysselsättning", value: "arbete" }],
    under35: true,
    values: { needsPurposeGoals: "false", completedOn: "2026-03-02" },
    errors: { areas: "Fördjupa arbete." },
  },
});

export const caseMeetingCard = defineCard({
  name: "case-flerpartsmote",
  template: flerpartsmoteTemplate,
  schema: z.object({
    ...base,
    /** The functional mailbox of the case's Jobbtorg unit (MEETING_MAILBOX_ALFA / _IWORK), if set. */
    mailbox: z.string().default(""),
    values: fields("meetingOn", ...pre),
    errors: fields("meetingOn", ...pre),
  }),
  sample: { header: sampleHeader, caseId: "c-1", v: 4, mailbox: "alfa@stockholm.se", values: {}, errors: {} },
});

export const caseCriteriaCard = defineCard({
  name: "case-kriterier",
  template: kriterierTemplate,
  schema: z.object({
    ...base,
    questions: z.array(questionSchema),
    check: checkSchema,
    askSpecialist: z.boolean(),
    askScope: z.boolean(),
    /** A flerpartsmöte booked through the bot: offer moving or cancelling it from the case. */
    bookedMeeting: z.boolean().default(false),
    metLabel: z.string(),
    yesNo: z.array(choice),
    orientationChoices: z.array(choice),
    intervalChoices: z.array(choice),
    values: fields("specialistOn", "specialistReady", "orientation", "appliedInterval", "met", ...pre),
    errors: fields("specialistOn", "specialistReady", "orientation", "appliedInterval", "met", ...pre),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 5,
    questions: [],
    check: { shown: false },
    askSpecialist: true,
    askScope: false,
    metLabel: "Är kriterierna uppfyllda?",
    yesNo: [{ title: "Ja", value: "ja" }],
    orientationChoices: [],
    intervalChoices: [],
    values: {},
    errors: {},
  },
});

export const caseDecisionCard = defineCard({
  name: "case-beslut",
  template: beslutTemplate,
  schema: z.object({
    ...base,
    outcomeChoices: z.array(choice),
    intervalChoices: z.array(choice),
    askGranted: z.boolean(),
    askPeriodTo: z.boolean(),
    periodToLabel: z.string(),
    periodNote: z.string(),
    askSpecialReason: z.boolean(),
    askAmendment: z.boolean(),
    preview: z.string().default(""),
    values: fields(
      "outcome",
      "decidedOn",
      "grantedInterval",
      "periodFrom",
      "periodTo",
      "specialReason",
      "amendmentReservation",
      ...pre,
    ),
    errors: fields(
      "outcome",
      "decidedOn",
      "grantedInterval",
      "periodFrom",
      "periodTo",
      "specialReason",
      "amendmentReservation",
      ...pre,
    ),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 6,
    outcomeChoices: [{ title: "Bifall", value: "bifall" }],
    intervalChoices: [],
    askGranted: false,
    askPeriodTo: true,
    periodToLabel: "Gäller till",
    periodNote: "",
    askSpecialReason: false,
    askAmendment: true,
    preview: "BESLUT",
    values: {},
    errors: {},
  },
});

export const caseOrderCard = defineCard({
  name: "case-bestallning",
  template: bestallningTemplate,
  schema: z.object({
    ...base,
    orderNote: z.string(),
    orderAction: z.string(),
    unitChoices: z.array(choice),
    values: fields("orderedOn", "jobbtorgUnit"),
    errors: fields("orderedOn", "jobbtorgUnit"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 7,
    decisionText: "BESLUT\nÄrende: FA-2026-0142",
    orderNote: "Skicka beställningen till Jobbtorg Alfa.",
    orderAction: "Beställningen är skickad",
    unitChoices: [{ title: "Jobbtorg Alfa", value: "alfa" }],
    values: {},
    errors: {},
  },
});

export const caseImplementationPlanCard = defineCard({
  name: "case-genomforandeplan",
  template: genomforandeplanTemplate,
  schema: z.object({
    ...base,
    completionRequest: z.string().default(""),
    matchChoices: z.array(choice),
    values: fields("receivedOn", "matchesOrder"),
    errors: fields("receivedOn", "matchesOrder"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 8,
    completionRequest: "Begäran om komplettering",
    matchChoices: [{ title: "Ja", value: "ja" }],
    values: {},
    errors: {},
  },
});

export const caseFollowUpCard = defineCard({
  name: "case-uppfoljning",
  template: uppfoljningTemplate,
  schema: z.object({
    ...base,
    itemChoices: z.array(choice),
    continueChoices: z.array(choice),
    values: fields("items", "heldOn", "continues", "orderedOn"),
    errors: fields("items", "heldOn", "continues", "orderedOn"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 9,
    itemChoices: [{ title: "Uppföljningsdelen i DUR", value: "dur-uppfoljning" }],
    continueChoices: [{ title: "Ja", value: "ja" }],
    values: {},
    errors: {},
  },
});

export const caseClosingCard = defineCard({
  name: "case-avslut",
  template: avslutTemplate,
  schema: z.object({
    ...base,
    closed: z.boolean(),
    reasonChoices: z.array(choice),
    values: fields("reason", "closingMeetingHeld", "closedOn"),
    errors: fields("reason", "closingMeetingHeld", "closedOn"),
  }),
  sample: {
    header: sampleHeader,
    caseId: "c-1",
    v: 10,
    closed: false,
    reasonChoices: [{ title: "Behovet finns inte längre", value: "behov-upphort" }],
    values: {},
    errors: {},
  },
});

const listItem = z.object({
  caseId: z.string(),
  caseRef: z.string(),
  insats: z.string(),
  step: z.string(),
  due: z.string(),
  dueColor: color,
  responsible: z.string().default(""),
  open: z.boolean(),
});

/** "Mina ärenden" / "Teamets ärenden". Channel-safe: references, insats short names, steps, dates, staff. */
export const caseListCard = defineCard({
  name: "case-list",
  template: listTemplate,
  schema: z.object({
    title: z.string(),
    subtitle: z.string(),
    items: z.array(listItem),
    empty: z.string(),
    showNew: z.boolean(),
  }),
  sample: {
    title: "Teamets ärenden",
    subtitle: "Socialpsykiatri, Farsta · mest brådskande först",
    items: [
      {
        caseId: "c-1",
        caseRef: "FA-2026-0142",
        insats: "Alfa (socialpsykiatri)",
        step: "Steg 9 av 11 · Genomförandeplan mottagen och granskad",
        due: "Genomförandeplan senast 2026-03-23 (om 3 arbetsdagar)",
        dueColor: "Warning",
        responsible: "Handläggare: Anna Handläggare",
        open: false,
      },
    ],
    empty: "Inga öppna ärenden.",
    showNew: false,
  },
  channelBound: true,
});

// ---------------------------------------------------------------------------------------------
// From a stored case to card data

export const genderChoices = [
  { title: "Kvinna", value: "kvinna" },
  { title: "Man", value: "man" },
  { title: "Annat", value: "annat" },
];

export const unitLabels: Readonly<Record<CaseworkerUnit | JobbtorgUnit, string>> = {
  socialpsykiatri: "Socialpsykiatri",
  lss: "LSS",
  uppsokande: "Uppsökande (Jobbtorg)",
  alfa: "Jobbtorg Alfa",
  iwork: "Jobbtorg Iwork",
};

const areaLabels: Readonly<Record<DurLifeArea, string>> = {
  arbete: "Arbete, utbildning och sysselsättning",
  intressen: "Intressen (fritid och aktiviteter)",
  "psykisk-halsa": "Psykisk hälsa",
  adl: "Vardagsaktiviteter (ADL)",
};

const followUpLabels: Readonly<Record<FollowUpItem, string>> = {
  "dur-uppfoljning": "Följt upp med uppföljningsdelen i DUR (krävs)",
  "behov-syfte-mal": "Följt upp om behov, syfte och målsättning kvarstår (krävs)",
  "ratten-till-bistand": "Ny bedömning av rätten till bistånd (vid behov)",
  omfattning: "Ny bedömning av omfattningen (vid behov)",
  "byta-utforare": "Hjälp att byta utförare (vid behov)",
  sip: "SIP reviderad med övriga aktörer (vid behov)",
};

const reasonLabels: Readonly<Record<CloseReason, string>> = {
  "behov-upphort": "Behovet av insatsen finns inte längre",
  "natverket-tar-over": "Övriga nätverket tar över stödet",
  avslag: "Ansökan avslogs",
  "ansokan-aterkallad": "Ansökan återkallades",
  annat: "Annat skäl",
};

const orientationLabels: Readonly<Record<Orientation, string>> = {
  "socialt-inriktad": "Socialt inriktad sysselsättning",
  arbetsrehabiliterande: "Arbetsrehabiliterande sysselsättning",
};

const yesNo = [
  { title: "Ja", value: "ja" },
  { title: "Nej", value: "nej" },
];

const intervalChoices = (Object.entries(intervalText) as [HourInterval, string][]).map(([value, title]) => ({
  title,
  value,
}));

const verdictTexts = {
  eligible: { verdict: "villkoren är uppfyllda", color: "Good" },
  "not-eligible": { verdict: "minst ett villkor är inte uppfyllt", color: "Attention" },
  "needs-facts": { verdict: "fler uppgifter behövs", color: "Warning" },
} as const;

const outcomeColors = { uppfyllt: "Good", "ej uppfyllt": "Attention", okänt: "Warning" } as const;

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

function text(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return undefined;
}

/** Defaults for a card's inputs, overridden by whatever the user submitted. */
function keep(context: CaseCardContext, defaults: Record<string, string>): Record<string, string> {
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

function deadlineText(state: CaseState, today: IsoDate): { text: string; color: z.infer<typeof color> } {
  const deadline = nextDeadline(state);
  if (!deadline) return { text: "Ingen frist just nu", color: "Default" };
  const due = dueText(deadline.kind, deadline.dueOn, today);
  // Why the decision waits: it cannot be dated before a meeting that lies ahead.
  if (deadline.kind === "flerpartsmote" && state.step === "beslut" && deadline.dueOn > today)
    return { ...due, text: `${due.text} – beslutet fattas efter mötet` };
  return due;
}

function progress(record: CaseRecord): string {
  const { state } = record;
  if (state.closed) return `Avslutat ${state.closed.on}`;
  const { number, of } = stepPosition(record.type, state.step);
  const cycle = state.step === "uppfoljning" ? ` ${state.followUps.length + 1}` : "";
  return `Steg ${number} av ${of} · ${stepTitles[state.step]}${cycle}`;
}

function headerFor(context: CaseCardContext, step: StepId) {
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
  if (!state.closed) facts.push({ title: "Nästa frist", value: deadlineText(state, today).text });
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

function checkData(check: RuleCheck | undefined) {
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

function questionsFor(context: CaseCardContext, step: "malgrupp" | "kriterier") {
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

function completionRequest(record: CaseRecord): string {
  const order = currentOrder(record.state);
  const requested = order?.completionRequestedOn.at(-1);
  if (!order || !requested) return "";
  return [
    "Begäran om komplettering av genomförandeplan",
    `Ärende: ${record.caseRef}`,
    `Beställningen skickades ${order.orderedOn}.`,
    `Genomförandeplanen som kom in ${requested} stämmer inte överens med beställningen. ` +
      "Komplettera planen så att den motsvarar beställningen och skicka den till handläggaren.",
    `Fristen för planen är ${order.gpDueOn} (${gpRuleText(order.gpRule)}).`,
  ].join("\n");
}

/** The card for where the case is now (or the closed case's summary). */
export function caseStepCard(context: CaseCardContext): AdaptiveCard {
  const { record, today } = context;
  const { state } = record;
  const step = state.step;
  const header = headerFor(context, step);
  const common = {
    header,
    caseId: record.id,
    v: record.version,
    showWithdraw: !state.closed && !state.decision && step !== "bestallning",
    decisionText: decisionTextFor(record, context.rules),
  };
  const errors = context.errors ?? {};
  const withdrawDefaults = { withdrawnOn: today };

  if (state.closed || step === "avslut") {
    const rejected = state.decision?.outcome === "avslag";
    const reasons = (Object.keys(reasonLabels) as CloseReason[]).filter((reason) =>
      rejected ? reason === "avslag" : reason !== "avslag" && reason !== "ansokan-aterkallad",
    );
    const closedNotice = state.closed
      ? {
          text: `Ärendet avslutades ${state.closed.on}: ${reasonLabels[state.closed.reason].toLowerCase()}.`,
          color: "Default" as const,
        }
      : undefined;
    return renderCard(caseClosingCard, {
      ...common,
      header: {
        ...header,
        ...(context.notice || !closedNotice
          ? {}
          : { notice: closedNotice.text, noticeColor: closedNotice.color }),
      },
      closed: state.closed !== undefined,
      reasonChoices: reasons.map((value) => ({ title: reasonLabels[value], value })),
      values: keep(context, {
        reason: rejected ? "avslag" : "",
        closingMeetingHeld: "false",
        closedOn: today,
      }),
      errors,
    });
  }

  switch (step) {
    case "ansokan":
    case "informationsmote":
      return renderCard(caseInformationMeetingCard, {
        ...common,
        values: keep(context, { heldOn: today, ...withdrawDefaults }),
        errors,
      });
    case "malgrupp":
      return renderCard(caseTargetGroupCard, {
        ...common,
        questions: questionsFor(context, "malgrupp"),
        check: checkData(context.check),
        values: keep(context, withdrawDefaults),
        errors,
      });
    case "dur":
      return renderCard(caseDurCard, {
        ...common,
        areaChoices: (Object.entries(areaLabels) as [DurLifeArea, string][]).map(([value, title]) => ({
          title,
          value,
        })),
        under35: state.age < durWorkAreaAgeLimit,
        values: keep(context, {
          areas: state.age < durWorkAreaAgeLimit ? "arbete" : "",
          needsPurposeGoals: "false",
          completedOn: today,
          ...withdrawDefaults,
        }),
        errors,
      });
    case "flerpartsmote":
      return renderCard(caseMeetingCard, {
        ...common,
        mailbox: context.meetingMailbox ?? "",
        values: keep(context, { meetingOn: "", ...withdrawDefaults }),
        errors,
      });
    case "kriterier":
      return renderCard(caseCriteriaCard, {
        ...common,
        questions: questionsFor(context, "kriterier"),
        check: checkData(context.check),
        askSpecialist: record.type === "A",
        askScope: record.type === "C",
        bookedMeeting: Boolean(record.state.meeting?.meetingId),
        metLabel:
          record.type === "C"
            ? `Finns behov av sysselsättning (rätt till insatser enligt ${legalBasisOn(today).rightToAssistance})?`
            : "Är kriterierna för insatsen uppfyllda?",
        yesNo,
        orientationChoices: (Object.entries(orientationLabels) as [Orientation, string][]).map(
          ([value, title]) => ({
            title,
            value,
          }),
        ),
        intervalChoices,
        values: keep(context, {
          specialistOn: "",
          specialistReady: "",
          orientation: "",
          appliedInterval: "",
          met: "",
          ...withdrawDefaults,
        }),
        errors,
      });
    case "beslut": {
      // The form proposes today as the decision date; the labels follow the act in force then.
      const right = lawOn("rightToInsatser", today);
      const beyond = lawOn("beyondRight", today);
      return renderCard(caseDecisionCard, {
        ...common,
        outcomeChoices: decidesInTwoSteps(record.type)
          ? [
              {
                title: `Bifall – avslag enligt ${right.law} och bifall enligt ${beyond.law} ${beyond.act}`,
                value: "bifall",
              },
              {
                title: `Avslag – enligt både ${right.law} och ${beyond.law} ${beyond.act}`,
                value: "avslag",
              },
            ]
          : [
              { title: "Bifall", value: "bifall" },
              { title: "Delavslag (lägre omfattning än sökt)", value: "delavslag" },
              { title: "Avslag", value: "avslag" },
            ],
        intervalChoices,
        askGranted: record.type === "C",
        askPeriodTo: record.insats !== "lss-insteg",
        periodToLabel: record.type === "C" ? "Gäller till (valfritt)" : "Gäller till",
        periodNote: periodNote(record.insats),
        askSpecialReason: record.insats === "lss-sis",
        askAmendment: true,
        preview: context.preview ?? "",
        values: keep(context, {
          outcome: "",
          decidedOn: today,
          grantedInterval: state.criteria?.appliedInterval ?? "",
          periodFrom: today,
          periodTo: "",
          specialReason: "false",
          amendmentReservation: "false",
          ...withdrawDefaults,
        }),
        errors,
      });
    }
    case "bestallning": {
      const jobbtorg = ordersFromJobbtorg(record.type);
      const unit = defaultJobbtorgUnit[record.type];
      const units: JobbtorgUnit[] = record.type === "D" ? ["alfa", "iwork"] : unit ? [unit] : [];
      return renderCard(caseOrderCard, {
        ...common,
        orderNote: `${
          jobbtorg
            ? `Skicka beställningen till ${record.type === "D" ? "Jobbtorg" : unitLabels[unit!]} enligt gängse rutin.`
            : "Skicka beställningen till utföraren av sysselsättningen."
        } Genomförandeplanen ska sedan komma inom ${gpRuleText(context.gpRule)}.`,
        orderAction: jobbtorg
          ? "Beställningen är skickad till Jobbtorg"
          : "Beställningen är skickad till utföraren",
        unitChoices: units.map((value) => ({ title: unitLabels[value], value })),
        values: keep(context, { orderedOn: today, jobbtorgUnit: unit ?? "" }),
        errors,
      });
    }
    case "genomforandeplan":
      return renderCard(caseImplementationPlanCard, {
        ...common,
        completionRequest: completionRequest(record),
        matchChoices: [
          { title: "Ja, planen stämmer med beställningen", value: "ja" },
          { title: "Nej – begär komplettering", value: "nej" },
        ],
        values: keep(context, { receivedOn: today, matchesOrder: "" }),
        errors,
      });
    case "uppfoljning":
      return renderCard(caseFollowUpCard, {
        ...common,
        itemChoices: (Object.entries(followUpLabels) as [FollowUpItem, string][]).map(([value, title]) => ({
          title,
          value,
        })),
        continueChoices: [
          { title: "Ja – en ny, uppdaterad beställning skickas", value: "ja" },
          { title: "Nej – insatsen avslutas", value: "nej" },
        ],
        values: keep(context, { items: "", heldOn: today, continues: "", orderedOn: "" }),
        errors,
      });
  }
}

function periodNote(insats: CaseInsatsId): string {
  switch (insats) {
    case "lss-insteg":
      return "Insteg gäller fyra månader från startdatumet; sista dagen är dagen före samma datum fyra månader senare (Bromma stadsdelsförvaltnings remissvar, Dnr BRO 2023/126).";
    case "lss-sis":
      return "Två år om du inte anger något annat; sista dagen är dagen före samma datum två år senare. Längre tid kräver särskilda skäl (Bromma stadsdelsförvaltnings remissvar, Dnr BRO 2023/126).";
    case "sysselsattning":
      return "Uppföljning sker var sjätte månad även vid längre beslut (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 2.3).";
    default:
      return "Hur länge insatsen ska pågå är en individuell bedömning (tillämpningsanvisningarna för socialpsykiatrin, avsnitt 4.2.5).";
  }
}

/** One row of a case list. */
export function caseListItem(
  item: CaseListItem,
  options: { today: IsoDate; responsible?: string; open: boolean },
): z.input<typeof listItem> {
  const { number, of } = stepPosition(item.type, item.step);
  const { text: due, color: dueColor } = item.nextDueOn
    ? dueText(item.nextDueKind, item.nextDueOn, options.today)
    : { text: "Ingen frist just nu", color: "Default" as const };
  return {
    caseId: item.id,
    caseRef: item.caseRef,
    insats: insatsShortNames[item.insats],
    step: `Steg ${number} av ${of} · ${stepTitles[item.step]}`,
    due,
    dueColor,
    responsible: options.responsible ?? "",
    open: options.open,
  };
}
