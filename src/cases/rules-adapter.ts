/**
 * The case workflow's view of the shared rule module (src/rules): which facts to ask in the
 * målgrupp and kriterier steps, the verdict with its trace, and the decision paragraphs for a
 * date. The module is described here by its shape, so the workflow compiles and is tested on its
 * own; the composition root (src/main.ts) gives `caseRulesFrom(rules)` to the CaseService's
 * constructor.
 */
import type { IsoDate } from "../deadlines/index.js";
import type { Citation } from "../rules/index.js";
import { caseTypeOfInsats, type CaseInsatsId, type CaseType } from "../domain/case-types.js";
import type { RuleVerdict } from "../domain/case.js";
import { legalBasisOn } from "../domain/decision-text.js";
import { citationText } from "../rules/sources.js";
import type { CaseRules, FactQuestion, RuleCheck, RuleStep, RuleTraceRow } from "./rules.js";

/** A citation as the rule module gives it: seed file and section, law paragraph and version. */
export type RuleCitation = Citation;

/** What the workflow uses of the rule module (src/rules/index.ts). */
export interface RuleModule {
  /** How each fact is worded and answered (src/rules/facts.ts). */
  factDefinitions: Readonly<Record<string, { label: string; kind: string }>>;
  factsSchema: { safeParse(value: unknown): { success: true; data: unknown } | { success: false } };
  getInsats(id: CaseInsatsId): {
    name: string;
    criteria: readonly { id: string; text: string; facts: readonly string[] }[];
  };
  evaluateInsats(
    id: CaseInsatsId,
    facts: never,
    on: IsoDate,
  ): {
    verdict: RuleVerdict;
    unmet: string[];
    unknown: string[];
    trace: {
      criterion: string;
      text: string;
      outcome: RuleTraceRow["outcome"];
      citations: readonly RuleCitation[];
    }[];
  };
  decisionCitations(id: CaseInsatsId, on: IsoDate): { rejection?: RuleCitation; grant: RuleCitation };
}

const yesNoUnknown = [
  { title: "Ja", value: "ja" },
  { title: "Nej", value: "nej" },
  { title: "Vet inte", value: "" },
];

const personkretsOptions = [
  { title: "1", value: "1" },
  { title: "2", value: "2" },
  { title: "3", value: "3" },
  { title: "Vet inte", value: "" },
];

/** A fact as a question on the card, worded by the rule module (the answers are evaluated, never stored). */
function factQuestion(rules: RuleModule, key: string): FactQuestion {
  const definition = rules.factDefinitions[key];
  if (!definition) return { key, label: key, options: yesNoUnknown };
  return {
    key,
    label: definition.kind === "yesno" ? `${definition.label}?` : definition.label,
    options: key === "lssPersonkrets" ? personkretsOptions : yesNoUnknown,
  };
}

/** Facts of the target group, asked in the målgrupp step (DOMAIN.md A–D); the rest in kriterier. */
const targetGroupFacts: Readonly<Record<CaseType, readonly string[]>> = {
  A: [
    "socialpsykiatriTargetGroup",
    "bosattStockholm",
    "folkbokfordStockholm",
    "receivesForsorjningsstod",
    "working",
  ],
  B: ["lssPersonkrets", "bosattStockholm", "folkbokfordStockholm"],
  C: ["socialpsykiatriTargetGroup", "lacksDailyOccupationDueToPsychDisability"],
  D: [
    "reachedViaOutreach",
    "working",
    "studying",
    "weakLabourMarketPosition",
    "receivesForsorjningsstod",
    "bosattStockholm",
    "folkbokfordStockholm",
  ],
};

/** Known from the case itself (the new application's gender and age). */
const caseFacts = ["age", "gender"] as const;

/** Known from the case itself, or asked as the work specialist's assessment on the kriterier card. */
const notAsked: Readonly<Record<CaseType, readonly string[]>> = {
  A: ["age", "gender", "workSpecialistAssessedReady"],
  B: ["age", "gender"],
  C: ["age", "gender"],
  D: ["age", "gender"],
};

/** "11 kap. 1 § socialtjänstlagen (2025:400)" from a citation, or undefined without a law paragraph. */
export function citationLabel(citation: RuleCitation | undefined): string | undefined {
  if (!citation?.law) return undefined;
  return citation.lawVersion ? `${citation.law} ${citation.lawVersion}` : citation.law;
}

/** The trace row's sources as users read them: document, section and law paragraph (never a file name). */
function sourceText(citations: readonly RuleCitation[]): string {
  return citations.map(citationText).join(" · ");
}

function verdictOf(rows: readonly RuleTraceRow[]): RuleVerdict {
  if (rows.some((row) => row.outcome === "ej uppfyllt")) return "not-eligible";
  if (rows.some((row) => row.outcome === "okänt")) return "needs-facts";
  return "eligible";
}

/** The workflow's rules port over the rule module. */
export function caseRulesFrom(rules: RuleModule): CaseRules {
  const factsOf = (insats: CaseInsatsId) => [
    ...new Set(rules.getInsats(insats).criteria.flatMap((criterion) => criterion.facts)),
  ];
  const stepFacts = (insats: CaseInsatsId, step: RuleStep) => {
    const type = caseTypeOfInsats[insats];
    const read = factsOf(insats).filter((fact) => !notAsked[type].includes(fact));
    const group = read.filter((fact) => targetGroupFacts[type].includes(fact));
    return step === "malgrupp" ? group : read.filter((fact) => !group.includes(fact));
  };
  return {
    questions(insats, step) {
      return stepFacts(insats, step).map((key) => factQuestion(rules, key));
    },
    check(insats, facts, on, step) {
      const parsed = rules.factsSchema.safeParse(facts);
      const result = rules.evaluateInsats(insats, (parsed.success ? parsed.data : {}) as never, on);
      const toRow = (row: (typeof result.trace)[number]): RuleTraceRow => ({
        criterion: row.criterion,
        text: row.text,
        outcome: row.outcome,
        source: sourceText(row.citations),
      });
      // Each step judges by what it asks (plus what the case knows): the målgrupp card does not
      // count the kriterier step's facts as unknown, and in kriterier the caseworker has
      // already confirmed the target group.
      const known = step === "malgrupp" ? caseFacts : notAsked[caseTypeOfInsats[insats]];
      const asked = new Set([...stepFacts(insats, step), ...known]);
      const criteria = rules
        .getInsats(insats)
        .criteria.filter((c) => c.facts.some((fact) => asked.has(fact)));
      const ids = new Set(criteria.map((c) => c.id));
      const trace = result.trace.filter((row) => ids.has(row.criterion)).map(toRow);
      const check: RuleCheck = {
        verdict: verdictOf(trace),
        unmet: result.unmet.filter((id) => ids.has(id)),
        unknown: result.unknown.filter((fact) => asked.has(fact)),
        trace,
      };
      return check;
    },
    legalBasis(insats, on) {
      const citations = rules.decisionCitations(insats, on);
      const fallback = legalBasisOn(on);
      if (caseTypeOfInsats[insats] === "C") {
        // Sysselsättning is decided under the right to insatser itself.
        const basis = citationLabel(citations.grant) ?? citationLabel(citations.rejection);
        return { ...fallback, ...(basis ? { rightToAssistance: basis } : {}) };
      }
      return {
        rightToAssistance: citationLabel(citations.rejection) ?? fallback.rightToAssistance,
        beyondRight: citationLabel(citations.grant) ?? fallback.beyondRight,
      };
    },
    criteriaTexts(insats) {
      return rules.getInsats(insats).criteria.map((criterion) => criterion.text);
    },
  };
}
