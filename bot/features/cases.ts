import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  caseListCard,
  caseListItem,
  caseNewCard,
  caseStepCard,
  decisionTextFor,
  genderChoices,
  unitLabels,
  type CaseCardContext,
} from "../../cards/cases.js";
import { noticeCard } from "../../cards/basic.js";
import type { AdaptiveCard } from "../../cards/render.js";
import { renderCard } from "../../cards/render.js";
import type { CaseRecord } from "../../src/cases/repository.js";
import { answersFrom, type RuleCheck } from "../../src/cases/rules.js";
import type { CaseAction } from "../../src/cases/service.js";
import { isIsoDate } from "../../src/deadlines/index.js";
import { caseworkerUnits, rolesOf, type DirectoryUser } from "../../src/directory/directory.js";
import {
  caseInsatsIds,
  defaultJobbtorgUnit,
  insatserForUnit,
  insatsShortNames,
  type StepId,
} from "../../src/domain/case-types.js";
import {
  applyCommand,
  closeReasons,
  durLifeAreas,
  followUpItems,
  hourIntervals,
  orientations,
} from "../../src/domain/case.js";
import { looksLikeIdentityNumber } from "../../src/guard/personal-data.js";
import { DomainError } from "../../src/errors.js";
import type { AppServices } from "../../src/services.js";
import type { FieldErrors } from "../../src/validation.js";
import { defineAction, type ActionContext, type ActionDefinition, type ActionResult } from "../actions.js";
import type { CommandContext, CommandDefinition } from "../commands.js";
import { messageFor } from "../error-messages.js";
import type { BotFeature } from "../feature.js";
import { sendCard, sendText } from "../replies.js";

// ---------------------------------------------------------------------------------------------
// Input schemas: what each card submits (Teams sends every input as a string)

const dateMessage = "Ange ett datum (ÅÅÅÅ-MM-DD).";
const choiceMessage = "Välj ett alternativ.";
const isoDate = z.string({ error: dateMessage }).trim().refine(isIsoDate, dateMessage);
const optionalDate = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(isoDate.optional());
const yesNo = z.enum(["ja", "nej"], { error: choiceMessage }).transform((value) => value === "ja");
const flag = z
  .union([z.boolean(), z.enum(["true", "false"])])
  .optional()
  .transform((value) => value === true || value === "true");
const optionalChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((value) => (value ? value : undefined))
    .pipe(z.enum(values, { error: choiceMessage }).optional());
const multiChoice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((part) => part.trim())
        .filter((part) => part !== ""),
    )
    .pipe(z.array(z.enum(values, { error: choiceMessage })));

const caseKey = { caseId: z.string().min(1).max(64), v: z.coerce.number().int().min(1) };
const openSchema = z.object({ caseId: z.string().min(1).max(64) });

const createSchema = z.object({
  draftId: z.string().min(1).max(64),
  caseRef: z.string({ error: "Ange ärendereferensen." }).trim().min(1, "Ange ärendereferensen.").max(40),
  insats: z.enum(caseInsatsIds, { error: choiceMessage }),
  receivedOn: isoDate,
  gender: z.enum(["kvinna", "man", "annat"], { error: choiceMessage }),
  // An empty field is a missing age, not 0; the range is the domain's (a clear error, never clamped).
  age: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number({ error: "Ange åldern i år." }).int("Ange åldern i hela år."),
  ),
  unit: optionalChoice(caseworkerUnits),
});

// ---------------------------------------------------------------------------------------------
// Helpers

async function staffName(services: AppServices, id: string): Promise<string> {
  return (await services.directory.findUser(id))?.displayName ?? "okänd medarbetare";
}

async function stepCard(
  context: ActionContext,
  record: CaseRecord,
  extra: Omit<CaseCardContext, "record" | "caseworkerName" | "today" | "gpRule" | "rules"> = {},
): Promise<AdaptiveCard> {
  const { cases, meetings } = context.services;
  const unit = defaultJobbtorgUnit[record.type];
  const mailbox = unit && meetings.mailboxes().find((m) => m.unit === unit)?.mailbox;
  return caseStepCard({
    record,
    caseworkerName:
      record.caseworkerId === context.user.id
        ? context.user.displayName
        : await staffName(context.services, record.caseworkerId),
    today: cases.today(),
    gpRule: cases.gpRule,
    rules: cases.rules,
    ...(mailbox ? { meetingMailbox: mailbox } : {}),
    ...extra,
  });
}

