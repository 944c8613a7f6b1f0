/**
 * The rule module's cards: the answer to a free-text question, the eligibility form (exactly the
 * facts an insats reads, prefilled), and the insats's sources.
 * @remarks The answer and source cards are channel-safe: in a channel the answer carries the
 * criteria in general and no facts (ask(…, { inChannel: true })). The form holds a person's
 * facts, so it is for the personal chat only.
 */
import { z } from "zod";
import type { IsoDate } from "../src/deadlines/index.js";
import { missingFactText, type AskAnswer } from "../src/rules/ask.js";
import {
  factDefinitions,
  factsSchema,
  getInsats,
  inForce,
  insatsIds,
  type Citation,
  type FactKey,
  type Facts,
  type InsatsId,
  type InsatsResult,
} from "../src/rules/index.js";
import {
  citationLaw,
  citationsText,
  citationText,
  sectionSummary,
  sourceDocument,
} from "../src/rules/sources.js";
import { swedishDate } from "../src/domain/case.js";
import type { FieldErrors } from "../src/validation.js";
import { defineCard, renderCard, type AdaptiveCard } from "./render.js";
import answerTemplate from "./templates/rules-answer.json" with { type: "json" };
import formTemplate from "./templates/rules-form.json" with { type: "json" };
import sourceTemplate from "./templates/rules-source.json" with { type: "json" };

const color = z.enum(["Default", "Good", "Warning", "Attention", "Accent"]);
const text = z.object({ text: z.string() });
const row = z.object({ mark: z.string(), text: z.string(), color });
const verdictBanner = z.object({ text: z.string().default(""), color: color.default("Default") });
const insatsOrNone = z.union([z.enum(insatsIds), z.literal("")]);

export const rulesAnswerCard = defineCard({
  name: "rules-answer",
  template: answerTemplate,
  schema: z.object({
    kicker: z.string(),
    title: z.string(),
    /** The direct answer first ("Ja.", "Nej.", "Det beror på …", the date, the rule), ≤ 600 characters. */
    answer: z.string().max(600).default(""),
    intro: z.string().default(""),
    verdict: verdictBanner.default({ text: "", color: "Default" }),
    /** What the answer read from the question: "Jag läste: 45 år, kvinna, …". */
    stated: z.string().default(""),
    /** What "Visa mer" shows. */
    more: z.array(text).default([]),
    rowsHeading: z.string().default(""),
    rows: z.array(row).default([]),
    missing: z.string().default(""),
    notes: z.array(text).default([]),
    citations: z.array(text).default([]),
    insats: insatsOrNone,
    facts: factsSchema.default({}),
    /** The expert buttons (personal chat only), with the question they send. */
    expert: z.boolean().default(false),
    question: z.string().max(1000).default(""),
    /** No answer in the sources: the button asks an expert directly. */
    unknown: z.boolean().default(false),
  }),
  sample: {
    kicker: "Svar från regelmodulen",
    title: "Förebygga skolavbrott",
    intro: "Individuellt stöd och vägledning till gymnasieelever som riskerar att avbryta studierna.",
    rowsHeading: "Kriterier",
    rows: [
      { mark: "•", text: "Är under 20 år", color: "Default" },
      { mark: "•", text: "Folkbokförd i Stockholms stad", color: "Default" },
    ],
    notes: [{ text: "I en kanal upprepar jag inga uppgifter om den enskilde." }],
    citations: [
      {
        text: "Tillhandahållande av insatser utan individuell behovsprövning i samband med ikraftträdande av ny socialtjänstlag (Arbetsmarknadsförvaltningen, tjänsteutlåtande till arbetsmarknadsnämnden, 18 februari 2025), avsnitt 2 Förebygga skolavbrott",
      },
    ],
    insats: "forebygga-skolavbrott",
    facts: {},
  },
  channelBound: true,
});

const choice = z.object({ title: z.string(), value: z.string() });
const sourceLine = z.object({ citation: z.string(), summary: z.string(), law: z.string().default("") });
const field = z.object({
  id: z.string(),
  label: z.string(),
  kind: z.enum(["yesno", "number", "choice"]),
  value: z.string().default(""),
  error: z.string().default(""),
  choices: z.array(choice).default([]),
});

