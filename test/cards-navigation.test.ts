/**
 * Navigation never validates: every Action.Execute in cards/templates is checked against the
 * verb's own zod schema. An action that gathers the card's inputs (associatedInputs "auto", the
 * default) is blocked by the client while any gathered required input is empty, so every
 * required input it gathers must be one its verb reads. Actions that read no input must say
 * `associatedInputs: "none"`. Date, time and number inputs carry a Swedish placeholder (the
 * client's default, "Select a date...", is English).
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CommandRegistry } from "../bot/commands.js";
import { allFeatures } from "../bot/features/index.js";

type Json = Record<string, unknown>;

interface FoundAction {
  template: string;
  title: string;
  verb: string;
  associatedInputs: string | undefined;
  /** Inputs of the card the action sits on and of every card around it (ShowCard parents). */
  gathered: Json[];
}

const templatesDir = path.resolve("cards/templates");
const templates = fs.readdirSync(templatesDir).filter((file) => file.endsWith(".json"));

/** Every input element under `node`, not descending into ShowCard cards (their inputs are their own). */
function inputsOf(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) {
    for (const item of node) inputsOf(item, out);
    return out;
  }
  if (typeof node !== "object" || node === null) return out;
  const element = node as Json;
  if (typeof element.type === "string" && element.type.startsWith("Input.")) out.push(element);
  for (const [key, value] of Object.entries(element)) {
    if (key === "card" || key === "actions" || key === "selectAction") continue;
    inputsOf(value, out);
  }
  return out;
}

/** Every Action.Execute in a card, with the inputs it would gather. */
function actionsOf(
  template: string,
  card: Json,
  parents: Json[] = [],
  out: FoundAction[] = [],
): FoundAction[] {
  const gathered = [...parents, ...inputsOf(card.body)];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node !== "object" || node === null) return;
    const element = node as Json;
    if (element.type === "Action.Execute") {
      out.push({
        template,
        title: String(element.title ?? ""),
        verb: String(element.verb),
        associatedInputs: element.associatedInputs as string | undefined,
        gathered,
      });
    }
    if (element.type === "Action.ShowCard" && typeof element.card === "object") {
      actionsOf(template, element.card as Json, gathered, out);
      return;
    }
    for (const value of Object.values(element)) visit(value);
  };
  visit(card.body);
  visit(card.actions);
  return out;
}

const found = templates.flatMap((file) =>
  actionsOf(file, JSON.parse(fs.readFileSync(path.join(templatesDir, file), "utf8")) as Json),
);

/** The keys a verb's schema reads (an object schema, possibly refined or piped). */
function schemaKeys(schema: unknown): Set<string> {
  const candidate = schema as {
    shape?: Record<string, unknown>;
    def?: { in?: unknown; innerType?: unknown };
  };
  if (candidate.shape) return new Set(Object.keys(candidate.shape));
  if (candidate.def?.in) return schemaKeys(candidate.def.in);
  if (candidate.def?.innerType) return schemaKeys(candidate.def.innerType);
  return new Set();
}

/** A rule question: its input id is bound per question (`fact_<key>`). */
const isQuestion = (id: string) => id.startsWith("fact_") || id.includes("${");

/** Inputs a verb reads beyond its schema's keys: the rule questions (ids bound per question). */
const alsoReads: Record<string, (id: string) => boolean> = {
  "case.targetGroupCheck": (id) => isQuestion(id),
  "case.targetGroup": (id) => isQuestion(id),
  "case.criteriaCheck": (id) => isQuestion(id) || id === "specialistReady",
  "case.criteria": (id) => isQuestion(id),
  "rules.check": (id) => id.includes("${"),
};

const verbs = new Map(
  allFeatures(new CommandRegistry())
    .flatMap((feature) => feature.actions ?? [])
    .map((action) => [action.verb, schemaKeys(action.schema)] as const),
);

describe("navigation never validates", () => {
  it("finds the templates' actions and their verbs", () => {
    expect(found.length).toBeGreaterThan(40);
    expect(verbs.get("case.decide")?.has("outcome")).toBe(true);
  });

  it.each(found.map((action) => [`${action.template}: ${action.title} (${action.verb})`, action] as const))(
    "%s is not blocked by a required input it does not read",
    (_name, action) => {
      const reads = verbs.get(action.verb);
      if (action.associatedInputs === "none") return;
      // An unregistered verb (cards posted before a rename) reads nothing: it must not validate.
      const extra = alsoReads[action.verb] ?? (() => false);
      const known = reads ?? new Set<string>();
      const needed = { has: (id: string) => known.has(id) || extra(id) };
      const blocking = action.gathered
        .filter((input) => input.isRequired === true || typeof input.isRequired === "string")
        .map((input) => String(input.id))
        .filter((id) => !needed.has(id));
      expect(blocking, "required inputs the action would wait for but never reads").toEqual([]);
      const readsAnyInput = action.gathered.some((input) => needed.has(String(input.id)));
      expect(readsAnyInput, 'an action that reads no input sets associatedInputs: "none"').toBe(true);
    },
  );

  it.each(templates)("%s: date, number and dropdown inputs carry a Swedish placeholder", (file) => {
    const inputs = inputsOf(JSON.parse(fs.readFileSync(path.join(templatesDir, file), "utf8")));
    const all = [...inputs, ...found.filter((a) => a.template === file).flatMap((a) => a.gathered)].filter(
      (input) =>
        ["Input.Date", "Input.Time", "Input.Number"].includes(String(input.type)) ||
        // A dropdown shows its placeholder, not the empty choice's title, while nothing is chosen.
        (input.type === "Input.ChoiceSet" && input.style === "compact"),
    );
    for (const input of all) {
      expect(typeof input.placeholder, `${String(input.id)} has a placeholder`).toBe("string");
      expect(String(input.placeholder)).not.toMatch(/select|enter|type/i);
    }
  });
});