/** Swedish field errors of a domain refusal, renamed to the card's input ids. */
function domainFieldErrors(error: DomainError, fields: Record<string, string> = {}): FieldErrors | undefined {
  const field = error.details.field;
  if (typeof field !== "string") return undefined;
  return { [fields[field] ?? field]: messageFor(error.code, error.details) };
}

const alreadyDone = {
  text: "Det här var redan registrerat – kortet visar ärendet som det ser ut nu.",
  color: "Warning" as const,
};

// ---------------------------------------------------------------------------------------------
// The new application

function newApplicationCard(
  services: AppServices,
  user: DirectoryUser,
  options: { values?: Record<string, unknown>; errors?: FieldErrors; notice?: string; draftId?: string } = {},
): AdaptiveCard {
  const roles = rolesOf(user, "handlaggare");
  const insatser = [...new Set(roles.flatMap((role) => insatserForUnit[role.unit]))];
  const values = Object.fromEntries(
    Object.entries(options.values ?? {}).flatMap(([key, value]) =>
      typeof value === "string" || typeof value === "number" ? [[key, String(value)]] : [],
    ),
  );
  return renderCard(caseNewCard, {
    draftId: options.draftId ?? randomUUID(),
    notice: options.notice ?? "",
    refExample: services.cases.refFormat.example,
    values: { receivedOn: services.cases.today(), unit: roles[0]?.unit ?? "", ...values },
    errors: options.errors ?? {},
    insatsChoices: insatser.map((id) => ({ title: insatsShortNames[id], value: id })),
    genderChoices,
    unitChoices: roles.map((role) => ({
      title: `${unitLabels[role.unit]}, ${role.district}`,
      value: role.unit,
    })),
    facts: [
      { title: "Handläggare", value: user.displayName },
      { title: "Stadsdel", value: [...new Set(roles.map((role) => role.district))].join(", ") },
    ],
  });
}

/** A caseworker gets the form; anyone else a short reason. */
function newApplicationResult(services: AppServices, user: DirectoryUser, args = ""): ActionResult {
  if (rolesOf(user, "handlaggare").length === 0) return { message: messageFor("CASE.NOT_A_CASEWORKER") };
  if (looksLikeIdentityNumber(args)) {
    // Never echo it back: the form comes empty, with the reason.
    return {
      card: newApplicationCard(services, user, {
        errors: { caseRef: messageFor("CASE.REF_PERSONNUMMER") },
        notice: "Personnumret togs inte emot och sparades inte.",
      }),
    };
  }
  return { card: newApplicationCard(services, user, { values: args ? { caseRef: args } : {} }) };
}

/** The new-application card's answer to someone who may not register cases: a card saying so. */
function notACaseworker(user: DirectoryUser): ActionResult | undefined {
  if (rolesOf(user, "handlaggare").length > 0) return undefined;
  return {
    card: renderCard(noticeCard, {
      title: "Ny ansökan",
      text: messageFor("CASE.NOT_A_CASEWORKER"),
      color: "Attention",
    }),
  };
}

const createAction = defineAction({
  verb: "case.create",
  personalChatOnly: true,
  schema: createSchema,
  async handle(context, data) {
    const { services, user } = context;
    const refused = notACaseworker(user);
    if (refused) return refused;
    try {
      const { record, created } = await services.cases.open(user, {
        creationKey: data.draftId,
        caseRef: data.caseRef,
        insats: data.insats,
        receivedOn: data.receivedOn,
        gender: data.gender,
        age: data.age,
        ...(data.unit ? { unit: data.unit } : {}),
      });
      return {
        card: await stepCard(context, record, {
          notice: created
            ? { text: `Ansökan ${record.caseRef} är registrerad.`, color: "Good" }
            : { text: `Ansökan ${record.caseRef} var redan registrerad.`, color: "Warning" },
        }),
      };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const errors = domainFieldErrors(error);
      if (!errors) throw error;
      const refused = error.code === "CASE.REF_PERSONNUMMER";
      const { caseRef: _dropped, ...rest } = data;
      return {
        card: newApplicationCard(services, user, {
          values: refused ? rest : data,
          errors,
          draftId: data.draftId,
          ...(refused ? { notice: "Personnumret togs inte emot och sparades inte." } : {}),
        }),
      };
    }
  },
  async invalid(context, submitted, errors) {
    const notAllowed = notACaseworker(context.user);
    if (notAllowed) return notAllowed;
    const ref = typeof submitted.caseRef === "string" ? submitted.caseRef : "";
    const refused = looksLikeIdentityNumber(ref);
    const { caseRef: _dropped, ...rest } = submitted;
    return {
      card: newApplicationCard(context.services, context.user, {
        values: refused ? rest : submitted,
        errors: refused ? { ...errors, caseRef: messageFor("CASE.REF_PERSONNUMMER") } : errors,
        ...(typeof submitted.draftId === "string" ? { draftId: submitted.draftId } : {}),
        ...(refused ? { notice: "Personnumret togs inte emot och sparades inte." } : {}),
      }),
    };
  },
});

