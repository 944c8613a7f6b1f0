/** The shared rule module: the one place that knows who may get which insats (issue 3). */
export { factDefinitions, factKeys, factsSchema, type FactKey, type Facts } from "./facts.js";
export { getInsats, insatser } from "./insatser.js";
export { decisionCitations, evaluateAll, evaluateInsats, inForce } from "./evaluate.js";
export {
  insatsIds,
  type Citation,
  type Criterion,
  type EvaluationOptions,
  type Insats,
  type InsatsId,
  type InsatsResult,
  type Outcome,
  type TraceRow,
  type Verdict,
} from "./types.js";