export const rulesFormCard = defineCard({
  name: "rules-form",
  template: formTemplate,
  schema: z.object({
    kicker: z.string(),
    title: z.string(),
    verdict: verdictBanner.default({ text: "", color: "Default" }),
    rowsHeading: z.string().default(""),
    rows: z.array(row).default([]),
    intro: z.string(),
    notice: z.string().default(""),
    fields: z.array(field),
    insats: z.enum(insatsIds),
    known: factsSchema.default({}),
  }),
  sample: {
    kicker: "Kolla behörighet",
    title: "Bron",
    intro: "Fyll i det du vet. Lämna ”Vet inte” där du inte vet.",
    fields: [
      {
        id: "folkbokfordStockholm",
        label: "Folkbokförd i Stockholms stad",
        kind: "yesno",
        value: "ja",
        choices: [
          { title: "Ja", value: "ja" },
          { title: "Nej", value: "nej" },
        ],
      },
      {
        id: "age",
        label: "Ålder (år)",
        kind: "number",
        value: "x",
        error: "Ange ett heltal mellan 0 och 120.",
      },
    ],
    insats: "bron",
    known: {},
  },
});

export const rulesSourceCard = defineCard({
  name: "rules-source",
  template: sourceTemplate,
  schema: z.object({
    kicker: z.string(),
    title: z.string(),
    description: z.string(),
    facts: z.array(z.object({ title: z.string(), value: z.string() })),
    criteria: z.array(z.object({ text: z.string(), sources: z.array(sourceLine) })),
    notes: z.array(text).default([]),
    /** "den 28 november 2026": the legal basis shown is the one in force on that day. */
    onText: z.string(),
    legalBasis: z.array(
      z.object({
        law: z.string(),
        citation: z.string(),
        summary: z.string().default(""),
        note: z.string().default(""),
      }),
    ),
    insats: z.enum(insatsIds),
  }),
  sample: {
    kicker: "Källa",
    title: "Bron",
    description: "Individuellt stöd i övergången från anpassad gymnasieskola.",
    facts: [{ title: "Beslutar", value: "arbetsmarknadsnämnden" }],
    criteria: [
      {
        text: "Folkbokförd i Stockholms stad",
        sources: [
          {
            citation:
              "Tillhandahållande av insatser utan individuell behovsprövning i samband med ikraftträdande av ny socialtjänstlag (Arbetsmarknadsförvaltningen, tjänsteutlåtande till arbetsmarknadsnämnden, 18 februari 2025), avsnitt 3 Bron - stöd till unga som går sista året i anpassad gymnasieskola",
            summary:
              "Målgruppen är personer folkbokförda i Stockholms stad som studerar sista året på anpassad gymnasieskola.",
            law: "",
          },
        ],
      },
    ],
    onText: "den 28 november 2026",
    legalBasis: [
      {
        law: "11 kap. 5 § socialtjänstlagen (2025:400)",
        citation:
          "Tillhandahållande av insatser utan individuell behovsprövning … (Arbetsmarknadsförvaltningen, tjänsteutlåtande till arbetsmarknadsnämnden, 18 februari 2025), avsnittet ”Insatser utan individuell behovsprövning”",
        summary: "Nämnden får tillhandahålla insatser för personliga behov utan individuell behovsprövning.",
      },
    ],
    insats: "bron",
  },
  channelBound: true,
});

const marks = {
  uppfyllt: { mark: "✓", color: "Good" },
  "ej uppfyllt": { mark: "✗", color: "Attention" },
  okänt: { mark: "?", color: "Warning" },
} as const;

const verdictTexts = {
  eligible: (name: string) => ({ text: `Uppfyller kriterierna för ${name}`, color: "Good" as const }),
  "not-eligible": (name: string) => ({
    text: `Uppfyller inte kriterierna för ${name}`,
    color: "Attention" as const,
  }),
  "needs-facts": (name: string) => ({
    text: `Det behövs fler uppgifter för ${name}`,
    color: "Warning" as const,
  }),
};

/**
 * Citations as lines, one per document with its sections listed once: criteria citing the same
 * section (each with its own summary) would otherwise repeat the document's long title.
 */