// ---------------------------------------------------------------------------------------------
// Step actions

interface StepActionSpec<S extends z.ZodObject> {
  verb: string;
  schema: S;
  /** Domain field names that differ from the card's input ids. */
  fields?: Record<string, string>;
  toAction(data: z.infer<S>, record: CaseRecord, context: ActionContext): CaseAction;
  /** The confirmation shown on the returned card. */
  done(record: CaseRecord): string;
}

/**
 * A card action that moves a case one step: authorized, applied once for the version the card
 * showed, audited by the service, answered with the updated card (or the same card with inline
 * errors and the input kept).
 */
function stepAction<S extends z.ZodObject>(spec: StepActionSpec<S>): ActionDefinition {
  return defineAction({
    verb: spec.verb,
    personalChatOnly: true,
    schema: spec.schema,
    async handle(context, data: z.infer<S>) {
      const { caseId, v } = data as { caseId: string; v: number };
      const { cases } = context.services;
      const record = await cases.loadFor(context.user, caseId);
      if (record.version !== v) return { card: await stepCard(context, record, { notice: alreadyDone }) };
      const submitted = (
        context.turn.activity.value as { action?: { data?: Record<string, unknown> } } | undefined
      )?.action?.data;
      try {
        const result = await cases.act(context.user, caseId, v, spec.toAction(data, record, context), record);
        return {
          card: await stepCard(context, result.record, {
            notice: result.changed ? { text: spec.done(result.record), color: "Good" } : alreadyDone,
          }),
        };
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const errors = domainFieldErrors(error, spec.fields);
        if (!errors) throw error;
        return {
          card: await stepCard(context, record, {
            errors,
            values: submitted ?? {},
            ...rerunCheck(context, record, submitted),
          }),
        };
      }
    },
    async invalid(context, submitted, errors) {
      if (typeof submitted.caseId !== "string") return { message: messageFor("ACTION.INVALID_DATA") };
      const record = await context.services.cases.loadFor(context.user, submitted.caseId);
      return {
        card: await stepCard(context, record, {
          errors,
          values: submitted,
          ...rerunCheck(context, record, submitted),
        }),
      };
    },
  });
}

/** Keeps the rule module's verdict on a card that comes back with errors. */
function rerunCheck(
  context: ActionContext,
  record: CaseRecord,
  submitted: Record<string, unknown> | undefined,
): { check?: RuleCheck } {
  if (!submitted || !["malgrupp", "kriterier"].includes(record.state.step)) return {};
  const check = context.services.cases.evaluate(record, factsFrom(submitted, record.state.step));
  return check ? { check } : {};
}

/** Fact answers plus, in the criteria step, the work specialist's assessment as a fact. */
function factsFrom(submitted: Record<string, unknown>, step: StepId): Record<string, boolean | number> {
  const answers = answersFrom(submitted);
  if (step === "kriterier" && (submitted.specialistReady === "ja" || submitted.specialistReady === "nej")) {
    answers.workSpecialistAssessedReady = submitted.specialistReady === "ja";
  }
  return answers;
}

/** "Pröva mot regelmodulen": the same card with the verdict and trace; nothing is stored. */
function checkAction(verb: string): ActionDefinition {
  return defineAction({
    verb,
    personalChatOnly: true,
    schema: z.object(caseKey).loose(),
    async handle(context, data) {
      const record = await context.services.cases.loadFor(context.user, data.caseId);
      if (record.version !== data.v)
        return { card: await stepCard(context, record, { notice: alreadyDone }) };
      const check = context.services.cases.evaluate(record, factsFrom(data, record.state.step));
      return {
        card: await stepCard(context, record, {
          values: data,
          ...(check
            ? { check }
            : { notice: { text: "Regelmodulen är inte tillgänglig just nu.", color: "Warning" } }),
        }),
      };
    },
  });
}

