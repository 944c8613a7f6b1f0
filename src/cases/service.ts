import { randomUUID } from "node:crypto";
import type { Clock } from "../clock.js";
import { stockholmDate, type GpDeadlineRule, type IsoDate } from "../deadlines/index.js";
import { rolesOf, type CaseworkerUnit, type Directory, type DirectoryUser } from "../directory/directory.js";
import { caseRefFormat, checkCaseRef, type CaseRefFormat } from "../domain/case-ref.js";
import {
  insatserForUnit,
  insatsShortNames,
  type CaseInsatsId,
  type CaseType,
  type StepId,
} from "../domain/case-types.js";
import {
  applyCommand,
  commandDetail,
  currentOrder,
  nextDeadline,
  openCase,
  type CaseCommand,
  type CaseEffect,
  type CaseState,
  type Gender,
  type Transition,
} from "../domain/case.js";
import { legalBasisOn } from "../domain/decision-text.js";
import { DomainError } from "../errors.js";
import { effectsOf } from "../events/wiring.js";
import type { DomainEvent } from "../events/types.js";
import type { Logger } from "../log.js";
import type { CaseOrderChange } from "../orders/repository.js";
import type { OutboxDispatcher } from "../outbox/dispatcher.js";
import { registerEntryOf } from "../register/register.js";
import type { Store } from "../store/db.js";
import { ledCaseworkerUnits, mayActOnCase } from "./authorization.js";
import { CaseRepository, type CaseChange, type CaseListItem, type CaseRecord } from "./repository.js";
import type { CaseRules, RuleCheck } from "./rules.js";

export interface CaseServiceDeps {
  store: Store;
  clock: Clock;
  config: { GP_DEADLINE_RULE: GpDeadlineRule; CASE_REF_PATTERN: string; CASE_REF_EXAMPLE: string };
  directory: Directory;
  /** Runs the outbox rows a change just committed (src/outbox/dispatcher.ts). */
  effects: Pick<OutboxDispatcher, "runNow">;
  log: Logger;
  /** The rule module; without it the cards ask the caseworker to judge by the guidelines alone. */
  rules?: CaseRules;
}

export interface OpenCaseInput {
  /** The new-application card's draft id: submitting the same card twice opens one case. */
  creationKey: string;
  caseRef: string;
  insats: CaseInsatsId;
  receivedOn: IsoDate;
  gender: Gender;
  age: number;
  /** Which of the caseworker's units, when they have several. */
  unit?: CaseworkerUnit;
}

/** A command as the bot sends it: the service assigns order ids itself. */
export type CaseAction = DistributiveOmit<CaseCommand, "orderId">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** What other features may read about a case. */
export interface CaseSummary {
  id: string;
  caseRef: string;
  type: CaseType;
  insats: CaseInsatsId;
  insatsShortName: string;
  caseworkerId: string;
  unit: CaseworkerUnit;
  district: string;
  step: StepId;
  version: number;
  closed: boolean;
  /** The latest order's Jobbtorg unit, once ordered. */
  jobbtorgUnit?: "alfa" | "iwork";
  meeting?: { meetingId?: string; on: IsoDate };
  nextDeadline?: { kind: string; dueOn: IsoDate };
}

export interface ActResult {
  record: CaseRecord;
  /** False when the action had already been applied (double click, repeated invoke) or lost a race. */
  changed: boolean;
}

/**
 * The case workflow: opens cases, applies each step through the pure domain, stores the result
 * with optimistic concurrency, and writes the step's orders and its effects' outbox rows in the
 * same transaction (who reacts to them: src/events/wiring.ts).
 * @remarks Every change carries the version the user saw: a second click on the same card finds
 * the case already moved on and changes nothing, so each action has exactly one effect.
 */
export class CaseService {
  readonly repository: CaseRepository;
  readonly refFormat: CaseRefFormat;
  private readonly ruleModule: CaseRules | undefined;

  constructor(private readonly deps: CaseServiceDeps) {
    this.repository = new CaseRepository(deps.store);
    this.refFormat = caseRefFormat(deps.config);
    this.ruleModule = deps.rules;
  }

  /**
   * "Klar" on a GP reminder (src/events/wiring.ts routes it here): for the case's caseworker (or
   * team leader, admin) the plan is received and checked — the same step as on the case card.
   * Anyone else (Jobbtorg) only closes the reminder; the case waits for the caseworker's check.
   */
  async planReceivedFromReminder(deadline: { id: string; case_id: string }, actorId: string): Promise<void> {
    const [actor, record] = await Promise.all([
      this.deps.directory.findUser(actorId),
      this.repository.get(deadline.case_id),
    ]);
    if (!actor || !record || !mayActOnCase(actor, record)) return;
    const order = currentOrder(record.state);
    if (record.state.step !== "genomforandeplan" || `gp:${order?.orderId}` !== deadline.id) return;
    await this.apply(record, { kind: "gp", receivedOn: this.today(), matchesOrder: true }, actor.id);
  }

