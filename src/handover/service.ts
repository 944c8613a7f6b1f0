import { AuditLog } from "../store/audit.js";
import type { Clock } from "../clock.js";
import {
  isAdmin,
  leadsUnit,
  rolesOf,
  type CaseworkerUnit,
  type Directory,
  type DirectoryUser,
  type JobbtorgUnit,
} from "../directory/directory.js";
import { DomainError } from "../errors.js";
import { effectsOf } from "../events/wiring.js";
import type { OrderRepository } from "../orders/repository.js";
import type { OutboxDispatcher } from "../outbox/dispatcher.js";
import { effectKey, OutboxRepository } from "../outbox/repository.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import type { Kysely } from "kysely";
import type { EventOf } from "../events/types.js";
import "../cases/schema.js";
import "../reminders/schema.js";

/** What moved from whom to whom: the event WorkHandedOver without its type (src/events/types.ts). */
export type Handover = Omit<EventOf<"WorkHandedOver">, "type">;

/** A person work can be moved from or to, as the picker shows them. */
export interface Colleague {
  id: string;
  name: string;
  /** Open cases (or running orders) they hold now. */
  open: number;
}

/**
 * Handing work over: a team leader moves one or all open cases of a caseworker to another
 * caseworker of the same unit and district; a Jobbtorg team leader moves running orders between
 * the unit's work specialists. Never outside the unit; admins may move within any unit.
 * @remarks One transaction per handover: the cases' caseworker (or the orders' assignee), the
 * open deadlines' caseworker, the unsent personal reminders' addressee, and one audit row per
 * case or order. The person the work moves from need not be in the directory any more (they
 * left). The event WorkHandedOver commits with it in the outbox: the cards follow and both
 * people are told, after a crash too (src/events/wiring.ts).
 */