function ruleVerdictOf(context: ActionContext, record: CaseRecord, data: Record<string, unknown>) {
  const check = context.services.cases.evaluate(record, factsFrom(data, record.state.step));
  return check ? { ruleVerdict: check.verdict, unmet: check.unmet } : {};
}

const decideSchema = z
  .object({
    ...caseKey,
    outcome: z.enum(["bifall", "delavslag", "avslag"], { error: choiceMessage }),
    decidedOn: isoDate,
    grantedInterval: optionalChoice(hourIntervals),
    periodFrom: optionalDate,
    periodTo: optionalDate,
    specialReason: flag,
    amendmentReservation: flag,
  })
  .loose();

function decideAction(data: z.infer<typeof decideSchema>): CaseAction {
  return {
    kind: "decide",
    decidedOn: data.decidedOn,
    outcome: data.outcome,
    ...(data.periodFrom ? { periodFrom: data.periodFrom } : {}),
    ...(data.periodTo ? { periodTo: data.periodTo } : {}),
    ...(data.grantedInterval ? { grantedInterval: data.grantedInterval } : {}),
    specialReason: data.specialReason,
    amendmentReservation: data.amendmentReservation,
  };
}

const stepActions: ActionDefinition[] = [
  stepAction({
    verb: "case.informationMeeting",
    schema: z.object({ ...caseKey, heldOn: isoDate }).loose(),
    toAction: (data) => ({ kind: "informationMeeting", heldOn: data.heldOn }),
    done: () => "Informationsmötet är registrerat.",
  }),
  stepAction({
    verb: "case.targetGroup",
    schema: z.object({ ...caseKey, belongs: z.enum(["true", "false"]) }).loose(),
    fields: { belongs: "belongs" },
    toAction: (data, record, context) => {
      const { ruleVerdict } = ruleVerdictOf(context, record, data);
      return {
        kind: "targetGroup",
        belongs: data.belongs === "true",
        ...(ruleVerdict ? { ruleVerdict } : {}),
      };
    },
    done: (record) =>
      record.state.targetGroup?.belongs
        ? "Målgruppstillhörigheten är bekräftad."
        : "Registrerat att den enskilde inte tillhör målgruppen: ansökan avslås.",
  }),
  stepAction({
    verb: "case.dur",
    schema: z
      .object({ ...caseKey, areas: multiChoice(durLifeAreas), needsPurposeGoals: flag, completedOn: isoDate })
      .loose(),
    toAction: (data) => ({
      kind: "dur",
      completedOn: data.completedOn,
      areas: data.areas,
      needsPurposeGoals: data.needsPurposeGoals,
    }),
    done: () => "DUR-utredningen är registrerad.",
  }),
  stepAction({
    verb: "case.meeting",
    schema: z.object({ ...caseKey, meetingOn: isoDate }).loose(),
    fields: { on: "meetingOn" },
    toAction: (data) => ({ kind: "meeting", on: data.meetingOn }),
    done: (record) => `Flerpartsmötet ${record.state.meeting?.on ?? ""} är registrerat.`,
  }),
  stepAction({
    verb: "case.criteria",
    schema: z
      .object({
        ...caseKey,
        met: yesNo,
        specialistOn: optionalDate,
        specialistReady: optionalChoice(["ja", "nej"] as const),
        orientation: optionalChoice(orientations),
        appliedInterval: optionalChoice(hourIntervals),
      })
      .loose(),
    toAction: (data, record, context) => ({
      kind: "criteria",
      met: data.met,
      ...ruleVerdictOf(context, record, data),
      ...(data.specialistOn || data.specialistReady
        ? { specialistAssessment: { on: data.specialistOn ?? "", ready: data.specialistReady === "ja" } }
        : {}),
      ...(data.orientation ? { orientation: data.orientation } : {}),
      ...(data.appliedInterval ? { appliedInterval: data.appliedInterval } : {}),
    }),
    done: (record) =>
      record.state.criteria?.met
        ? "Kriterierna är registrerade som uppfyllda."
        : "Kriterierna är registrerade som ej uppfyllda.",
  }),
  stepAction({
    verb: "case.decide",
    schema: decideSchema,
    toAction: (data) => decideAction(data),
    done: (record) =>
      record.state.decision?.outcome === "avslag"
        ? "Beslutet om avslag är registrerat. Kopiera beslutstexten med besvärshänvisningen."
        : "Beslutet är registrerat och uppföljningen planerad om sex månader. Kopiera beslutstexten.",
  }),
  stepAction({
    verb: "case.order",
    schema: z
      .object({ ...caseKey, orderedOn: isoDate, jobbtorgUnit: optionalChoice(["alfa", "iwork"] as const) })
      .loose(),
    toAction: (data) => ({
      kind: "order",
      orderedOn: data.orderedOn,
      ...(data.jobbtorgUnit ? { jobbtorgUnit: data.jobbtorgUnit } : {}),
    }),
    done: (record) => {
      const order = record.state.orders.at(-1);
      return `Beställningen är registrerad. Genomförandeplanen ska komma senast ${order?.gpDueOn ?? ""}.`;
    },
  }),
  stepAction({
    verb: "case.gp",
    schema: z.object({ ...caseKey, receivedOn: isoDate, matchesOrder: yesNo }).loose(),
    toAction: (data) => ({ kind: "gp", receivedOn: data.receivedOn, matchesOrder: data.matchesOrder }),
    done: (record) =>
      record.state.step === "genomforandeplan"
        ? "Registrerat att planen inte stämmer med beställningen. Skicka begäran om komplettering nedan."
        : "Genomförandeplanen är mottagen och granskad – insatsen har påbörjats.",
  }),
  stepAction({
    verb: "case.followUp",
    schema: z
      .object({
        ...caseKey,
        items: multiChoice(followUpItems),
        heldOn: isoDate,
        continues: yesNo,
        orderedOn: optionalDate,
      })
      .loose(),
    toAction: (data) => ({
      kind: "followUp",
      heldOn: data.heldOn,
      items: data.items,
      continues: data.continues,
      ...(data.orderedOn ? { orderedOn: data.orderedOn } : {}),
    }),
    done: (record) =>
      record.state.step === "genomforandeplan"
        ? `Uppföljningen är registrerad, ny beställning skickad och nästa uppföljning planerad till ${record.state.followUpDueOn ?? ""}.`
        : "Uppföljningen är registrerad. Insatsen avslutas.",
  }),
  stepAction({
    verb: "case.close",
    schema: z
      .object({
        ...caseKey,
        reason: z.enum(closeReasons, { error: choiceMessage }),
        closingMeetingHeld: flag,
        closedOn: isoDate,
      })
      .loose(),
    toAction: (data) => ({
      kind: "close",
      closedOn: data.closedOn,
      reason: data.reason,
      closingMeetingHeld: data.closingMeetingHeld,
    }),
    done: () => "Ärendet är avslutat. Inga fler påminnelser skickas.",
  }),
  stepAction({
    verb: "case.withdraw",
    schema: z.object({ ...caseKey, withdrawnOn: isoDate }).loose(),
    fields: { on: "withdrawnOn" },
    toAction: (data) => ({ kind: "withdraw", on: data.withdrawnOn }),
    done: () => "Registrerat att ansökan återkallats. Ärendet är avslutat.",
  }),
];

