import type { Clock } from "../clock.js";
import { gpRuleText, stockholmDate, workingDaysBetween, type IsoDate } from "../deadlines/index.js";
import {
  belongsToJobbtorgUnit,
  isAdmin,
  jobbtorgUnits,
  leadsUnit,
  rolesOf,
  type Directory,
  type DirectoryUser,
  type JobbtorgUnit,
} from "../directory/directory.js";
import { insatsShortNames } from "../domain/case-types.js";
import { DomainError } from "../errors.js";
import type { Logger } from "../log.js";
import type { Kysely } from "kysely";
import { effectsOf } from "../events/wiring.js";
import type { DomainEvent } from "../events/types.js";
import type { OutboxDispatcher } from "../outbox/dispatcher.js";
import { effectKey, OutboxRepository } from "../outbox/repository.js";
import type { AuditLog } from "../store/audit.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import { refreshNextDeadline } from "../cases/repository.js";
import { OrderRepository, type OrderRow } from "./repository.js";

/**
 * What a card shows as the order's state, derived from the stored `OrderState`
 * (src/orders/schema.ts): efterstöd is a GP-sent order going on as lighter support.
 */
export type OrderStatus = "ny" | "tilldelad" | "gp-skickad" | "efterstod" | "avslutad";

export const orderStatusLabels: Readonly<Record<OrderStatus, string>> = {
  ny: "Ny",
  tilldelad: "Tilldelad",
  "gp-skickad": "Genomförandeplan skickad",
  efterstod: "Efterstöd",
  avslutad: "Avslutad",
};

/** An order as lists and cards show it: dates and staff, nothing about the client. */
export interface OrderView {
  id: string;
  caseId: string;
  caseRef: string;
  insats: string;
  insatsShortName: string;
  jobbtorgUnit: JobbtorgUnit;
  district: string;
  decisionFrom: IsoDate | null;
  decisionTo: IsoDate | null;
  orderedOn: IsoDate;
  gpDueOn: IsoDate;
  gpRuleText: string;
  status: OrderStatus;
  assignee: string | null;
  assignedBy: string | null;
  gpSentOn: IsoDate | null;
  followUpRequestedOn: IsoDate | null;
  efterstodOn: IsoDate | null;
  closedOn: IsoDate | null;
  /** Working days from today to the GP due date while the plan is outstanding; negative when late. */
  workingDaysLeft: number | null;
}

export type OrderEventKind = "taken" | "assigned" | "gp-sent" | "follow-up" | "efterstod" | "closed";

export interface ActionOutcome {
  order: OrderView;
  /** False when nothing changed: a repeated click, or (take) someone else was first. */
  changed: boolean;
}

export interface SpeedReport {
  unit: JobbtorgUnit;
  sinceOn: IsoDate;
  openByAssignee: { assignee: string; open: number }[];
  unassigned: number;
  /** Working days from order to GP sent, over plans sent in the last 90 days. */
  gpDays: { count: number; median: number | null; worst: number | null };
}

export interface OrderServiceDeps {
  store: Store;
  clock: Clock;
  directory: Directory;
  audit: AuditLog;
  /** Runs the outbox rows an action just committed (src/outbox/dispatcher.ts). */
  effects: Pick<OutboxDispatcher, "runNow">;
  log: Logger;
}

/** Median of a non-empty list (the mean of the middle two for an even count). */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function statusOf(row: OrderRow): OrderStatus {
  if (row.state === "gp-skickad" && row.efterstod_on) return "efterstod";
  return row.state;
}

/**
 * Jobbtorg's side of an order: take, assign, GP sent, follow-up requests, efterstöd, closing.
 * @remarks Authorization: members of the order's Jobbtorg unit (specialists and team leaders)
 * and admins. Every action is idempotent (a conditional UPDATE); when it changes something, its
 * audit row and its events' outbox rows commit with it (who reacts: src/events/wiring.ts).
 */
export class OrderService {
  readonly repository: OrderRepository;
  private readonly outbox: OutboxRepository;

  constructor(private readonly deps: OrderServiceDeps) {
    this.repository = new OrderRepository(deps.store);
    this.outbox = new OutboxRepository(deps.store);
  }

