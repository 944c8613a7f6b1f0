/**
 * The case step cards, keyed by StepId: each step's card, binder and submitted inputs live in
 * cards/cases/<step>.ts (its template in cards/templates/case-<step>.json, its domain side in
 * src/domain/steps/<step>.ts). bot/features/cases.ts registers one action per entry.
 */
import type { AdaptiveCard } from "../render.js";
import { avslutCard } from "./avslut.js";
import { bestallningCard } from "./bestallning.js";
import { beslutCard } from "./beslut.js";
import { decisionTextFor, headerFor, type CaseCardContext } from "./common.js";
import { durCard } from "./dur.js";
import { flerpartsmoteCard } from "./flerpartsmote.js";
import { genomforandeplanCard } from "./genomforandeplan.js";
import { informationsmoteCard } from "./informationsmote.js";
import { kriterierCard } from "./kriterier.js";
import { malgruppCard } from "./malgrupp.js";
import type { CardStepId, StepCard } from "./step-card.js";
import { uppfoljningCard } from "./uppfoljning.js";

export const stepCards = {
  informationsmote: informationsmoteCard,
  malgrupp: malgruppCard,
  dur: durCard,
  flerpartsmote: flerpartsmoteCard,
  kriterier: kriterierCard,
  beslut: beslutCard,
  bestallning: bestallningCard,
  genomforandeplan: genomforandeplanCard,
  uppfoljning: uppfoljningCard,
  avslut: avslutCard,
} as const satisfies { [S in CardStepId]: StepCard & { step: S } };

/** The card for where the case is now (or the closed case's summary). */
export function caseStepCard(context: CaseCardContext): AdaptiveCard {
  const { record } = context;
  const { state } = record;
  const step = state.step;
  // A registered application waits for its informationsmöte; a closed case shows its summary.
  const card: StepCard = state.closed
    ? stepCards.avslut
    : stepCards[step === "ansokan" ? "informationsmote" : step];
  return card.bind(context, {
    header: headerFor(context, step),
    caseId: record.id,
    v: record.version,
    showWithdraw: !state.closed && !state.decision && step !== "bestallning",
    decisionText: decisionTextFor(record, context.rules),
  });
}

export { stepVerb, type CardStepId, type StepCard, type StepSubmit } from "./step-card.js";
export { withdrawSubmit } from "./avslut.js";
export { decisionPreviewVerb } from "./beslut.js";
