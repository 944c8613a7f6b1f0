/**
 * Inline errors on a rejected card are plain Swedish: every verb's schema, given an empty or a
 * garbled submission and parsed as bot/actions.ts parses cards, names no type, operator or zod
 * term ("förväntat string, fick undefined", ">=2") — a caseworker sees what to do instead.
 */
import { describe, expect, it } from "vitest";
import { CommandRegistry } from "../bot/commands.js";
import { allFeatures } from "../bot/features/index.js";
import { cardInputError, fieldErrors } from "../src/validation.js";

const technical =
  /string|number|undefined|null|boolean|array|object|>=|<=|förväntat|förväntade|Ogiltig inmatning|Ogiltigt val|\|/i;

const actions = allFeatures(new CommandRegistry()).flatMap((feature) => feature.actions ?? []);

const garbled = (keys: string[]) =>
  Object.fromEntries(keys.map((key, i) => [key, i % 2 ? 12345 : "x".repeat(5000)]));

function keysOf(schema: unknown): string[] {
  const candidate = schema as {
    shape?: Record<string, unknown>;
    def?: { in?: unknown; innerType?: unknown };
  };
  if (candidate.shape) return Object.keys(candidate.shape);
  if (candidate.def?.in) return keysOf(candidate.def.in);
  if (candidate.def?.innerType) return keysOf(candidate.def.innerType);
  return [];
}

describe("inline card errors", () => {
  it("covers the card verbs", () => {
    expect(actions.length).toBeGreaterThan(20);
  });

  it.each(actions.map((action) => [action.verb, action] as const))(
    "%s: an empty or garbled submission gets plain Swedish messages",
    (_verb, action) => {
      for (const submitted of [{}, garbled(keysOf(action.schema))]) {
        const parsed = action.schema.safeParse(submitted, { error: cardInputError });
        if (parsed.success) continue;
        for (const message of Object.values(fieldErrors(parsed.error))) {
          expect(message).not.toMatch(technical);
          expect(message).toMatch(/^[A-ZÅÄÖ]/);
        }
      }
    },
  );

  it("the map gives a missing field a sentence, and a schema's own message still wins", async () => {
    const { z } = await import("../src/validation.js");
    const schema = z.object({ answer: z.string({ error: "Skriv ett svar." }), hours: z.number().min(1) });
    const errors = fieldErrors(schema.safeParse({ hours: 0 }, { error: cardInputError }).error!);
    expect(errors).toEqual({ answer: "Skriv ett svar.", hours: "Värdet får inte vara lägre än 1." });
  });
});
