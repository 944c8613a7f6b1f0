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
import type { DecisionFact } from "../orders/register.js";
import type { Logger } from "../log.js";
import type { Store } from "../store/db.js";
import { ledCaseworkerUnits, mayActOnCase } from "./authorization.js";
import { CaseRepository, type CaseChange, type CaseListItem, type CaseRecord } from "./repository.js";
import type { ReminderService } from "../reminders/service.js";
import type { CaseRules, RuleCheck } from "./rules.js";

/**
 * The reminder functions the case workflow calls (src/reminders/service.ts, contracts.md
 * "Reminders"); narrow, so tests can pass a recording fake.
 */
export type CaseReminderPort = Pick<
  ReminderService,
  "scheduleGpDeadline" | "completeGpDeadline" | "scheduleFollowUp" | "completeFollowUp" | "cancelCase"
> &
  Partial<Pick<ReminderService, "onDone">>;

export interface CaseServiceDeps {
  store: Store;
  clock: Clock;
  config: { GP_DEADLINE_RULE: GpDeadlineRule; CASE_REF_PATTERN: string; CASE_REF_EXAMPLE: string };
  directory: Directory;
  reminders: CaseReminderPort;
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

/** What other features may read about a case (contracts.md, "Cases"). */
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

/** Non-personal one-word outcome of an action, for the case history and the audit log. */
function detailOf(command: CaseCommand): string | null {
  switch (command.kind) {
    case "targetGroup":
      return command.belongs ? "tillhor" : "tillhor-inte";
    case "criteria":
      return command.met ? "uppfyllda" : "ej-uppfyllda";
    case "decide":
      return command.outcome;
    case "gp":
      return command.matchesOrder ? "godkand" : "komplettering";
    case "followUp":
      return command.continues ? "fortsatter" : "avslutas";
    case "close":
      return command.reason;
    default:
      return null;
  }
}

/**
 * The case workflow: opens cases, applies each step through the pure domain, stores the result
 * with optimistic concurrency, places Jobbtorg orders and keeps the reminders in step.
 * @remarks Every change carries the version the user saw: a second click on the same card finds
 * the case already moved on and changes nothing, so each action has exactly one effect.
 */
export class CaseService {
  readonly repository: CaseRepository;
  readonly refFormat: CaseRefFormat;
  private ruleModule: CaseRules | undefined;
  private readonly orderListeners: ((caseId: string) => Promise<void>)[] = [];
  private readonly decisionListeners: ((fact: DecisionFact) => Promise<void>)[] = [];

  constructor(private readonly deps: CaseServiceDeps) {
    this.repository = new CaseRepository(deps.store);
    this.refFormat = caseRefFormat(deps.config);
    this.ruleModule = deps.rules;
    deps.reminders.onDone?.("gp", (deadline, actorId) => this.gpDoneFromReminder(deadline, actorId));
    deps.reminders.onDone?.("follow-up", async () => {
      // A follow-up is its checklist and the decision to continue; one button cannot say that.
      throw new DomainError("CASE.FOLLOW_UP_NEEDS_CHECKLIST");
    });
  }

  /**
   * "Klar" on a GP reminder: for the case's caseworker (or team leader, admin) the plan is
   * received and checked — the same step as on the case card. Anyone else (Jobbtorg) only
   * closes the reminder; the case waits for the caseworker's check.
   */
  private async gpDoneFromReminder(
    deadline: { id: string; case_id: string },
    actorId: string,
  ): Promise<void> {
    const [actor, record] = await Promise.all([
      this.deps.directory.findUser(actorId),
      this.repository.get(deadline.case_id),
    ]);
    if (!actor || !record || !mayActOnCase(actor, record)) return;
    const order = currentOrder(record.state);
    if (record.state.step !== "genomforandeplan" || `gp:${order?.orderId}` !== deadline.id) return;
    await this.apply(record, { kind: "gp", receivedOn: this.today(), matchesOrder: true }, actor.id);
  }

  /** The order handling (src/orders) hears of orders a case step placed or moved, to post or update their cards. */
  onOrdersChanged(listener: (caseId: string) => Promise<void>): void {
    this.orderListeners.push(listener);
  }

  /** The anonymised decision register (src/orders/register.ts) hears of each decision, without the case. */
  onDecided(listener: (fact: DecisionFact) => Promise<void>): void {
    this.decisionListeners.push(listener);
  }

  /** The rule module the målgrupp and kriterier cards and the decision texts consult. */
  get rules(): CaseRules | undefined {
    return this.ruleModule;
  }

