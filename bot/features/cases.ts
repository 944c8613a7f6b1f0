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
  decisionPreviewVerb,
  stepCards,
  stepVerb,
  withdrawSubmit,
  type CaseCardContext,
  type StepCard,
  type StepSubmit,
} from "../../cards/cases.js";
import { caseKey, choiceMessage, isoDate, optionalChoice } from "../../cards/cases/inputs.js";
import { noticeCard } from "../../cards/basic.js";
import type { AdaptiveCard } from "../../cards/render.js";
import { renderCard } from "../../cards/render.js";
import type { CaseRecord } from "../../src/cases/repository.js";
import { answersFrom, type RuleCheck } from "../../src/cases/rules.js";
import { caseworkerUnits, rolesOf, type DirectoryUser } from "../../src/directory/directory.js";
import {
  caseInsatsIds,
  caseTypeOfInsats,
  defaultJobbtorgUnit,
  insatserForUnit,
  insatsShortNames,
  stepsFor,
  type CaseInsatsId,
  type StepId,
} from "../../src/domain/case-types.js";
import { applyCommand } from "../../src/domain/case.js";
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
// Input schemas: what the new-application form submits (each step's: cards/cases/<step>.ts)

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

/** "Steg 1 av 11 · Ny ansökan", naming the other count only when the insatser offered differ. */
function newApplicationStepLine(insatser: readonly CaseInsatsId[]): string {
  const counts = new Map<number, CaseInsatsId[]>();
  for (const id of insatser) {
    const of = stepsFor(caseTypeOfInsats[id]).length;
    counts.set(of, [...(counts.get(of) ?? []), id]);
  }
  const [first, ...others] = [...counts.entries()].sort((a, b) => b[1].length - a[1].length || b[0] - a[0]);
  const other = others.map(
    ([of, ids]) =>
      `${of} för ${ids.map((id) => insatsShortNames[id].toLocaleLowerCase("sv-SE")).join(" och ")}`,
  );
  return `Steg 1 av ${first?.[0] ?? 11}${other.length ? ` (${other.join(", ")})` : ""} · Ny ansökan`;
}

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
    stepLine: newApplicationStepLine(insatser),
    refExample: services.cases.refFormat.example,
    values: {
      receivedOn: services.cases.today(),
      unit: roles[0]?.unit ?? "",
      // One insats to choose from is chosen already.
      ...(insatser.length === 1 ? { insats: insatser[0] } : {}),
      ...values,
    },
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

/**
 * A card action that moves a case one step: authorized, applied once for the version the card
 * showed, audited by the service, answered with the updated card (or the same card with inline
 * errors and the input kept).
 */
function stepAction<S extends z.ZodType>(verb: string, spec: StepSubmit<S>): ActionDefinition {
  return defineAction({
    verb,
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
        const check = spec.checksRules
          ? context.services.cases.evaluate(
              record,
              factsFrom(data as Record<string, unknown>, record.state.step),
            )
          : undefined;
        const result = await cases.act(context.user, caseId, v, spec.toCommand(data, check), record);
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
  const step = record.state.step;
  if (!submitted || step === "ansokan" || !stepCards[step].checkVerb) return {};
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

/** One action per step card (verb case.<command>), and "Ansökan återkallad". */
const stepActions: ActionDefinition[] = [
  ...Object.values(stepCards).map((card: StepCard) => stepAction(stepVerb(card.step), card.submit)),
  stepAction("case.withdraw", withdrawSubmit),
];

const decide = stepCards.beslut.submit;

/** "Förhandsgranska beslutstext": the decision as it would be, without storing anything. */
const previewAction = defineAction({
  verb: decisionPreviewVerb,
  personalChatOnly: true,
  schema: decide.schema,
  async handle(context, data) {
    const { cases } = context.services;
    const record = await cases.loadFor(context.user, data.caseId);
    if (record.version !== data.v) return { card: await stepCard(context, record, { notice: alreadyDone }) };
    const submitted = data as Record<string, unknown>;
    const trial = applyCommand(record.state, decide.toCommand(data, undefined), {
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
      ...Object.values(stepCards).flatMap((card: StepCard) =>
        card.checkVerb ? [checkAction(card.checkVerb)] : [],
      ),
      previewAction,
      ...stepActions,
    ],
  };
}
