/**
 * The expert loop's cards: the asker's form (personal chat) and the question's card in the expert
 * channel. @remarks The channel card carries the question only: never the asker's name.
 */
import { z } from "zod";
import { defineCard, renderCard, type AdaptiveCard } from "./render.js";
import askTemplate from "./templates/expert-ask.json" with { type: "json" };
import questionTemplate from "./templates/expert-question.json" with { type: "json" };

export const expertReasons = ["ask", "not-helpful", "unknown"] as const;
export type ExpertReasonName = (typeof expertReasons)[number];

export const expertAskCard = defineCard({
  name: "expert-ask",
  template: askTemplate,
  schema: z.object({
    intro: z.string(),
    question: z.string().default(""),
    reason: z.enum(expertReasons),
    error: z.string().default(""),
  }),
  sample: { intro: "Din fråga går till expertkanalen.", question: "Vad gäller?", reason: "ask" },
});

export const expertQuestionCard = defineCard({
  name: "expert-question",
  template: questionTemplate,
  schema: z.object({
    id: z.string(),
    kicker: z.string(),
    question: z.string(),
    status: z.string().default(""),
    statusColor: z.enum(["Default", "Good", "Attention"]).default("Default"),
    answer: z.string().default(""),
    citation: z.string().default(""),
    open: z.boolean(),
    saveable: z.boolean().default(false),
    answerValue: z.string().default(""),
    citationValue: z.string().default(""),
    error: z.string().default(""),
  }),
  sample: { id: "q1", kicker: "Fråga till experterna", question: "Vad gäller?", open: true },
  channelBound: true,
});

const intros: Record<ExpertReasonName, string> = {
  ask: "Din fråga går till expertkanalen. Du får svaret här i chatten när en expert har svarat.",
  "not-helpful":
    "Tack – beskriv gärna vad svaret missade. Frågan går till expertkanalen och du får svaret här i chatten.",
  unknown: "Underlagen svarar inte på frågan. Den går till expertkanalen och du får svaret här i chatten.",
};

export function askForm(reason: ExpertReasonName, question: string, error = ""): AdaptiveCard {
  return renderCard(expertAskCard, { intro: intros[reason], question, reason, error });
}

const kickers: Record<ExpertReasonName, string> = {
  ask: "Fråga till experterna",
  "not-helpful": "Fråga till experterna – svaret hjälpte inte",
  unknown: "Fråga till experterna – underlagen svarar inte",
};

export interface QuestionView {
  id: string;
  question: string;
  reason: ExpertReasonName;
  state: "open" | "answered";
  answer: string | null;
  citation: string | null;
  entry_id: string | null;
}

/** The channel card in its current state; `values`/`error` when an answer comes back refused. */
export function questionCard(
  row: QuestionView,
  options: { values?: { answer?: string; citation?: string }; error?: string } = {},
): AdaptiveCard {
  const answered = row.state === "answered";
  return renderCard(expertQuestionCard, {
    id: row.id,
    kicker: kickers[row.reason],
    question: row.question,
    status: answered
      ? row.entry_id
        ? "Besvarad – svaret är sparat i kunskapsbasen."
        : "Besvarad – svaret är skickat till den som frågade."
      : "",
    statusColor: answered ? "Good" : "Default",
    answer: row.answer ?? "",
    citation: row.citation ?? "",
    open: !answered,
    saveable: answered && !row.entry_id,
    answerValue: options.values?.answer ?? "",
    citationValue: options.values?.citation ?? "",
    error: options.error ?? "",
  });
}