function citationLines(citations: readonly Citation[]): { text: string }[] {
  const byDocument = new Map<string, Citation[]>();
  const seen = new Set<string>();
  for (const citation of citations) {
    const key = `${citation.source}|${citation.section}|${citation.law ?? ""}|${citation.lawVersion ?? ""}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const document = sourceDocument(citation.source)?.key ?? citation.source;
    byDocument.set(document, [...(byDocument.get(document) ?? []), citation]);
  }
  return [...byDocument.values()].map((group) => ({ text: citationsText(group) }));
}

function traceRows(result: InsatsResult) {
  return result.trace.map((r) => ({ ...marks[r.outcome], text: r.text }));
}

function missingText(result: InsatsResult, facts: Facts, ageAsGiven?: string): string {
  return result.verdict === "needs-facts"
    ? `Saknas: ${result.unknown.map((fact) => missingFactText(fact, facts, ageAsGiven)).join("; ")}.`
    : "";
}

/** Deciding criteria shown on the card itself: the answer fits without scrolling, the rest is under "Visa mer". */
const shownRows = 3;

const verdictColors = { eligible: "Good", "not-eligible": "Attention", "needs-facts": "Warning" } as const;

/**
 * The answer card for a question: the direct answer first, what it read, the deciding criteria,
 * the citations; everything else behind "Visa mer". A verdict's insats keeps "Kolla behörighet".
 */
export function answerCard(answer: AskAnswer, options: { expert?: boolean } = {}): AdaptiveCard {
  // "Fråga en expert" / "Svaret hjälpte inte" (bot/features/experts.ts) carry the question along.
  const expert = { expert: options.expert === true, question: answer.question.slice(0, 1000) };
  const citations = citationLines(answer.citations);
  const more = answer.more.map((line) => ({ text: line }));
  if (answer.topic.kind !== "insats") {
    const topic = answer.topic;
    const entryInsats = topic.kind === "entry" ? insatsIds.find((id) => id === topic.id) : undefined;
    const notInSources = topic.kind === "unknown" || topic.entryKind === "not-in-sources";
    return renderCard(rulesAnswerCard, {
      kicker: topic.kind === "entry" && topic.expertWritten ? "Svar från en expert" : "Svar",
      title: topic.kind === "unknown" || notInSources ? "Det står inte i underlagen" : topic.title,
      answer: answer.short,
      stated: answer.read ? `Jag läste: ${answer.read}` : "",
      more,
      citations,
      // The eligibility form and the sources, when the answer is an insats's own entry.
      insats: entryInsats ?? "",
      facts: answer.facts,
      ...expert,
      unknown: notInSources,
    });
  }
  const insats = getInsats(answer.topic.id);
  const result = answer.result;
  const deciding = answer.deciding ?? [];
  const [head = "", ...rest] = answer.short.split("\n");
  return renderCard(rulesAnswerCard, {
    kicker: "Svar",
    title: insats.name,
    verdict: result ? { text: head, color: verdictColors[result.verdict] } : { text: "", color: "Default" },
    answer: result ? "" : answer.short,
    stated: rest.join(" "),
    rowsHeading:
      deciding.length > shownRows
        ? `Det som avgör (${shownRows} av ${deciding.length}, alla under Visa mer)`
        : deciding.length > 0
          ? "Det som avgör"
          : "",
    rows: deciding.slice(0, shownRows).map((r) => ({ ...marks[r.outcome], text: r.text })),
    // A long list of missing facts repeats the rows above; the whole list is under "Visa mer".
    missing:
      result && deciding.length <= shownRows ? missingText(result, answer.facts, answer.ageAsGiven) : "",
    more,
    citations,
    insats: insats.id,
    facts: answer.facts,
    ...expert,
  });
}

/** The facts an insats reads, in the order its criteria read them. */
export function factsRead(id: InsatsId): FactKey[] {
  return [...new Set(getInsats(id).criteria.flatMap((criterion) => criterion.facts))];
}

const yesNoChoices = [
  { title: "Ja", value: "ja" },
  { title: "Nej", value: "nej" },
  { title: "Vet inte", value: "" },
];
const choicesFor: Partial<Record<FactKey, { title: string; value: string }[]>> = {
  gender: [
    { title: "Kvinna", value: "kvinna" },
    { title: "Man", value: "man" },
    { title: "Annat", value: "annat" },
    { title: "Vet inte", value: "" },
  ],
  lssPersonkrets: [
    { title: "Personkrets 1", value: "1" },
    { title: "Personkrets 2", value: "2" },
    { title: "Personkrets 3", value: "3" },
    { title: "Vet inte", value: "" },
  ],
};

/**
 * A fact as the form shows it ("ja"/"nej", a number, a choice; "" = unknown). An age range from a
 * question is left empty: the form asks for the exact age.
 */
export function factInputValue(value: Facts[FactKey]): string {
  if (value === undefined || typeof value === "object") return "";
  if (typeof value === "boolean") return value ? "ja" : "nej";
  return String(value);
}

/**
 * The eligibility form: the facts `id` reads (or only `ask`), prefilled from `facts` — or from
 * `values` as the user typed them when the card comes back with `errors`. Facts not asked ride
 * along in the submit's data (`known`).
 */
export function formCard(
  id: InsatsId,
  facts: Facts,
  options: {
    ask?: FactKey[];
    values?: Record<string, unknown>;
    errors?: FieldErrors;
    result?: InsatsResult;
  } = {},
): AdaptiveCard {
  const insats = getInsats(id);
  const asked = options.ask ?? factsRead(id);
  const known = Object.fromEntries(
    Object.entries(facts).filter(([key]) => !asked.includes(key as FactKey)),
  ) as Facts;
  const fields = asked.map((key) => {
    const definition = factDefinitions[key];
    const typed = options.values?.[key];
    return {
      id: key,
      label: definition.label,
      kind: definition.kind,
      value:
        typeof typed === "string" || typeof typed === "number" ? String(typed) : factInputValue(facts[key]),
      error: options.errors?.[key] ?? "",
      choices:
        definition.kind === "yesno"
          ? yesNoChoices
          : definition.kind === "choice"
            ? (choicesFor[key] ?? [])
            : [],
    };
  });
  const result = options.result;
  const hasErrors = Object.keys(options.errors ?? {}).length > 0;
  return renderCard(rulesFormCard, {
    kicker: "Kolla behörighet",
    title: insats.name,
    ...(result
      ? {
          verdict: verdictTexts[result.verdict](insats.shortName),
          rowsHeading: "Kriterier (✓ uppfyllt, ✗ ej uppfyllt, ? okänt)",
          rows: traceRows(result),
        }
      : {}),
    intro: result
      ? "Fyll i det som saknas för ett besked."
      : "Fyll i det du vet om den enskilde – välj ”Vet inte” där du inte vet. Skriv inga namn eller personnummer.",
    notice: hasErrors ? "Rätta de markerade uppgifterna." : "",
    fields,
    insats: id,
    known,
  });
}

/** The verdict after a check: eligible or not → the answer card; needs-facts → the form for what is missing. */
export function verdictCard(id: InsatsId, facts: Facts, result: InsatsResult, on: IsoDate): AdaptiveCard {
  if (result.verdict === "needs-facts") return formCard(id, facts, { ask: result.unknown, result });
  const insats = getInsats(id);
  const citations = [...new Set(result.trace.flatMap((r) => r.citations.filter((c) => inForce(c, on))))];
  return renderCard(rulesAnswerCard, {
    kicker: "Kolla behörighet",
    title: insats.name,
    verdict: verdictTexts[result.verdict](insats.shortName),
    rowsHeading: "Kriterier (✓ uppfyllt, ✗ ej uppfyllt, ? okänt)",
    rows: traceRows(result),
    notes: insats.silences.map((s) => ({ text: s })),
    citations: citationLines(citations),
    insats: id,
    facts,
  });
}

const deciders = {
  stadsdelsnämnd: "stadsdelsnämnden",
  arbetsmarknadsnämnd: "arbetsmarknadsnämnden (Jobbtorg)",
};

/** A citation as "Visa källa" shows it: the document and section, what it says on the point, the law. */
function sourceLineOf(citation: Citation) {
  const { law: _law, lawVersion: _act, ...where } = citation;
  return {
    citation: citationText(where),
    summary: citation.summary ?? sectionSummary(citation) ?? "",
    law: citationLaw(citation),
  };
}

/**
 * "Visa källa": for each criterion the document, the section, a short summary in our words of
 * what it says on the point and the law paragraph; what the sources leave open; and the legal
 * basis in force on `on`, in that act's numbering.
 */
export function sourceCard(id: InsatsId, on: IsoDate): AdaptiveCard {
  const insats = getInsats(id);
  const { months, longer, followUpMonths, occasions } = insats.durations;
  return renderCard(rulesSourceCard, {
    kicker: "Källa",
    title: insats.name,
    description: insats.description,
    facts: [
      { title: "Beslutar", value: deciders[insats.decidedBy] },
      { title: "Behovsprövning", value: insats.needsAssessment ? "Ja, individuell prövning" : "Nej" },
      ...(months ? [{ title: "Längd", value: `${months} månader${longer ? `, ${longer}` : ""}` }] : []),
      ...(occasions ? [{ title: "Tillfällen", value: `${occasions.min}–${occasions.max}` }] : []),
      ...(followUpMonths
        ? [
            {
              title: "Uppföljning",
              value: followUpMonths === 6 ? "minst var sjätte månad" : `var ${followUpMonths}:e månad`,
            },
          ]
        : []),
    ],
    criteria: insats.criteria.map((c) => ({
      text: c.text,
      sources: c.citations.filter((citation) => inForce(citation, on)).map(sourceLineOf),
    })),
    notes: insats.silences.map((s) => ({ text: s })),
    onText: `den ${swedishDate(on)}`,
    legalBasis: insats.legalBasis
      .filter((c) => inForce(c, on))
      .map((citation) => {
        const line = sourceLineOf(citation);
        return {
          law: line.law,
          citation: line.citation,
          summary: line.summary,
          // Said once: a note already among what the sources leave open is not repeated here.
          note: citation.note && !insats.silences.includes(citation.note) ? citation.note : "",
        };
      }),
    insats: id,
  });
}
