import { expect } from "vitest";
import type { InvokeBody } from "./app.js";

/** Helpers for looking into the Adaptive Cards the bot answers with (tests only). */

export type Card = Record<string, unknown>;

export interface ExecuteAction {
  title: string;
  verb: string;
  data: Record<string, unknown>;
}

/** Visits every object in a card, depth first; skips `refresh` (an automatic action, not a button). */
export function walk(node: unknown, visit: (record: Record<string, unknown>) => void): void {
  if (Array.isArray(node)) node.forEach((child) => walk(child, visit));
  else if (node && typeof node === "object") {
    const record = node as Record<string, unknown>;
    visit(record);
    for (const [key, value] of Object.entries(record)) if (key !== "refresh") walk(value, visit);
  }
}

/** Every Action.Execute button on a card (including those inside ShowCards and ActionSets). */
export function executeActions(card: unknown): ExecuteAction[] {
  const found: ExecuteAction[] = [];
  walk(card, (r) => {
    if (r.type === "Action.Execute" && typeof r.verb === "string") {
      found.push({ title: String(r.title), verb: r.verb, data: (r.data ?? {}) as Record<string, unknown> });
    }
  });
  return found;
}

export function verbs(card: unknown): string[] {
  return executeActions(card).map((action) => action.verb);
}

/** The value of the input with this id (undefined when the card has none). */
export function inputValue(card: unknown, id: string): unknown {
  let value: unknown;
  walk(card, (r) => {
    if (r.id === id && typeof r.type === "string" && r.type.startsWith("Input.")) value = r.value;
  });
  return value;
}

/** The inline Swedish error lines on a card (small red TextBlocks). */
export function inlineErrors(card: unknown): string[] {
  const found: string[] = [];
  walk(card, (r) => {
    if (r.type === "TextBlock" && r.color === "Attention" && r.size === "Small") found.push(String(r.text));
  });
  return found;
}

/** The card an Action.Execute answered with; fails the test on any other answer. */
export function cardOf(result: { status: number; body: InvokeBody }): Card {
  expect(result.status).toBe(200);
  expect(result.body.type).toBe("application/vnd.microsoft.card.adaptive");
  return result.body.value;
}