/** "Förhandsgranska beslutstext": the decision as it would be, without storing anything. */
const previewAction = defineAction({
  verb: "case.decisionPreview",
  personalChatOnly: true,
  schema: decideSchema,
  async handle(context, data) {
    const { cases } = context.services;
    const record = await cases.loadFor(context.user, data.caseId);
    if (record.version !== data.v) return { card: await stepCard(context, record, { notice: alreadyDone }) };
    const submitted = data as Record<string, unknown>;
    const trial = applyCommand(record.state, decideAction(data), {
      today: cases.today(),
      gpRule: cases.gpRule,
    });
    if (!trial.ok) {
      const errors = domainFieldErrors(trial.error) ?? {};
      return {
        card: await stepCard(context, record, {
          errors,
          values: submitted,
          ...(Object.keys(errors).length === 0
            ? { notice: { text: messageFor(trial.error.code, trial.error.details), color: "Attention" } }
            : {}),
        }),
      };
    }
    return {
      card: await stepCard(context, record, {
        values: submitted,
        preview: decisionTextFor(record, cases.rules, trial.value.state),
      }),
    };
  },
  async invalid(context, submitted, errors) {
    if (typeof submitted.caseId !== "string") return { message: messageFor("ACTION.INVALID_DATA") };
    const record = await context.services.cases.loadFor(context.user, submitted.caseId);
    return { card: await stepCard(context, record, { errors, values: submitted }) };
  },
});