  /** Wires the rule module in (the composition root; tests with a stand-in). */
  useRules(rules: CaseRules): void {
    this.ruleModule = rules;
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

  /** The case as other features see it (contracts.md), or undefined. */
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
    const change: CaseChange = {
      id: record.id,
      expectedVersion: record.version,
      state,
      event: { step, action: command.kind, detail: detailOf(command), actor: actorId },
      audit: {
        actor: actorId,
        action: `case.${command.kind}`,
        detail: [step, detailOf(command)].filter(Boolean).join(": "),
      },
      at,
      ...orderChanges(record, state, command, effects),
    };
    const version = await this.repository.save(change);
    if (version === undefined) {
      // Someone (or the same click, twice) got there first: show the case as it now is.
      return { record: (await this.repository.get(record.id)) ?? record, changed: false };
    }
    const updated: CaseRecord = { ...record, state, version, updatedAt: at };
    await this.runEffects(updated, effects);
    if (effects.some((e) => e.kind === "placeOrder" || e.kind === "completeGp" || e.kind === "cancelCase")) {
      for (const listener of this.orderListeners) {
        await listener(record.id).catch((error: unknown) =>
          this.deps.log.error(
            { caseId: record.id, err: { name: (error as Error).name, message: (error as Error).message } },
            "could not deliver the case's order cards",
          ),
        );
      }
    }
    if (command.kind === "decide" && state.decision) {
      const { decidedOn, outcome } = state.decision;
      const fact: DecisionFact = {
        decidedOn,
        caseType: record.type,
        insats: record.insats,
        outcome,
        legalBasis: this.rules?.legalBasis(record.insats, decidedOn) ?? legalBasisOn(decidedOn),
        gender: state.gender,
        age: state.age,
      };
      for (const listener of this.decisionListeners) {
        await listener(fact).catch((error: unknown) =>
          this.deps.log.error(
            { caseId: record.id, err: { name: (error as Error).name, message: (error as Error).message } },
            "could not record the decision in the register",
          ),
        );
      }
    }
    return { record: updated, changed: true };
  }

  /** Keeps the reminders in step with what was just stored (each call is idempotent). */
  private async runEffects(record: CaseRecord, effects: CaseEffect[]): Promise<void> {
    const { reminders, log } = this.deps;
    const common = {
      caseId: record.id,
      caseRef: record.caseRef,
      insats: record.insats,
      caseworkerId: record.caseworkerId,
      caseworkerUnit: record.unit,
      district: record.district,
    };
    for (const effect of effects) {
      try {
        switch (effect.kind) {
          case "placeOrder":
            await reminders.scheduleGpDeadline({
              ...common,
              orderId: effect.orderId,
              dueOn: effect.gpDueOn,
              rule: effect.gpRule,
              jobbtorgUnit: effect.jobbtorgUnit ?? null,
            });
            break;
          case "completeGp":
            await reminders.completeGpDeadline(effect.orderId);
            break;
          case "scheduleFollowUp":
            await reminders.scheduleFollowUp({ ...common, dueOn: effect.dueOn });
            break;
          case "completeFollowUp":
            await reminders.completeFollowUp(record.id);
            break;
          case "cancelCase":
            await reminders.cancelCase(record.id);
            break;
        }
      } catch (error) {
        // The step is stored and the user's action stands; the reminder gap must reach operators.
        log.error(
          {
            caseId: record.id,
            effect: effect.kind,
            err: { name: (error as Error).name, message: (error as Error).message },
          },
          "could not update reminders after a case step",
        );
      }
    }
  }
}

/** Orders to insert and order states to move for a transition's effects. */
function orderChanges(
  record: CaseRecord,
  state: CaseState,
  command: CaseCommand,
  effects: CaseEffect[],
): Pick<CaseChange, "newOrders" | "orderStates"> {
  const newOrders: NonNullable<CaseChange["newOrders"]> = [];
  const orderStates: NonNullable<CaseChange["orderStates"]> = [];
  for (const effect of effects) {
    if (effect.kind === "placeOrder" && effect.jobbtorgUnit) {
      // A new order after a follow-up replaces the earlier ones.
      if (record.state.orders.length > 0) {
        orderStates.push({ from: ["ny", "tilldelad", "gp-skickad"], to: "avslutad" });
      }
      newOrders.push({
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
        state: "ny",
        assignee: null,
        gp_sent_on: null,
      });
    }
    if (effect.kind === "completeGp" && command.kind === "gp") {
      // The caseworker has the plan: Jobbtorg evidently sent it.
      orderStates.push({
        ids: [effect.orderId],
        from: ["ny", "tilldelad"],
        to: "gp-skickad",
        gpSentOn: command.receivedOn,
      });
    }
    if (effect.kind === "cancelCase") {
      orderStates.push({ from: ["ny", "tilldelad", "gp-skickad"], to: "avslutad" });
    }
  }
  return { newOrders, orderStates };
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
  const deadline = nextDeadline(record.state);
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

declare module "../services.js" {
  interface AppServices {
    cases: CaseService;
  }
}
