/**
 * What a case step is on the card layer: its card, how a stored case binds to it, and what its
 * main action submits. One file per step in this folder; the registry keyed by StepId is
 * cards/cases/index.ts, and bot/features/cases.ts registers one action per entry.
 */
import type { z } from "zod";
import type { CaseRecord } from "../../src/cases/repository.js";
import type { RuleCheck } from "../../src/cases/rules.js";
import type { CaseAction } from "../../src/cases/service.js";
import type { StepId } from "../../src/domain/case-types.js";
import { caseSteps } from "../../src/domain/steps/index.js";
import type { AdaptiveCard } from "../render.js";
import type { CaseCardContext, headerSchema } from "./common.js";

/** The data every step card binds besides its own. */
export interface StepCardCommon {
  header: z.input<typeof headerSchema>;
  caseId: string;
  v: number;
  showWithdraw: boolean;
  decisionText: string;
}

/** The card's main action: its inputs, the domain command they make, and the confirmation. */
export interface StepSubmit<S extends z.ZodType = z.ZodType> {
  schema: S;
  /** Domain field names that differ from the card's input ids (for inline errors). */
  fields?: Record<string, string>;
  /** The rule module's verdict on the card's answers goes with the command. */
  checksRules?: boolean;
  toCommand(data: z.infer<S>, check: RuleCheck | undefined): CaseAction;
  /** The confirmation shown on the returned card. */
  done(record: CaseRecord): string;
}

export type CardStepId = Exclude<StepId, "ansokan">;

export interface StepCard<S extends z.ZodType = z.ZodType, K extends CardStepId = CardStepId> {
  /** The domain step (src/domain/steps/<step>.ts); its command names the verb (stepVerb). */
  step: K;
  bind(context: CaseCardContext, common: StepCardCommon): AdaptiveCard;
  submit: StepSubmit<S>;
  /** "Pröva mot regelmodulen" on this card: its verb, when the card has one. */
  checkVerb?: string;
}

/** Identity function that keeps the submit schema's type for `toCommand`. */
export function defineStepCard<S extends z.ZodType, K extends CardStepId>(
  card: StepCard<S, K>,
): StepCard<S, K> {
  return card;
}

/**
 * The verb a step card's main action carries: `case.<the step's command>`, which is also the
 * audit log's action name. Cards already posted in Teams carry these verbs; they never change.
 */
export function stepVerb(step: CardStepId): string {
  return `case.${caseSteps[step].kind}`;
}

/** The rule module's verdict as a command carries it. */
export function verdictOf(check: RuleCheck | undefined): {
  ruleVerdict?: RuleCheck["verdict"];
  unmet?: string[];
} {
  return check ? { ruleVerdict: check.verdict, unmet: check.unmet } : {};
}
