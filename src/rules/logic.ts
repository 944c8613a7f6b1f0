/**
 * Three-valued (Kleene) logic for criteria: true = uppfyllt, false = ej uppfyllt, undefined =
 * okänt. A condition reads facts and says which of them it read, so an unknown outcome can name
 * exactly the facts that would settle it.
 */
import type { FactKey, Facts } from "./facts.js";

export type Truth = boolean | undefined;

export interface Condition {
  /** The facts this condition reads. */
  reads: readonly FactKey[];
  test(facts: Facts): Truth;
  /**
   * The facts that would settle it while it is unknown: those not stated, and those stated too
   * loosely (an age range that straddles the criterion's bound).
   */
  missing(facts: Facts): FactKey[];
}

/** A condition on one fact: unknown exactly when its test is, and then that fact is missing. */
const onFact = (fact: FactKey, test: (facts: Facts) => Truth): Condition => ({
  reads: [fact],
  test,
  missing: (facts) => (test(facts) === undefined ? [fact] : []),
});

export const isTrue = (fact: FactKey): Condition =>
  onFact(fact, (facts) => (facts[fact] === undefined ? undefined : facts[fact] === true));

export const isFalse = (fact: FactKey): Condition =>
  onFact(fact, (facts) => (facts[fact] === undefined ? undefined : facts[fact] === false));

export const oneOf = <K extends FactKey>(fact: K, values: readonly NonNullable<Facts[K]>[]): Condition =>
  onFact(fact, (facts) => {
    const value = facts[fact];
    return value === undefined ? undefined : (values as readonly unknown[]).includes(value);
  });

/** A number fact as the closed interval it lies in: an exact value v is [v, v], an open bound infinite. */
function intervalOf(value: Facts[FactKey]): { min: number; max: number } | undefined {
  if (typeof value === "number") return { min: value, max: value };
  if (typeof value === "object") return { min: value.min ?? -Infinity, max: value.max ?? Infinity };
  return undefined;
}

/**
 * `min ≤ fact ≤ max` (either bound may be omitted). A fact known as a range (an age "över 65")
 * holds when the whole range lies inside, fails when none of it does, and is unknown when the
 * range straddles a bound — then only the exact value settles it.
 */
export const between = (fact: FactKey, min: number | undefined, max: number | undefined): Condition =>
  onFact(fact, (facts) => {
    const value = intervalOf(facts[fact]);
    if (!value) return undefined;
    const low = min ?? -Infinity;
    const high = max ?? Infinity;
    if (low <= value.min && value.max <= high) return true;
    if (value.max < low || high < value.min) return false;
    return undefined;
  });

const missingOfAll = (conditions: readonly Condition[], facts: Facts): FactKey[] => [
  ...new Set(conditions.flatMap((c) => c.missing(facts))),
];

/** All hold: false as soon as one fails, even when others are unknown. */
export const allOf = (...conditions: Condition[]): Condition => ({
  reads: [...new Set(conditions.flatMap((c) => c.reads))],
  test: (facts) => {
    const outcomes = conditions.map((c) => c.test(facts));
    if (outcomes.includes(false)) return false;
    return outcomes.includes(undefined) ? undefined : true;
  },
  missing: (facts) => missingOfAll(conditions, facts),
});

/** Any one holds: true as soon as one holds, even when others are unknown. */
export const anyOf = (...conditions: Condition[]): Condition => ({
  reads: [...new Set(conditions.flatMap((c) => c.reads))],
  test: (facts) => {
    const outcomes = conditions.map((c) => c.test(facts));
    if (outcomes.includes(true)) return true;
    return outcomes.includes(undefined) ? undefined : false;
  },
  missing: (facts) => missingOfAll(conditions, facts),
});