// ---------------------------------------------------------------------------------------------
// Lists

async function myCasesCard(services: AppServices, user: DirectoryUser): Promise<AdaptiveCard> {
  const items = await services.cases.mine(user);
  const today = services.cases.today();
  return renderCard(caseListCard, {
    title: "Mina ärenden",
    subtitle: `${items.length} öppna · mest brådskande först`,
    items: items.map((item) => caseListItem(item, { today, open: true })),
    empty: "Du har inga öppna ärenden. Skriv **ny ansökan** för att registrera en.",
    showNew: rolesOf(user, "handlaggare").length > 0,
  });
}

async function teamCasesResult(
  services: AppServices,
  user: DirectoryUser,
  personal: boolean,
): Promise<ActionResult> {
  const items = await services.cases.team(user);
  if (!items) {
    return {
      message:
        "Teamets ärenden visas för gruppledare för ett handläggarteam. Jobbtorgs gruppledare ser sina beställningar med **nya beställningar**.",
    };
  }
  const today = services.cases.today();
  const names = new Map((await services.directory.listUsers()).map((u) => [u.id, u.displayName]));
  const units = [...new Set(items.map((item) => `${unitLabels[item.unit]}, ${item.district}`))];
  return {
    card: renderCard(caseListCard, {
      title: "Teamets ärenden",
      subtitle: `${items.length} öppna${units.length > 0 ? ` · ${units.join("; ")}` : ""} · mest brådskande först`,
      items: items.map((item) =>
        caseListItem(item, {
          today,
          open: personal,
          responsible: `Handläggare: ${names.get(item.caseworkerId) ?? "okänd"}`,
        }),
      ),
      empty: "Teamet har inga öppna ärenden.",
      showNew: false,
    }),
  };
}

async function reply(context: CommandContext, result: ActionResult): Promise<void> {
  if ("card" in result) await sendCard(context.turn, result.card);
  else await sendText(context.turn, result.message);
}

const commands: CommandDefinition[] = [
  {
    names: ["ny ansökan", "ny ansokan"],
    help: { command: "ny ansökan", description: "Registrerar en ny ansökan och guidar dig steg för steg." },
    scopes: ["personal"],
    roles: ["handlaggare"],
    async handle(context, args) {
      await reply(context, newApplicationResult(context.services, context.user, args));
    },
  },
  {
    names: ["mina ärenden", "mina arenden"],
    help: {
      command: "mina ärenden",
      description: "Dina öppna ärenden med nästa steg och frist, mest brådskande först.",
    },
    scopes: ["personal"],
    roles: ["handlaggare"],
    async handle(context) {
      await sendCard(context.turn, await myCasesCard(context.services, context.user));
    },
  },
  {
    names: ["teamets ärenden", "teamets arenden"],
    help: { command: "teamets ärenden", description: "För gruppledare: teamets öppna ärenden och frister." },
    scopes: ["personal", "channel"],
    roles: ["gruppledare", "admin"],
    async handle(context) {
      await reply(
        context,
        await teamCasesResult(context.services, context.user, context.scope === "personal"),
      );
    },
  },
];

/** The case workflow: ny ansökan, every step's card and action, mina ärenden and teamets ärenden. */
export function casesFeature(): BotFeature {
  return {
    name: "cases",
    commands,
    actions: [
      defineAction({
        verb: "case.new",
        personalChatOnly: true,
        schema: z.object({}).loose(),
        async handle(context) {
          return newApplicationResult(context.services, context.user);
        },
      }),
      createAction,
      defineAction({
        verb: "case.open",
        personalChatOnly: true,
        schema: openSchema,
        async handle(context, data) {
          const record = await context.services.cases.loadFor(context.user, data.caseId);
          return { card: await stepCard(context, record) };
        },
      }),
      defineAction({
        verb: "case.mine",
        personalChatOnly: true,
        schema: z.object({}).loose(),
        async handle(context) {
          return { card: await myCasesCard(context.services, context.user) };
        },
      }),
      checkAction("case.targetGroupCheck"),
      checkAction("case.criteriaCheck"),
      previewAction,
      ...stepActions,
    ],
  };
}