  /** The rule module the målgrupp and kriterier cards and the decision texts consult. */
  get rules(): CaseRules | undefined {
    return this.ruleModule;
  }

  get gpRule(): GpDeadlineRule {
    return this.deps.config.GP_DEADLINE_RULE;
  }

  private todayCache: { minute: number; date: IsoDate } | undefined;

  /** Today in Stockholm (the time-zone lookup is cached per minute: it is costly and asked often). */
  today(): IsoDate {
    const minute = Math.floor(this.deps.clock.now().getTime() / 60_000);
    if (this.todayCache?.minute !== minute) {
      this.todayCache = { minute, date: stockholmDate(this.deps.clock.now()) };
    }
    return this.todayCache.date;
  }

  private context() {
    return { today: this.today(), gpRule: this.deps.config.GP_DEADLINE_RULE };
  }

  /** Throws USER.FORBIDDEN unless the user is the caseworker, leads the unit, or is admin. */
  authorize(user: DirectoryUser, record: CaseRecord): void {
    if (!mayActOnCase(user, record)) throw new DomainError("USER.FORBIDDEN");
  }

  /** The caseworker role a new application is registered under, or why there is none. */
  caseworkerRole(user: DirectoryUser, insats?: CaseInsatsId, unit?: CaseworkerUnit) {
    const roles = rolesOf(user, "handlaggare");
    if (roles.length === 0) throw new DomainError("CASE.NOT_A_CASEWORKER");
    const candidates = unit ? roles.filter((r) => r.unit === unit) : roles;
    const role = insats ? candidates.find((r) => insatserForUnit[r.unit].includes(insats)) : candidates[0];
    if (!role) {
      throw new DomainError("CASE.INSATS_NOT_FOR_UNIT", {
        field: "insats",
        unit: (candidates[0] ?? roles[0])!.unit,
      });
    }
    return role;
  }

  /**
   * Registers a new application under the actor as caseworker.
   * @returns the case and whether it was created now (false: the same card was submitted before).
   */
  async open(actor: DirectoryUser, input: OpenCaseInput): Promise<{ record: CaseRecord; created: boolean }> {
    const existing = await this.repository.findByCreationKey(input.creationKey);
    if (existing) {
      this.authorize(actor, existing);
      return { record: existing, created: false };
    }
    const role = this.caseworkerRole(actor, input.insats, input.unit);
    const ref = checkCaseRef(input.caseRef, this.refFormat);
    if (!ref.ok) throw ref.error;
    const opened = openCase(input, this.context());
    if (!opened.ok) throw opened.error;
    const at = this.deps.clock.now();
    const record = {
      id: randomUUID(),
      caseRef: ref.value,
      type: opened.value.type,
      insats: input.insats,
      caseworkerId: actor.id,
      unit: role.unit,
      district: role.district,
      state: opened.value,
    };
    const audit = { actor: actor.id, action: "case.open", detail: input.insats };
    if (!(await this.repository.insert(record, input.creationKey, at, audit))) {
      const raced = await this.repository.findByCreationKey(input.creationKey);
      if (raced) return { record: raced, created: false };
      throw new DomainError("CASE.REF_TAKEN", { field: "caseRef" });
    }
    return { record: (await this.repository.get(record.id))!, created: true };
  }

  async load(caseId: string): Promise<CaseRecord | undefined> {
    return this.repository.get(caseId);
  }

  /** Loads a case the user may act on, or throws CASE.NOT_FOUND / USER.FORBIDDEN. */
  async loadFor(user: DirectoryUser, caseId: string): Promise<CaseRecord> {
    const record = await this.repository.get(caseId);
    if (!record) throw new DomainError("CASE.NOT_FOUND");
    this.authorize(user, record);
    return record;
  }

  /** The case as other features see it, or undefined. */
  async get(caseId: string): Promise<CaseSummary | undefined> {
    const record = await this.repository.get(caseId);
    return record && summarize(record);
  }

