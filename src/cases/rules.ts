/**
 * What the case workflow asks the shared rule module (src/rules): the
 * facts to ask on the målgrupp and kriterier cards, the verdict with its trace, and the
 * paragraphs a decision rests on for its date. Narrow, so the workflow depends on this shape
 * only; `src/cases/rules-adapter.ts` implements it over the rule module.
 */
import type { IsoDate } from "../deadlines/index.js";
import type { CaseInsatsId } from "../domain/case-types.js";
import type { RuleVerdict } from "../domain/case.js";
import type { LegalBasis } from "../domain/decision-text.js";

export interface FactQuestion {
  /** The rule module's fact key (issue 3's names, e.g. `socialpsykiatriTargetGroup`). */
  key: string;
  /** The Swedish question. */
  label: string;
  /** Answers; the value "" means "vet inte" (unknown is a real answer). */
  options: { title: string; value: string }[];
}

export interface RuleTraceRow {
  criterion: string;
  text: string;
  outcome: "uppfyllt" | "ej uppfyllt" | "okänt";
  /** Seed file and section, law paragraph and version, as the rule module cites them. */
  source: string;
}

export interface RuleCheck {
  verdict: RuleVerdict;
  unmet: string[];
  unknown: string[];
  trace: RuleTraceRow[];
}

export type RuleStep = "malgrupp" | "kriterier";

export interface CaseRules {
  /** The facts worth asking in a step for an insats; answers are evaluated, never stored. */
  questions(insats: CaseInsatsId, step: RuleStep): FactQuestion[];
  /**
   * The rule module's verdict for the answered facts (unanswered facts are unknown). In the
   * kriterier step the target group is already confirmed by the caseworker, so only the
   * criteria asked there decide.
   */
  check(insats: CaseInsatsId, facts: Record<string, unknown>, on: IsoDate, step: RuleStep): RuleCheck;
  /** The paragraphs a decision on `on` rests on, in the numbering of the law version in force. */
  legalBasis(insats: CaseInsatsId, on: IsoDate): LegalBasis;
  /** The insats's criteria in Swedish, for a grant's motivation. */
  criteriaTexts(insats: CaseInsatsId, on: IsoDate): string[];
}

/** A card answer as a fact value: "ja"/"nej" → boolean, digits → number, "" → unknown. */
export function parseAnswer(value: unknown): boolean | number | undefined {
  if (typeof value === "boolean" || typeof value === "number") return value;
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim().toLowerCase();
  if (trimmed === "ja" || trimmed === "true") return true;
  if (trimmed === "nej" || trimmed === "false") return false;
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  return undefined;
}

/** The fact answers in submitted card data (inputs named `fact_<key>`); never stored. */
export function answersFrom(submitted: Record<string, unknown>): Record<string, boolean | number> {
  const facts: Record<string, boolean | number> = {};
  for (const [name, value] of Object.entries(submitted)) {
    if (!name.startsWith("fact_")) continue;
    const parsed = parseAnswer(value);
    if (parsed !== undefined) facts[name.slice("fact_".length)] = parsed;
  }
  return facts;
}
