import * as ACData from "adaptivecards-templating";
import type { z } from "zod";

/** An Adaptive Card as sent to Teams (JSON object). */
export type AdaptiveCard = Record<string, unknown> & { type: "AdaptiveCard"; version: string };

/**
 * A card: an Adaptive Card 1.5 JSON template, the zod schema of the data it binds, and sample
 * data that the catalog test renders (version ≤ 1.5, nothing left unbound, under 40 KB).
 * @remarks `channelBound` marks cards posted where many can read them: the secrecy test renders
 * those with realistic data and fails on anything that looks like personal data.
 */
export interface CardDefinition<S extends z.ZodType = z.ZodType> {
  readonly kind: "card";
  readonly name: string;
  readonly template: Record<string, unknown>;
  readonly schema: S;
  readonly sample: z.input<S>;
  readonly channelBound: boolean;
}

export function defineCard<S extends z.ZodType>(definition: {
  name: string;
  template: Record<string, unknown>;
  schema: S;
  sample: z.input<S>;
  channelBound?: boolean;
}): CardDefinition<S> {
  return { kind: "card", channelBound: false, ...definition };
}

export function isCardDefinition(value: unknown): value is CardDefinition {
  return typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "card";
}

export class CardDataError extends Error {
  constructor(card: string, problem: string) {
    super(`Kortet ${card} fick ogiltiga data: ${problem}`);
    this.name = "CardDataError";
  }
}

// Expansion is synchronous, so one compiled Template per card can serve every turn.
const compiled = new WeakMap<CardDefinition, ACData.Template>();

function compiledTemplate(card: CardDefinition): ACData.Template {
  let template = compiled.get(card);
  if (!template) {
    template = new ACData.Template(card.template);
    compiled.set(card, template);
  }
  return template;
}

/** Validates `data` against the card's schema, then expands the template with it. */
export function renderCard<S extends z.ZodType>(card: CardDefinition<S>, data: z.input<S>): AdaptiveCard {
  const parsed = card.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CardDataError(card.name, `${issue?.path.join(".")}: ${issue?.message}`);
  }
  return compiledTemplate(card).expand({ $root: parsed.data }) as AdaptiveCard;
}