  /**
   * Applies one step action for `actor`, if the case is still at `expectedVersion`.
   * Domain refusals are thrown as {@link DomainError}s carrying the offending `field`.
   */
  async act(
    actor: DirectoryUser,
    caseId: string,
    expectedVersion: number,
    action: CaseAction,
    /** The case as the caller just loaded it for `actor` (saves reading it again). */
    loaded?: CaseRecord,
  ): Promise<ActResult> {
    const record = loaded?.id === caseId ? loaded : await this.loadFor(actor, caseId);
    this.authorize(actor, record);
    if (record.version !== expectedVersion) return { record, changed: false };
    return this.apply(record, withOrderIds(action), actor.id);
  }

  /**
   * The meeting feature booked (or moved) the case's flerpartsmöte: the step is done and the
   * decision cannot be dated before it. Idempotent for the same meeting and date.
   */
  async recordMultiPartyMeeting(
    caseId: string,
    meeting: { meetingId: string; startsAt: Date; actorId: string },
  ): Promise<CaseSummary> {
    const actor = await this.deps.directory.findUser(meeting.actorId);
    if (!actor) throw new DomainError("USER.FORBIDDEN");
    const on = stockholmDate(meeting.startsAt);
    for (let attempt = 0; ; attempt += 1) {
      const record = await this.loadFor(actor, caseId);
      const booked = record.state.meeting;
      if (booked?.meetingId === meeting.meetingId && booked.on === on) return summarize(record);
      const command: CaseCommand = { kind: "meeting", on, meetingId: meeting.meetingId };
      const transition =
        booked?.meetingId === meeting.meetingId
          ? chain(
              record.state,
              [{ kind: "clearMeeting", meetingId: meeting.meetingId }, command],
              this.context(),
            )
          : applyCommand(record.state, command, this.context());
      const result = await this.store(record, command, transition, actor.id);
      if (result.changed || attempt > 0) return summarize(result.record);
    }
  }

  /** The flerpartsmöte was cancelled: back to booking, unless the decision already rests on it. */
  async clearMultiPartyMeeting(caseId: string, meetingId: string): Promise<CaseSummary | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      const record = await this.repository.get(caseId);
      if (!record) return undefined;
      if (record.state.meeting?.meetingId !== meetingId) return summarize(record);
      const command: CaseCommand = { kind: "clearMeeting", meetingId };
      const result = await this.store(
        record,
        command,
        applyCommand(record.state, command, this.context()),
        "system",
      );
      if (result.changed || attempt > 0) return summarize(result.record);
    }
  }

  /**
   * The rule module's verdict for a case's insats with the caseworker's answers (never stored)
   * and what the case knows (age, gender), on today's rules; undefined without a rule module.
   */
  evaluate(record: CaseRecord, answers: Record<string, boolean | number>): RuleCheck | undefined {
    return this.rules?.check(
      record.insats,
      { ...answers, age: record.state.age, gender: record.state.gender },
      this.today(),
      record.state.step === "kriterier" ? "kriterier" : "malgrupp",
    );
  }

  /** Open cases of the caseworker, most urgent first. */
  mine(user: DirectoryUser): Promise<CaseListItem[]> {
    return this.repository.openForCaseworker(user.id);
  }

  /** Open cases of the units the user leads (all for an admin); undefined when they lead none. */
  async team(user: DirectoryUser): Promise<CaseListItem[] | undefined> {
    const units = ledCaseworkerUnits(user);
    if (units.length === 0) return undefined;
    return this.repository.openForUnits(units);
  }

  private async apply(record: CaseRecord, command: CaseCommand, actorId: string): Promise<ActResult> {
    return this.store(record, command, applyCommand(record.state, command, this.context()), actorId);
  }

  private async store(
    record: CaseRecord,
    command: CaseCommand,
    transition: ReturnType<typeof applyCommand>,
    actorId: string,
  ): Promise<ActResult> {
    if (!transition.ok) throw transition.error;
    const { state, effects, step } = transition.value;
    const at = this.deps.clock.now();
    const events = eventsOf(record, state, command, effects, actorId, this.rules);
    const change: CaseChange = {
      id: record.id,
      expectedVersion: record.version,
      state,
      event: { step, action: command.kind, detail: commandDetail(command), actor: actorId },
      audit: {
        actor: actorId,
        action: `case.${command.kind}`,
        detail: [step, commandDetail(command)].filter(Boolean).join(": "),
      },
      at,
      orders: orderChange(record, state, command, effects),
      effects: effectsOf(events, `case:${record.id}:v${record.version + 1}`),
    };
    const saved = await this.repository.save(change);
    if (saved === undefined) {
      // Someone (or the same click, twice) got there first: show the case as it now is.
      return { record: (await this.repository.get(record.id)) ?? record, changed: false };
    }
    await this.deps.effects.runNow(saved.effectIds);
    return {
      record: { ...record, state, planSentOn: saved.planSentOn, version: saved.version, updatedAt: at },
      changed: true,
    };
  }
}

