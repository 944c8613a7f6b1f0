/**
 * What a step of the case process is, in the domain: its command, the command's Swedish name,
 * the transition, and what the case history records of it. One file per step in this folder;
 * the registry keyed by StepId is src/domain/steps/index.ts.
 */
import type { StepId } from "../case-types.js";
import type { CaseCommand, CaseCommandKind, CaseState, Outcome, TransitionContext } from "../case-state.js";

export type CommandOf<K extends CaseCommandKind> = Extract<CaseCommand, { kind: K }>;

/** A command of the process: what it is called and what it does to the state. */
export interface CommandHandler<K extends CaseCommandKind = CaseCommandKind> {
  kind: K;
  /** Swedish name of the action, for error messages ("registrera genomförandeplanen"). */
  label: string;
  /** What the case history says was done ("Genomförandeplan mottagen"). */
  history: string;
  /** Non-personal one-word outcome, for the case history and the audit log. */
  detail?(command: CommandOf<K>): string | null;
  /** Each outcome `detail` gives, as the case history says it. */
  detailTexts?: Readonly<Record<string, string>>;
  apply(state: CaseState, command: CommandOf<K>, context: TransitionContext): Outcome;
}

/** A step of the process and the command that completes it (accepted only in that step). */
export interface CaseStep<K extends CaseCommandKind = CaseCommandKind> extends CommandHandler<K> {
  id: StepId;
}

/** Any one command handler (a union, so each keeps its own command type). */
export type AnyCommandHandler = { [K in CaseCommandKind]: CommandHandler<K> }[CaseCommandKind];
export type AnyCaseStep = { [K in CaseCommandKind]: CaseStep<K> }[CaseCommandKind];

/** Identity functions that keep the command's type for `apply` and `detail`. */
export function defineStep<K extends CaseCommandKind, S extends StepId>(
  step: CaseStep<K> & { id: S },
): CaseStep<K> & { id: S } {
  return step;
}

export function defineCommand<K extends CaseCommandKind>(command: CommandHandler<K>): CommandHandler<K> {
  return command;
}