  today(): IsoDate {
    return stockholmDate(this.deps.clock.now());
  }

  view(row: OrderRow, today: IsoDate = this.today()): OrderView {
    const status = statusOf(row);
    const outstanding = status === "ny" || status === "tilldelad";
    return {
      id: row.id,
      caseId: row.case_id,
      caseRef: row.case_ref,
      insats: row.insats,
      insatsShortName: insatsShortNames[row.insats] ?? row.insats,
      jobbtorgUnit: row.jobbtorg_unit,
      district: row.district,
      decisionFrom: row.decision_from,
      decisionTo: row.decision_to,
      orderedOn: row.ordered_on,
      gpDueOn: row.gp_due_on,
      gpRuleText: gpRuleText(row.gp_rule),
      status,
      assignee: row.assignee,
      assignedBy: row.assigned_by ?? null,
      gpSentOn: row.gp_sent_on,
      followUpRequestedOn: row.follow_up_requested_on ?? null,
      efterstodOn: row.efterstod_on ?? null,
      closedOn: row.closed_on ?? null,
      workingDaysLeft: outstanding ? workingDaysBetween(today, row.gp_due_on) : null,
    };
  }

  async get(orderId: string): Promise<OrderView | undefined> {
    const row = await this.repository.get(orderId);
    return row && this.view(row);
  }

  async forCase(caseId: string): Promise<OrderView[]> {
    const today = this.today();
    return (await this.repository.forCase(caseId)).map((row) => this.view(row, today));
  }

  /** Members of the order's unit (specialists, team leaders) and admins may see and work it. */
  mayWork(user: DirectoryUser, unit: JobbtorgUnit): boolean {
    return belongsToJobbtorgUnit(user, unit) || isAdmin(user);
  }

  mayLead(user: DirectoryUser, unit: JobbtorgUnit): boolean {
    return leadsUnit(user, unit) || isAdmin(user);
  }

  /** The Jobbtorg units whose queues the user sees. */
  unitsOf(user: DirectoryUser): JobbtorgUnit[] {
    return jobbtorgUnits.filter((unit) => this.mayWork(user, unit));
  }

  /** The unit's work specialists (whom a team leader can assign), by name. */
  async specialists(unit: JobbtorgUnit): Promise<DirectoryUser[]> {
    const users = await this.deps.directory.listUsers();
    return users
      .filter((user) => rolesOf(user, "arbetsspecialist").some((role) => role.unit === unit))
      .sort((a, b) => a.displayName.localeCompare(b.displayName, "sv"));
  }

  /** Everyone who may work the unit's orders (for the channel card's user-specific view). */
  async members(unit: JobbtorgUnit): Promise<DirectoryUser[]> {
    const users = await this.deps.directory.listUsers();
    return users.filter((user) => belongsToJobbtorgUnit(user, unit));
  }

  private async load(orderId: string): Promise<OrderRow> {
    const row = await this.repository.get(orderId);
    if (!row) throw new DomainError("ORDER.NOT_FOUND");
    return row;
  }

  /** Loads an order the user may see (unit member or admin). */
  async loadFor(user: DirectoryUser, orderId: string): Promise<OrderView> {
    const row = await this.load(orderId);
    if (!this.mayWork(user, row.jobbtorg_unit)) throw new DomainError("USER.FORBIDDEN");
    return this.view(row);
  }

  /** The assignee, the unit's team leaders and admins act on an assigned order. */
  private authorizeAssigned(user: DirectoryUser, row: OrderRow): void {
    if (row.assignee === user.id && belongsToJobbtorgUnit(user, row.jobbtorg_unit)) return;
    if (this.mayLead(user, row.jobbtorg_unit)) return;
    throw new DomainError(this.mayWork(user, row.jobbtorg_unit) ? "ORDER.NOT_YOURS" : "USER.FORBIDDEN");
  }

