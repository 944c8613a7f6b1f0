/**
 * The case process's steps in the domain, keyed by StepId: each step's command, transition and
 * history detail live in its own file here (ansokan.ts opens the case). Commands not bound to
 * the current step — a withdrawn application, a cancelled meeting — are listed apart.
 */
import type { StepId } from "../case-types.js";
import type { CaseCommandKind } from "../case-state.js";
import { avslutStep, withdrawCommand } from "./avslut.js";
import { bestallningStep } from "./bestallning.js";
import { beslutStep } from "./beslut.js";
import { durStep } from "./dur.js";
import { clearMeetingCommand, flerpartsmoteStep } from "./flerpartsmote.js";
import { genomforandeplanStep } from "./genomforandeplan.js";
import { informationsmoteStep } from "./informationsmote.js";
import { kriterierStep } from "./kriterier.js";
import { malgruppStep } from "./malgrupp.js";
import type { AnyCaseStep, AnyCommandHandler, CommandHandler } from "./step.js";
import { uppfoljningStep } from "./uppfoljning.js";

/** Every step a command completes (ansokan is opened with openCase, src/domain/steps/ansokan.ts). */
export const caseSteps = {
  informationsmote: informationsmoteStep,
  malgrupp: malgruppStep,
  dur: durStep,
  flerpartsmote: flerpartsmoteStep,
  kriterier: kriterierStep,
  beslut: beslutStep,
  bestallning: bestallningStep,
  genomforandeplan: genomforandeplanStep,
  uppfoljning: uppfoljningStep,
  avslut: avslutStep,
} as const satisfies { [S in Exclude<StepId, "ansokan">]: AnyCaseStep & { id: S } };

/** Commands checked on their own rather than against the current step. */
export const stepFreeCommands = { clearMeeting: clearMeetingCommand, withdraw: withdrawCommand } as const;

type Handlers = { [K in CaseCommandKind]: CommandHandler<K> };

/** Every command by its kind. */
export const commandHandlers: Handlers = Object.fromEntries(
  [...Object.values(caseSteps), ...Object.values(stepFreeCommands)].map((handler: AnyCommandHandler) => [
    handler.kind,
    handler,
  ]),
) as unknown as Handlers;

export type { AnyCaseStep, AnyCommandHandler, CaseStep, CommandHandler } from "./step.js";
