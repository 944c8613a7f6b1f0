/**
 * Three-valued evaluation of an insats's criteria for one set of facts on one date. Pure and
 * synchronous. A single unmet criterion makes `not-eligible` even when others are unknown; an
 * alternative ("any one of") holds as soon as one of its parts holds.
 */
import type { IsoDate } from "../deadlines/index.js";
import type { FactKey, Facts } from "./facts.js";
import { getInsats, insatser } from "./insatser.js";
import type { Citation, EvaluationOptions, InsatsId, InsatsResult, Outcome, TraceRow } from "./types.js";

/** True when a citation applies on `on` (no dates = always). */
export function inForce(citation: Pick<Citation, "from" | "to">, on: IsoDate): boolean {
  return (
    (citation.from === undefined || citation.from <= on) && (citation.to === undefined || on <= citation.to)
  );
}

const outcomeOf = (truth: boolean | undefined): Outcome =>
  truth === undefined ? "okänt" : truth ? "uppfyllt" : "ej uppfyllt";

export function evaluateInsats(
  id: InsatsId,
  facts: Facts,
  on: IsoDate,
  options: EvaluationOptions = {},
): InsatsResult {
  const insats = getInsats(id);
  const trace: TraceRow[] = [];
  if (insats.period) {
    const end = insats.period.to === "ipsProjectEnd" ? options.ipsProjectEnd : undefined;
    const running =
      (insats.period.from === undefined || insats.period.from <= on) && (end === undefined || on <= end);
    trace.push({
      criterion: `${id}-period`,
      text: end
        ? `Insatsen tillhandahålls den dagen (projektet pågår till ${end})`
        : "Insatsen tillhandahålls under projekttiden",
      outcome: running ? "uppfyllt" : "ej uppfyllt",
      citations: insats.period.citations.filter((c) => inForce(c, on)),
      missingFacts: [],
    });
  }
  for (const criterion of insats.criteria) {
    const outcome = outcomeOf(criterion.condition.test(facts));
    trace.push({
      criterion: criterion.id,
      text: criterion.text,
      outcome,
      citations: criterion.citations.filter((c) => inForce(c, on)),
      missingFacts: outcome === "okänt" ? criterion.condition.missing(facts) : [],
    });
  }
  const unmet = trace.filter((row) => row.outcome === "ej uppfyllt").map((row) => row.criterion);
  const unknown = [...new Set(trace.flatMap((row) => row.missingFacts))] as FactKey[];
  const verdict = unmet.length > 0 ? "not-eligible" : unknown.length > 0 ? "needs-facts" : "eligible";
  return {
    insats: id,
    verdict,
    unmet,
    unknown,
    trace,
    silences: insats.silences,
  };
}

export function evaluateAll(facts: Facts, on: IsoDate, options: EvaluationOptions = {}): InsatsResult[] {
  return insatser.map((insats) => evaluateInsats(insats.id, facts, on, options));
}

/**
 * The paragraphs a decision on `id` rests on for a decision dated `on`: for the two-step insatser
 * the rejection (4 kap. 1 § or its successor) and the grant; for sysselsättning only the
 * 4 kap. 1 § decision; for insatser without needs assessment the provision that allows that.
 */
export function decisionCitations(id: InsatsId, on: IsoDate): { rejection?: Citation; grant: Citation } {
  const basis = getInsats(id).legalBasis.filter((citation) => inForce(citation, on));
  const rejection = basis.find((c) => /^(4 kap\. 1 §|11 kap\. 1 §)$/.test(c.law ?? ""));
  const grant = basis.find((c) => c !== rejection) ?? rejection;
  if (!grant) throw new RangeError(`ingen rättslig grund för ${id} den ${on}`);
  return grant === rejection ? { grant } : { ...(rejection ? { rejection } : {}), grant };
}
