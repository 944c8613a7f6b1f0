import { z } from "zod";
import { answerCard, factsRead, formCard, sourceCard, verdictCard } from "../../cards/rules.js";
import { stockholmDate } from "../../src/deadlines/index.js";
import { DomainError } from "../../src/errors.js";
import { containsIdentityNumber } from "../../src/identity/personnummer.js";
import { ask } from "../../src/rules/ask.js";
import {
  evaluateInsats,
  factDefinitions,
  factsSchema,
  insatsIds,
  type FactKey,
  type Facts,
} from "../../src/rules/index.js";
import type { AppServices } from "../../src/services.js";
import { expertEntries } from "./experts.js";
import { defineAction, type ActionContext, type ActionDefinition } from "../actions.js";
import type { BotFeature } from "../feature.js";
import { messageFor } from "../error-messages.js";
import { sendCard } from "../replies.js";
import { scopeOf } from "../turn.js";

const today = (services: AppServices) => stockholmDate(services.clock.now());

const ruleOptions = (services: AppServices) => ({
  on: today(services),
  gpRule: services.config.GP_DEADLINE_RULE,
  ...(services.config.IPS_PROJECT_END ? { ipsProjectEnd: services.config.IPS_PROJECT_END } : {}),
});

const personal = (context: ActionContext) => scopeOf(context.turn.activity) === "personal";

/** Number facts and their bounds (the facts schema's), with the Swedish error for each. */
const numberFacts: Partial<Record<FactKey, { min: number; max: number; integer: boolean; message: string }>> =
  {
    age: { min: 0, max: 120, integer: true, message: "Ange åldern som ett heltal mellan 0 och 120." },
    residencePermitRefugeeOrProtectionMonths: {
      min: 0,
      max: 1200,
      integer: false,
      message: "Ange hur många månader gammalt tillståndet är, som ett tal (0–1200).",
    },
    shisYears: { min: 0, max: 100, integer: false, message: "Ange antal år som ett tal (0–100)." },
  };

const choiceValues: Partial<Record<FactKey, string[]>> = {
  gender: ["kvinna", "man", "annat"],
  lssPersonkrets: ["1", "2", "3"],
};

/** One form input as a fact: "" = unknown; otherwise the value or a Swedish error. */
function parseInput(key: FactKey, raw: unknown): { value?: Facts[FactKey]; error?: string } {
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : undefined;
  if (text === undefined) return { error: "Ogiltigt värde." };
  if (text === "") return {};
  const kind = factDefinitions[key].kind;
  if (kind === "yesno") {
    if (text === "ja") return { value: true };
    if (text === "nej") return { value: false };
    return { error: "Välj Ja, Nej eller Vet inte." };
  }
  if (kind === "number") {
    const bounds = numberFacts[key]!;
    const value = Number(text.replace(",", "."));
    const ok =
      Number.isFinite(value) &&
      value >= bounds.min &&
      value <= bounds.max &&
      (!bounds.integer || Number.isInteger(value));
    return ok ? { value } : { error: bounds.message };
  }
  const allowed = choiceValues[key] ?? [];
  if (!allowed.includes(text)) return { error: "Välj ett av alternativen." };
  return { value: key === "lssPersonkrets" ? (Number(text) as 1 | 2 | 3) : (text as Facts["gender"]) };
}

const factKeySet = new Set<string>(Object.keys(factDefinitions));

/**
 * A submitted eligibility form: the insats, the facts carried along (`known`) and the inputs, one
 * per fact. Invalid inputs become field errors keyed by the input's id (inline on the form).
 */
const checkSchema = z
  .object({ insats: z.enum(insatsIds), known: factsSchema.default({}) })
  .loose()
  .transform((data, context) => {
    const facts: Facts = { ...data.known };
    for (const [key, raw] of Object.entries(data)) {
      if (!factKeySet.has(key)) continue;
      const parsed = parseInput(key as FactKey, raw);
      if (parsed.error) context.addIssue({ code: "custom", path: [key], message: parsed.error });
      else if (parsed.value === undefined) delete facts[key as FactKey];
      else Object.assign(facts, { [key]: parsed.value });
    }
    return { insats: data.insats, facts };
  });

const formAction: ActionDefinition = defineAction({
  verb: "rules.form",
  schema: z.object({ insats: z.enum(insatsIds), facts: factsSchema.default({}) }),
  async handle(context, data) {
    if (!personal(context)) return { message: messageFor("RULES.PERSONAL_CHAT_ONLY") };
    // Only the facts this insats reads; anything else from the question is left out.
    const read = new Set(factsRead(data.insats));
    const facts = Object.fromEntries(Object.entries(data.facts).filter(([key]) => read.has(key as FactKey)));
    return { card: formCard(data.insats, facts) };
  },
});

const checkAction: ActionDefinition = defineAction({
  verb: "rules.check",
  schema: checkSchema,
  async handle(context, data) {
    if (!personal(context)) return { message: messageFor("RULES.PERSONAL_CHAT_ONLY") };
    const options = ruleOptions(context.services);
    const result = evaluateInsats(data.insats, data.facts, options.on, options);
    return { card: verdictCard(data.insats, data.facts, result, options.on) };
  },
  async invalid(context, submitted, errors) {
    if (!personal(context)) return { message: messageFor("RULES.PERSONAL_CHAT_ONLY") };
    const insats = insatsIds.find((id) => id === submitted.insats);
    if (!insats) return { message: messageFor("ACTION.INVALID_DATA") };
    const known = factsSchema.safeParse(submitted.known ?? {});
    const carried = known.success ? known.data : {};
    // The same fields as before: the ones submitted (a needs-facts form asks only what was missing).
    const asked = factsRead(insats).filter((key) => key in submitted);
    return {
      card: formCard(insats, carried, {
        ask: asked.length > 0 ? asked : factsRead(insats),
        values: submitted,
        errors,
      }),
    };
  },
});

const sourceAction: ActionDefinition = defineAction({
  verb: "rules.source",
  schema: z.object({ insats: z.enum(insatsIds) }),
  async handle(context, data) {
    return { card: sourceCard(data.insats, today(context.services)) };
  },
});

/**
 * Free text that is no command is a question to the rule module: answered with a card. In a
 * channel the answer never repeats the person's facts; a personnummer is refused, never echoed.
 */
export function rulesFeature(): BotFeature {
  return {
    name: "rules",
    actions: [formAction, checkAction, sourceAction],
    async fallback(context, text) {
      if (containsIdentityNumber(text)) throw new DomainError("RULES.QUESTION_PERSONNUMMER");
      const personalChat = context.scope === "personal";
      const answer = ask(text, {
        ...ruleOptions(context.services),
        inChannel: !personalChat,
        extraEntries: await expertEntries(context.services),
      });
      // The expert buttons only in the personal chat: the asker is known and facts stay private.
      await sendCard(context.turn, answerCard(answer, { expert: personalChat }));
    },
  };
}