export class HandoverService {
  private readonly outbox: OutboxRepository;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      directory: Directory;
      /** The orders table's owner: it finds and moves the orders. */
      orders: OrderRepository;
      /** Runs the outbox rows a handover just committed. */
      effects: Pick<OutboxDispatcher, "runNow">;
    },
  ) {
    this.outbox = new OutboxRepository(deps.store);
  }

  /** Caseworker units (and districts) the user leads; admins lead them all. */
  private ledCaseworkerScopes(user: DirectoryUser): { unit: CaseworkerUnit; district?: string }[] {
    return rolesOf(user, "gruppledare")
      .filter((role) => role.unit === "socialpsykiatri" || role.unit === "lss" || role.unit === "uppsokande")
      .map((role) => ({
        unit: role.unit as CaseworkerUnit,
        ...(role.district ? { district: role.district } : {}),
      }));
  }

  private mayLeadCase(user: DirectoryUser, subject: { unit: string; district: string }): boolean {
    return isAdmin(user) || leadsUnit(user, subject.unit as CaseworkerUnit, subject.district);
  }

  /** True when the user leads a caseworker unit (and sees the case handover). */
  leadsCaseworkers(user: DirectoryUser): boolean {
    return isAdmin(user) || this.ledCaseworkerScopes(user).length > 0;
  }

  /** The Jobbtorg units whose orders the user may move. */
  ledJobbtorgUnits(user: DirectoryUser): JobbtorgUnit[] {
    return (["alfa", "iwork"] as const).filter((unit) => isAdmin(user) || leadsUnit(user, unit));
  }

  /**
   * Caseworkers of the units the leader leads, with their open cases; people who still hold open
   * cases there but are gone from the directory are listed too (their work must move).
   */
  async caseworkers(leader: DirectoryUser): Promise<{ from: Colleague[]; to: Colleague[] }> {
    const scopes = isAdmin(leader) ? undefined : this.ledCaseworkerScopes(leader);
    if (scopes && scopes.length === 0) throw new DomainError("HANDOVER.NOT_A_LEADER");
    const inScope = (unit: string, district: string) =>
      !scopes || scopes.some((s) => s.unit === unit && (s.district === undefined || s.district === district));
    const open = await this.deps.store.db
      .selectFrom("cases")
      .select(["caseworker_id", "unit", "district"])
      .where("closed_on", "is", null)
      .execute();
    const counts = new Map<string, number>();
    for (const row of open) {
      if (inScope(row.unit, row.district))
        counts.set(row.caseworker_id, (counts.get(row.caseworker_id) ?? 0) + 1);
    }
    const users = await this.deps.directory.listUsers();
    const to = users
      .filter((user) => rolesOf(user, "handlaggare").some((role) => inScope(role.unit, role.district)))
      .map((user) => ({ id: user.id, name: user.displayName, open: counts.get(user.id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    const from = [...counts.entries()]
      .map(([id, n]) => ({
        id,
        name: names.get(id) ?? "Tidigare medarbetare (finns inte i katalogen)",
        open: n,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    return { from, to };
  }

  /** Work specialists of a Jobbtorg unit, with their running orders; departed holders too. */
  async specialists(
    leader: DirectoryUser,
    unit: JobbtorgUnit,
  ): Promise<{ from: Colleague[]; to: Colleague[] }> {
    if (!this.ledJobbtorgUnits(leader).includes(unit)) throw new DomainError("HANDOVER.NOT_A_LEADER");
    const counts = await this.deps.orders.runningCountsByHolder(unit);
    const users = await this.deps.directory.listUsers();
    const to = users
      .filter((user) => rolesOf(user, "arbetsspecialist").some((role) => role.unit === unit))
      .map((user) => ({ id: user.id, name: user.displayName, open: counts.get(user.id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    const names = new Map(users.map((user) => [user.id, user.displayName]));
    const from = [...counts.entries()]
      .map(([id, n]) => ({
        id,
        name: names.get(id) ?? "Tidigare medarbetare (finns inte i katalogen)",
        open: n,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "sv"));
    return { from, to };
  }

  /**
   * Moves one open case (by reference) or every open case of `fromId` in units the actor leads
   * to `toId`, who must be a caseworker of each case's unit and district.
   */
  async moveCases(
    actor: DirectoryUser,
    input: { fromId: string; toId: string; caseRef?: string },
  ): Promise<Handover> {
    if (!this.leadsCaseworkers(actor)) throw new DomainError("HANDOVER.NOT_A_LEADER");
    if (input.fromId === input.toId) throw new DomainError("HANDOVER.SAME_PERSON", { field: "toId" });
    const target = await this.deps.directory.findUser(input.toId);
    let query = this.deps.store.db
      .selectFrom("cases")
      .select(["id", "case_ref", "unit", "district", "caseworker_id"])
      .where("caseworker_id", "=", input.fromId)
      .where("closed_on", "is", null);
    if (input.caseRef) query = query.where("case_ref", "=", input.caseRef);
    const cases = (await query.orderBy("case_ref").execute()).filter((c) => this.mayLeadCase(actor, c));
    const fromName = (await this.deps.directory.findUser(input.fromId))?.displayName ?? "Personen";
    if (cases.length === 0) throw new DomainError("HANDOVER.NOTHING_TO_MOVE", { name: fromName });
    for (const c of cases) {
      const fits =
        target && rolesOf(target, "handlaggare").some((r) => r.unit === c.unit && r.district === c.district);
      if (!fits)
        throw new DomainError("HANDOVER.TARGET_INVALID", {
          name: target?.displayName ?? "Personen",
          field: "toId",
        });
    }
    const ids = cases.map((c) => c.id);
    return this.commit(
      {
        kind: "cases",
        actorId: actor.id,
        fromId: input.fromId,
        toId: input.toId,
        caseIds: ids,
        caseRefs: cases.map((c) => c.case_ref),
        orderIds: [],
      },
      async (trx, at) => {
        await trx
          .updateTable("cases")
          .set({ caseworker_id: input.toId, updated_at: at.getTime() })
          .where("id", "in", ids)
          .where("caseworker_id", "=", input.fromId)
          .execute();
        await moveCaseDeadlines(trx, ids, input.fromId, input.toId);
      },
    );
  }

  /** Moves one running order or every running order of `fromId` in the unit to another specialist of it. */
  async moveOrders(
    actor: DirectoryUser,
    input: { unit: JobbtorgUnit; fromId: string; toId: string; orderId?: string },
  ): Promise<Handover> {
    if (!this.ledJobbtorgUnits(actor).includes(input.unit)) throw new DomainError("HANDOVER.NOT_A_LEADER");
    if (input.fromId === input.toId) throw new DomainError("HANDOVER.SAME_PERSON", { field: "toId" });
    const target = await this.deps.directory.findUser(input.toId);
    if (!target || !rolesOf(target, "arbetsspecialist").some((r) => r.unit === input.unit)) {
      throw new DomainError("HANDOVER.TARGET_INVALID", {
        name: target?.displayName ?? "Personen",
        field: "toId",
      });
    }
    const orders = await this.deps.orders.runningHeldBy(input.unit, input.fromId, input.orderId);
    if (orders.length === 0) {
      const fromName = (await this.deps.directory.findUser(input.fromId))?.displayName ?? "Personen";
      throw new DomainError("HANDOVER.NOTHING_TO_MOVE", { name: fromName });
    }
    const ids = orders.map((o) => o.id);
    return this.commit(
      {
        kind: "orders",
        actorId: actor.id,
        fromId: input.fromId,
        toId: input.toId,
        caseIds: [...new Set(orders.map((o) => o.case_id))],
        caseRefs: orders.map((o) => o.case_ref),
        orderIds: ids,
      },
      async (trx, at) => {
        await this.deps.orders.handOver(
          trx,
          ids,
          { fromId: input.fromId, toId: input.toId, by: actor.id },
          at,
        );
      },
    );
  }

  /**
   * One handover, one transaction: the move, an audit row per case or order, and the event's
   * outbox rows; then the effects run (a crash leaves them queued).
   */
  private async commit(
    handover: Handover,
    move: (trx: Kysely<Database>, at: Date) => Promise<void>,
  ): Promise<Handover> {
    const at = this.deps.clock.now();
    const audit = new AuditLog(this.deps.store);
    const { ids } = await this.outbox.writeWith(async (trx) => {
      await move(trx, at);
      for (const caseRef of handover.caseRefs) {
        await audit.record(
          {
            at,
            actor: handover.actorId,
            action: handover.kind === "cases" ? "case.handover" : "order.handover",
            caseRef,
            detail: `${handover.fromId} -> ${handover.toId}`,
          },
          trx,
        );
      }
      return {
        result: undefined,
        effects: effectsOf([{ type: "WorkHandedOver", ...handover }], effectKey(`handover:${handover.kind}`)),
      };
    }, at);
    await this.deps.effects.runNow(ids);
    return handover;
  }
}

/**
 * The cases' open deadlines get the new caseworker, and their unsent personal reminders the new
 * addressee (the idempotency key follows, so replanning recognises them).
 */
async function moveCaseDeadlines(
  trx: Kysely<Database>,
  caseIds: string[],
  fromId: string,
  toId: string,
): Promise<void> {
  const open = trx
    .selectFrom("deadlines")
    .select("id")
    .where("case_id", "in", caseIds)
    .where("state", "=", "open");
  const reminders = await trx
    .selectFrom("reminders")
    .select(["id", "idempotency_key"])
    .where("deadline_id", "in", open)
    .where("target", "=", `user:${fromId}`)
    .where("state", "in", ["pending", "waiting"])
    .execute();
  for (const reminder of reminders) {
    await trx
      .updateTable("reminders")
      .set({
        target: `user:${toId}`,
        idempotency_key: reminder.idempotency_key.split(`|user:${fromId}|`).join(`|user:${toId}|`),
      })
      .where("id", "=", reminder.id)
      .execute();
  }
  await trx
    .updateTable("deadlines")
    .set({ caseworker_id: toId })
    .where("case_id", "in", caseIds)
    .where("state", "=", "open")
    .where("caseworker_id", "=", fromId)
    .execute();
}
