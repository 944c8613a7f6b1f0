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
 * Where a rule comes from: a source document and its section, and — when it rests on a law — the
 * paragraph, the act it belongs to, and when that version applies. Render it with
 * `citationText` (src/rules/sources.ts); never show `source` itself.
 */
export interface Citation {
  /** The document's key in src/rules/sources.ts (`tillampningsanvisningar`); a seed file name also resolves. */
  source: string;
  /** The section as the document heads it, e.g. "4.2.3 Handläggning och kriterier" or "Bilaga 2, Avslut". */
  section: string;
  /** The paragraph, e.g. "11 kap. 4 §". */
  law?: string;
  /** The act, e.g. "socialtjänstlagen (2025:400)". */
  lawVersion?: string;
  from?: IsoDate;
  to?: IsoDate;
  /** What the section says on this point, in our words (else the section's summary in the registry). */
  summary?: string;
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
