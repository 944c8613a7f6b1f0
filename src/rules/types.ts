import type { IsoDate } from "../deadlines/index.js";
import type { FactKey } from "./facts.js";
import type { Condition } from "./logic.js";

export const insatsIds = [
  "sis-socialpsykiatri",
  "lss-insteg",
  "lss-sis",
  "sysselsattning",
  "uvas-kvinnor-sis",
  "arbetsmarknadsradgivning",
  "forebygga-skolavbrott",
  "bron",
  "etableringsstod-nyanlanda",
  "ips-psykosvarden",
] as const;
export type InsatsId = (typeof insatsIds)[number];

/**
 * Where a rule comes from: the seed document and its section, and — when it rests on a law — the
 * paragraph in the source's own numbering, the law version it belongs to, and when it applies.
 */
export interface Citation {
  source: string;
  section: string;
  law?: string;
  lawVersion?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** What the source leaves open, said rather than guessed. */
  note?: string;
}

export interface Criterion {
  /** Stable id, e.g. `alfa-specialistpsykiatri`. */
  id: string;
  /** Swedish, as a caseworker would read it. */
  text: string;
  condition: Condition;
  citations: Citation[];
}

/** A criterion as the module hands it out: with the facts it reads spelled out. */
export interface PublishedCriterion extends Criterion {
  facts: readonly FactKey[];
}

export type Decider = "stadsdelsnämnd" | "arbetsmarknadsnämnd";

export interface Insats {
  id: InsatsId;
  name: string;
  /** For cards and channel posts. */
  shortName: string;
  description: string;
  decidedBy: Decider;
  needsAssessment: boolean;
  /** The legal basis of a decision (or of providing it without one), dated by law version. */
  legalBasis: Citation[];
  durations: {
    /** The default or fixed length of a decision, in months. */
    months?: number;
    /** May be longer, and on what condition. */
    longer?: string;
    followUpMonths?: number;
    /** Occasions, for a limited insats (Arbetsmarknadsrådgivning: 1–4). */
    occasions?: { min: number; max: number };
  };
  combinableWith: string[];
  excludedWith: string[];
  criteria: PublishedCriterion[];
  /** When the insats is offered at all (IPS only while the project runs). */
  period?: { from?: IsoDate; to?: "ipsProjectEnd"; citations: Citation[] };
  /** Swedish notes on what the sources do not say (e.g. Iwork's exact criteria). */
  silences: string[];
  /** Extra data: sysselsättning's orientations and hour intervals. */
  orientations?: string[];
  hourIntervals?: { min: number; max: number }[];
  /** Words people use for it (question answering). */
  synonyms: string[];
}

export type Verdict = "eligible" | "not-eligible" | "needs-facts";
export type Outcome = "uppfyllt" | "ej uppfyllt" | "okänt";

export interface TraceRow {
  criterion: string;
  text: string;
  outcome: Outcome;
  citations: Citation[];
  /** For an unknown outcome: the facts that would settle it. */
  missingFacts: FactKey[];
}

export interface InsatsResult {
  insats: InsatsId;
  verdict: Verdict;
  unmet: string[];
  unknown: FactKey[];
  trace: TraceRow[];
  silences: string[];
}

export interface EvaluationOptions {
  /** The last day of the IPS project (IPS_PROJECT_END); unset = the project still runs. */
  ipsProjectEnd?: IsoDate;
}
