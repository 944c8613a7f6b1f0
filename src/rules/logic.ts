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
}

export const isTrue = (fact: FactKey): Condition => ({
  reads: [fact],
  test: (facts) => (facts[fact] === undefined ? undefined : facts[fact] === true),
});

export const isFalse = (fact: FactKey): Condition => ({
  reads: [fact],
  test: (facts) => (facts[fact] === undefined ? undefined : facts[fact] === false),
});

export const oneOf = <K extends FactKey>(fact: K, values: readonly NonNullable<Facts[K]>[]): Condition => ({
  reads: [fact],
  test: (facts) => {
    const value = facts[fact];
    return value === undefined ? undefined : (values as readonly unknown[]).includes(value);
  },
});

/** `min ≤ fact ≤ max` (either bound may be omitted). */
export const between = (fact: FactKey, min: number | undefined, max: number | undefined): Condition => ({
  reads: [fact],
  test: (facts) => {
    const value = facts[fact];
    if (typeof value !== "number") return undefined;
    return (min === undefined || value >= min) && (max === undefined || value <= max);
  },
});

/** All hold: false as soon as one fails, even when others are unknown. */
export const allOf = (...conditions: Condition[]): Condition => ({
  reads: [...new Set(conditions.flatMap((c) => c.reads))],
  test: (facts) => {
    const outcomes = conditions.map((c) => c.test(facts));
    if (outcomes.includes(false)) return false;
    return outcomes.includes(undefined) ? undefined : true;
  },
});

/** Any one holds: true as soon as one holds, even when others are unknown. */
export const anyOf = (...conditions: Condition[]): Condition => ({
  reads: [...new Set(conditions.flatMap((c) => c.reads))],
  test: (facts) => {
    const outcomes = conditions.map((c) => c.test(facts));
    if (outcomes.includes(true)) return true;
    return outcomes.includes(undefined) ? undefined : false;
  },
});

/** The facts still missing for a condition whose outcome is unknown. */
export function missingFacts(condition: Condition, facts: Facts): FactKey[] {
  return condition.reads.filter((fact) => facts[fact] === undefined);
}