/** What a step tells the rest of the product (src/events/types.ts): ids and dates only. */
function eventsOf(
  record: CaseRecord,
  state: CaseState,
  command: CaseCommand,
  effects: CaseEffect[],
  actorId: string,
  rules: CaseRules | undefined,
): DomainEvent[] {
  const caseId = record.id;
  const events: DomainEvent[] = effects.map((effect): DomainEvent => {
    switch (effect.kind) {
      case "placeOrder":
        return {
          type: "OrderPlaced",
          caseId,
          orderId: effect.orderId,
          gpDueOn: effect.gpDueOn,
          gpRule: effect.gpRule,
          jobbtorgUnit: effect.jobbtorgUnit ?? null,
        };
      case "completeGp":
        return { type: "PlanReceived", caseId, orderId: effect.orderId, by: "caseworker", actorId };
      case "requestPlanCompletion":
        return {
          type: "PlanCompletionRequested",
          caseId,
          orderId: effect.orderId,
          gpDueOn: effect.gpDueOn,
          gpRule: effect.gpRule,
          jobbtorgUnit: effect.jobbtorgUnit ?? null,
        };
      case "scheduleFollowUp":
        return { type: "FollowUpDue", caseId, dueOn: effect.dueOn };
      case "completeFollowUp":
        return { type: "FollowUpHeld", caseId };
      case "cancelCase":
        return { type: "CaseClosed", caseId };
    }
  });
  if (command.kind === "decide" && state.decision) {
    const { decidedOn, outcome } = state.decision;
    const entry = registerEntryOf({
      decidedOn,
      caseType: record.type,
      insats: record.insats,
      outcome,
      legalBasis: rules?.legalBasis(record.insats, decidedOn) ?? legalBasisOn(decidedOn),
      gender: state.gender,
      age: state.age,
    });
    events.push({ type: "DecisionMade", entry });
  }
  return events;
}

/** What a transition does to the case's orders (src/orders writes them). */
function orderChange(
  record: CaseRecord,
  state: CaseState,
  command: CaseCommand,
  effects: CaseEffect[],
): CaseOrderChange {
  const change: CaseOrderChange = { place: [] };
  for (const effect of effects) {
    if (effect.kind === "placeOrder" && effect.jobbtorgUnit) {
      change.place.push({
        id: effect.orderId,
        case_id: record.id,
        case_ref: record.caseRef,
        insats: record.insats,
        jobbtorg_unit: effect.jobbtorgUnit,
        district: record.district,
        decision_from: state.decision?.periodFrom ?? null,
        decision_to: state.decision?.periodTo ?? null,
        ordered_on: effect.orderedOn,
        gp_due_on: effect.gpDueOn,
        gp_rule: effect.gpRule,
      });
    }
    if (effect.kind === "completeGp" && command.kind === "gp") {
      change.planReceived = { orderId: effect.orderId, on: command.receivedOn };
    }
    if (effect.kind === "cancelCase") change.closeAll = true;
  }
  return change;
}

function withOrderIds(action: CaseAction): CaseCommand {
  if (action.kind === "order" || (action.kind === "followUp" && action.continues)) {
    return { ...action, orderId: randomUUID() };
  }
  return action;
}

/** Applies several commands as one change (moving a booked meeting: clear, then book). */
function chain(
  state: CaseState,
  commands: CaseCommand[],
  context: { today: IsoDate; gpRule: GpDeadlineRule },
): ReturnType<typeof applyCommand> {
  let current: Transition = { state, effects: [], step: state.step };
  for (const command of commands) {
    const next = applyCommand(current.state, command, context);
    if (!next.ok) return next;
    current = { ...next.value, effects: [...current.effects, ...next.value.effects] };
  }
  return { ok: true, value: current };
}

export function summarize(record: CaseRecord): CaseSummary {
  const deadline = nextDeadline(record.state, record.planSentOn);
  const order = currentOrder(record.state);
  return {
    id: record.id,
    caseRef: record.caseRef,
    type: record.type,
    insats: record.insats,
    insatsShortName: insatsShortNames[record.insats],
    caseworkerId: record.caseworkerId,
    unit: record.unit,
    district: record.district,
    step: record.state.step,
    version: record.version,
    closed: record.state.closed !== undefined,
    ...(order?.jobbtorgUnit ? { jobbtorgUnit: order.jobbtorgUnit } : {}),
    ...(record.state.meeting ? { meeting: record.state.meeting } : {}),
    ...(deadline ? { nextDeadline: deadline } : {}),
  };
}
