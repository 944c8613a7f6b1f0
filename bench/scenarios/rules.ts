/**
 * The rule module's speed (issue 3): evaluating every insats for one fact set (target ≤ 50 µs
 * median) and answering a question (≤ 5 ms median after warm-up). Baseline: the same criteria in
 * json-rules-engine — for evaluation alone, and in the answer path in place of the module's
 * evaluation (same text processing and fact extraction, then json-rules-engine's run).
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { Engine, type NestedCondition, type RuleProperties, type TopLevelCondition } from "json-rules-engine";
import { extractFacts } from "../../src/rules/ask-facts.js";
import { ask, normaliseQuestion } from "../../src/rules/ask.js";
import { evaluateAll, type Facts } from "../../src/rules/index.js";
import { compare, percentile, type BenchScenario } from "../harness.js";

const on = "2026-03-02";

const is = (fact: string, value: unknown): NestedCondition => ({ fact, operator: "equal", value });
const atLeast = (fact: string, value: number): NestedCondition => ({
  fact,
  operator: "greaterThanInclusive",
  value,
});
const atMost = (fact: string, value: number): NestedCondition => ({
  fact,
  operator: "lessThanInclusive",
  value,
});
const rule = (insats: string, conditions: TopLevelCondition): RuleProperties => ({
  name: insats,
  conditions,
  event: { type: insats },
});

/** The criteria of src/rules/insatser.ts, one rule per insats, as json-rules-engine writes them. */
const baselineRules: RuleProperties[] = [
  rule("sis-socialpsykiatri", {
    all: [
      is("socialpsykiatriTargetGroup", true),
      atLeast("age", 18),
      atMost("age", 64),
      is("bosattStockholm", true),
      is("working", false),
      is("receivesForsorjningsstod", false),
      is("specialistPsychiatryContact", true),
      is("primaryGoalWorkOrStudies", true),
      is("lastingSupportNeeds", true),
      is("wishesWorkOrStudies", true),
      is("consentsPsychiatryCoordination", true),
      is("workSpecialistAssessedReady", true),
      is("arbetsformedlingenCanOffer", false),
    ],
  }),
  ...["lss-insteg", "lss-sis"].map((id) =>
    rule(id, {
      all: [
        { fact: "lssPersonkrets", operator: "in", value: [1, 2] },
        is("wishesWorkOrStudies", true),
        is("receivesForsorjningsstod", false),
      ],
    }),
  ),
  rule("sysselsattning", { all: [is("lacksDailyOccupationDueToPsychDisability", true)] }),
  rule("uvas-kvinnor-sis", {
    all: [
      is("reachedViaOutreach", true),
      {
        any: [
          { all: [atLeast("age", 19), atMost("age", 29), is("working", false), is("studying", false)] },
          { all: [is("gender", "kvinna"), is("weakLabourMarketPosition", true)] },
        ],
      },
      is("receivesForsorjningsstod", false),
      is("bosattStockholm", true),
    ],
  }),
  rule("arbetsmarknadsradgivning", { all: [is("reachedViaOutreach", true)] }),
  rule("forebygga-skolavbrott", {
    all: [
      atMost("age", 19),
      is("folkbokfordStockholm", true),
      is("studiesGymnasium", true),
      is("atRiskOfDropout", true),
    ],
  }),
  rule("bron", { all: [is("folkbokfordStockholm", true), is("anpassadGymnasieskolaFinalYear", true)] }),
  rule("etableringsstod-nyanlanda", {
    any: [
      atMost("residencePermitRefugeeOrProtectionMonths", 36),
      { all: [is("livesInShis", true), atMost("shisYears", 5)] },
      is("massflyktsdirektivet", true),
      is("relativePermitWithinSixYears", true),
    ],
  }),
  rule("ips-psykosvarden", {
    all: [is("folkbokfordStockholm", true), is("enrolledParticipatingPsychosisClinic", true)],
  }),
];

function baselineEngine(): Engine {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const r of baselineRules) engine.addRule(r);
  return engine;
}

const facts: Facts = {
  age: 24,
  gender: "kvinna",
  folkbokfordStockholm: true,
  bosattStockholm: true,
  working: false,
  studying: false,
  receivesForsorjningsstod: false,
  reachedViaOutreach: true,
  weakLabourMarketPosition: true,
  specialistPsychiatryContact: true,
  livesInShis: true,
  shisYears: 2,
};

/** Median per-call time of `run`, in µs, over `samples` batches of `batch` calls. */
async function medianMicros(run: () => unknown, samples: number, batch: number): Promise<number> {
  for (let i = 0; i < batch * 20; i += 1) await run();
  const times: number[] = [];
  for (let s = 0; s < samples; s += 1) {
    const started = performance.now();
    for (let i = 0; i < batch; i += 1) await run();
    times.push(((performance.now() - started) * 1000) / batch);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

export const scenario: BenchScenario = {
  name: "rules",
  async run(ctx) {
    const engine = baselineEngine();
    const evaluateMicros = await medianMicros(() => evaluateAll(facts, on), 200, 50);
    const engineMicros = await medianMicros(() => engine.run(facts), 200, 50);
    ctx.log(
      `alla insatser för en faktamängd: ${evaluateMicros.toFixed(2)} µs, json-rules-engine ${engineMicros.toFixed(2)} µs`,
    );

    const questions = (
      JSON.parse(fs.readFileSync("test/fixtures/questions-tuning.json", "utf8")) as { question: string }[]
    ).map((entry) => entry.question);
    let next = 0;
    const question = () => questions[next++ % questions.length]!;
    const askMicros = await medianMicros(() => ask(question(), { on }), 100, questions.length);
    const baselineAskMicros = await medianMicros(
      () => engine.run(extractFacts(normaliseQuestion(question()))),
      100,
      questions.length,
    );
    ctx.log(
      `svar på en fråga: ${(askMicros / 1000).toFixed(3)} ms, med json-rules-engine som utvärdering ${(baselineAskMicros / 1000).toFixed(3)} ms`,
    );
    return [
      compare("rules-evaluate-all", "µs", evaluateMicros, engineMicros),
      compare("rules-ask", "ms", askMicros / 1000, baselineAskMicros / 1000),
    ];
  },
};