  /**
   * One action's write: the conditional UPDATE, and when it changed the order, its audit row and
   * its events' outbox rows, in one transaction; then the effects run (a crash leaves them queued).
   */
  private async change(
    kind: OrderEventKind,
    orderId: string,
    actor: DirectoryUser,
    detail: string | null,
    update: (db: Kysely<Database>, at: Date) => Promise<boolean>,
  ): Promise<ActionOutcome> {
    const at = this.deps.clock.now();
    const { result: changed, ids } = await this.outbox.writeWith(async (trx) => {
      if (!(await update(trx, at))) return { result: false, effects: [] };
      const row = (await trx.selectFrom("orders").selectAll().where("id", "=", orderId).executeTakeFirst())!;
      await this.deps.audit.record(
        { at, actor: actor.id, action: `order.${kind}`, caseRef: row.case_ref, detail },
        trx,
      );
      return {
        result: true,
        effects: effectsOf([eventOf(kind, row, actor.id)], effectKey(`order:${orderId}`)),
      };
    }, at);
    await this.deps.effects.runNow(ids);
    return { order: this.view(await this.load(orderId)), changed };
  }

  /** Jag tar ärendet: exactly one of several simultaneous takers wins; the rest see who did. */
  async take(actor: DirectoryUser, orderId: string): Promise<ActionOutcome> {
    const row = await this.load(orderId);
    if (!rolesOf(actor, "arbetsspecialist").some((role) => role.unit === row.jobbtorg_unit)) {
      throw new DomainError(
        this.mayWork(actor, row.jobbtorg_unit) ? "ORDER.NOT_A_SPECIALIST" : "USER.FORBIDDEN",
      );
    }
    if (row.state === "avslutad") throw new DomainError("ORDER.CLOSED");
    return this.change("taken", orderId, actor, null, (db, at) =>
      this.repository.take(orderId, actor.id, at, db),
    );
  }

  /** Tilldela: a team leader (or admin) assigns a work specialist of the unit. */
  async assign(actor: DirectoryUser, orderId: string, assigneeId: string): Promise<ActionOutcome> {
    const row = await this.load(orderId);
    if (!this.mayLead(actor, row.jobbtorg_unit)) throw new DomainError("USER.FORBIDDEN");
    const assignee = await this.deps.directory.findUser(assigneeId);
    if (!assignee || !rolesOf(assignee, "arbetsspecialist").some((role) => role.unit === row.jobbtorg_unit)) {
      throw new DomainError("ORDER.ASSIGNEE_INVALID", { field: "assignee" });
    }
    if (row.state !== "ny" && row.state !== "tilldelad") {
      if (row.assignee === assigneeId) return { order: this.view(row), changed: false };
      throw new DomainError("ORDER.WRONG_STATE");
    }
    return this.change("assigned", orderId, actor, null, (db, at) =>
      this.repository.assign(orderId, assigneeId, actor.id, at, db),
    );
  }

  /**
   * Genomförandeplan skickad: the plan arrived (`PlanReceived`, the same event as the case
   * card's and the reminder's): the GP deadline closes and the caseworker is told to review it.
   */
  async gpSent(actor: DirectoryUser, orderId: string, sentOn: IsoDate): Promise<ActionOutcome> {
    const row = await this.load(orderId);
    this.authorizeAssigned(actor, row);
    if (row.gp_sent_on) return { order: this.view(row), changed: false };
    if (row.state !== "tilldelad") {
      throw new DomainError(row.state === "ny" ? "ORDER.NOT_ASSIGNED" : "ORDER.WRONG_STATE");
    }
    const today = this.today();
    if (sentOn > today) throw new DomainError("ORDER.DATE_IN_FUTURE", { field: "sentOn" });
    if (sentOn < row.ordered_on) {
      throw new DomainError("ORDER.DATE_BEFORE_ORDER", { field: "sentOn", orderedOn: row.ordered_on });
    }
    return this.change("gp-sent", orderId, actor, sentOn, async (db, at) => {
      if (!(await this.repository.gpSent(orderId, sentOn, at, db))) return false;
      // The case's lists show its next deadline from columns: the plan drops off there too.
      await refreshNextDeadline(db, row.case_id);
      return true;
    });
  }

