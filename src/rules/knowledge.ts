/**
 * The knowledge base: one reviewable entry per thing caseworkers, work specialists and team
 * leaders ask, written in our own words from the five sources and DOMAIN.md
 * (src/rules/knowledge/*.json). Each entry has a short direct answer, the citations, the insatser
 * it concerns and its kind. Validated once at load: a malformed file stops startup.
 */
import { z } from "zod";
import { getInsats } from "./insatser.js";
import crossEntries from "./knowledge/cross.json" with { type: "json" };
import insatsEntries from "./knowledge/insatser.json" with { type: "json" };
import lawEntries from "./knowledge/law.json" with { type: "json" };
import notInSourcesEntries from "./knowledge/not-in-sources.json" with { type: "json" };
import processEntries from "./knowledge/process.json" with { type: "json" };
import { seeds } from "./sources.js";
import { insatsIds, type Citation, type InsatsId } from "./types.js";

export const entryKinds = [
  "definition",
  "eligibility",
  "process",
  "deadline",
  "comparison",
  "not-in-sources",
] as const;
export type EntryKind = (typeof entryKinds)[number];

const sourceKeys = Object.keys(seeds) as [keyof typeof seeds, ...(keyof typeof seeds)[]];

const citationSchema = z
  .object({
    source: z.enum(sourceKeys),
    section: z.string().min(1),
    law: z.string().optional(),
    lawVersion: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

/** Sentences in a short answer: the direct answer and at most two reasons. */
const maxSentences = 3;
const sentences = (text: string) =>
  text.split(/(?<!\b(?:t\.ex|bl\.a|m\.m|kap|jfr|dvs|s\.k)\.)(?<=[.!?])\s+(?=[A-ZÅÄÖ])/).length;

export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    kind: z.enum(entryKinds),
    title: z.string().min(1).max(120),
    answer: z
      .string()
      .min(1)
      .max(600)
      .refine((text) => sentences(text) <= maxSentences, {
        message: `Högst ${maxSentences} meningar i det korta svaret.`,
      }),
    more: z.string().optional(),
    citations: z.array(citationSchema),
    insatser: z.array(z.enum(insatsIds)),
    keywords: z.array(z.string()).default([]),
    /** A computed answer the entry leads to when the question gives a date. */
    compute: z.enum(["gp-deadline", "follow-up"]).optional(),
    /**
     * Word beginnings in the question the answer's "Ja."/"Nej." replies to ("tvinga"): a question without
     * any of them gets the answer without it. Absent: the reply holds for every yes/no question.
     */
    polarFor: z.array(z.string().min(2)).optional(),
  })
  .strict()
  .refine((entry) => !entry.polarFor || /^(Ja|Nej)\b/.test(entry.answer), {
    message: "polarFor gäller bara ett svar som börjar med Ja eller Nej.",
  });
type EntryData = z.infer<typeof entrySchema>;

export interface KnowledgeEntry extends Omit<EntryData, "citations"> {
  citations: Citation[];
  /** Written by an expert through the expert loop (not from the sources). */
  expertWritten?: boolean;
}

/** An entry's citations in the rule module's form (the source key becomes the seed document). */
function toEntry(data: EntryData): KnowledgeEntry {
  return {
    ...data,
    citations: data.citations.map(({ source, ...rest }) => ({ source: seeds[source], ...rest })),
  };
}

function load(): KnowledgeEntry[] {
  const files = { insatsEntries, processEntries, lawEntries, crossEntries, notInSourcesEntries };
  const entries: KnowledgeEntry[] = [];
  for (const [name, file] of Object.entries(files)) {
    const parsed = z.array(entrySchema).safeParse(file);
    if (!parsed.success) {
      throw new Error(`Kunskapsbasen (${name}) är ogiltig: ${z.prettifyError(parsed.error)}`);
    }
    entries.push(...parsed.data.map(toEntry));
  }
  const ids = new Set<string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) throw new Error(`Kunskapsbasen har två poster med id ${entry.id}`);
    ids.add(entry.id);
  }
  // Every insats has its own entry, whose id is the insats id.
  for (const id of insatsIds) {
    if (!ids.has(id)) throw new Error(`Kunskapsbasen saknar posten för insatsen ${id}`);
  }
  return entries;
}

export const knowledgeEntries: readonly KnowledgeEntry[] = load();

const byId = new Map(knowledgeEntries.map((entry) => [entry.id, entry]));

export function getEntry(id: string): KnowledgeEntry | undefined {
  return byId.get(id);
}

/** The insats an entry is the main entry of (its id is the insats id), if any. */
export function insatsOfEntry(entry: KnowledgeEntry): InsatsId | undefined {
  return (insatsIds as readonly string[]).includes(entry.id) ? (entry.id as InsatsId) : undefined;
}

/** The words people use for an insats, from the rule data, searched with its entry. */
export function insatsSearchText(id: InsatsId): string {
  const insats = getInsats(id);
  return [insats.name, insats.shortName, ...insats.synonyms].join(" ");
}