  /** Begär uppföljning (003 Bilaga 2): the caseworker is asked to hold a follow-up. */
  async requestFollowUp(actor: DirectoryUser, orderId: string): Promise<ActionOutcome> {
    const row = await this.load(orderId);
    this.authorizeAssigned(actor, row);
    if (row.follow_up_requested_on) return { order: this.view(row), changed: false };
    if (row.state !== "tilldelad" && row.state !== "gp-skickad") throw new DomainError("ORDER.WRONG_STATE");
    return this.change("follow-up", orderId, actor, null, (db, at) =>
      this.repository.requestFollowUp(orderId, this.today(), at, db),
    );
  }

  /** Efterstöd: the plan's goals are reached and the insats goes on as lighter support. */
  async efterstod(actor: DirectoryUser, orderId: string): Promise<ActionOutcome> {
    const row = await this.load(orderId);
    this.authorizeAssigned(actor, row);
    if (row.efterstod_on) return { order: this.view(row), changed: false };
    if (row.state !== "gp-skickad") throw new DomainError("ORDER.WRONG_STATE");
    return this.change("efterstod", orderId, actor, null, (db, at) =>
      this.repository.efterstod(orderId, this.today(), at, db),
    );
  }

  /** Avsluta insats. */
  async close(actor: DirectoryUser, orderId: string): Promise<ActionOutcome> {
    const row = await this.load(orderId);
    this.authorizeAssigned(actor, row);
    if (row.state === "avslutad") return { order: this.view(row), changed: false };
    if (row.state === "ny") throw new DomainError("ORDER.NOT_ASSIGNED");
    return this.change("closed", orderId, actor, null, (db, at) =>
      this.repository.close(orderId, this.today(), at, db),
    );
  }

  /** Nya beställningar: unassigned orders of the units the user works in, oldest first. */
  async unassigned(user: DirectoryUser): Promise<OrderView[]> {
    const today = this.today();
    const rows = (
      await Promise.all(this.unitsOf(user).map((unit) => this.repository.unassigned(unit)))
    ).flat();
    return rows
      .sort((a, b) => a.ordered_on.localeCompare(b.ordered_on) || a.created_at - b.created_at)
      .map((row) => this.view(row, today));
  }

  /** Mina beställningar: the user's open orders, plans still due first. */
  async mine(user: DirectoryUser): Promise<OrderView[]> {
    const today = this.today();
    const views = (await this.repository.assignedTo(user.id)).map((row) => this.view(row, today));
    // Plans still to write first (nearest due date first), then the orders already under way.
    return views.sort(
      (a, b) =>
        Number(a.workingDaysLeft === null) - Number(b.workingDaysLeft === null) ||
        a.gpDueOn.localeCompare(b.gpDueOn),
    );
  }

  /** For team leaders: open orders per specialist and order→GP speed over the last 90 days. */
  async speed(user: DirectoryUser): Promise<SpeedReport[]> {
    const units = jobbtorgUnits.filter((unit) => this.mayLead(user, unit));
    if (units.length === 0) throw new DomainError("ORDER.LEADERS_ONLY");
    const since = stockholmDate(new Date(this.deps.clock.now().getTime() - 90 * 86_400_000));
    return Promise.all(
      units.map(async (unit) => {
        const [openByAssignee, unassigned, sent] = await Promise.all([
          this.repository.openCountsByAssignee(unit),
          this.repository.unassigned(unit),
          this.repository.gpSentSince(unit, since),
        ]);
        const days = sent.map((s) => workingDaysBetween(s.orderedOn, s.gpSentOn));
        return {
          unit,
          sinceOn: since,
          openByAssignee,
          unassigned: unassigned.length,
          gpDays: { count: days.length, median: median(days), worst: days.length ? Math.max(...days) : null },
        };
      }),
    );
  }
}

/** The event an order action tells the rest of the product. */
function eventOf(kind: OrderEventKind, row: OrderRow, actorId: string): DomainEvent {
  switch (kind) {
    case "gp-sent":
      return { type: "PlanReceived", caseId: row.case_id, orderId: row.id, by: "jobbtorg", actorId };
    case "follow-up":
      return { type: "FollowUpRequested", caseId: row.case_id, orderId: row.id, actorId };
    default:
      return { type: "OrderChanged", orderId: row.id, change: kind };
  }
}
