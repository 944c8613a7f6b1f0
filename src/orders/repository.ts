import type { Kysely } from "kysely";
import type { OrderState, OrderTable } from "./schema.js";
import type { JobbtorgUnit } from "../directory/directory.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import "./schema.js";

export type OrderRow = OrderTable;

/** A new order as a case step places it; its state and specialist are this module's to set. */
export type NewOrder = Omit<
  OrderTable,
  | "created_at"
  | "updated_at"
  | "state"
  | "assignee"
  | "gp_sent_on"
  | "assigned_at"
  | "assigned_by"
  | "follow_up_requested_on"
  | "efterstod_on"
  | "closed_on"
>;

/** What a case step does to the case's orders (src/cases/service.ts works it out from the step). */
export interface CaseOrderChange {
  /** New orders: the case's open ones end, and their specialist carries over to the same unit's new order. */
  place: NewOrder[];
  /** The caseworker has the plan: Jobbtorg evidently sent it. */
  planReceived?: { orderId: string; on: string };
  /** The case is closed: its open orders end. */
  closeAll?: boolean;
}

export interface OrderCardRef {
  conversationKey: string;
  activityId: string;
}

const open: OrderState[] = ["ny", "tilldelad", "gp-skickad"];

/**
 * Orders as Jobbtorg works them, on SQLite and PostgreSQL alike. Every move is one conditional
 * UPDATE on the state it starts from: of two simultaneous clicks exactly one changes a row.
 */
export class OrderRepository {
  constructor(private readonly store: Store) {}

  private get db(): Kysely<Database> {
    return this.store.db;
  }

  /** Writes a case step's order changes inside the step's transaction `trx`. */
  async writeForCase(
    trx: Kysely<Database>,
    caseId: string,
    change: CaseOrderChange,
    at: Date,
  ): Promise<void> {
    const t = at.getTime();
    if (change.planReceived) {
      await trx
        .updateTable("orders")
        .set({ state: "gp-skickad", gp_sent_on: change.planReceived.on, updated_at: t })
        .where("id", "=", change.planReceived.orderId)
        .where("state", "in", ["ny", "tilldelad"])
        .execute();
    }
    for (const order of change.place) {
      // A follow-up that continues the insats keeps its work specialist.
      const previous = await trx
        .selectFrom("orders")
        .select(["assignee", "assigned_by"])
        .where("case_id", "=", caseId)
        .where("state", "in", open)
        .where("jobbtorg_unit", "=", order.jobbtorg_unit)
        .where("assignee", "is not", null)
        .orderBy("created_at", "desc")
        .executeTakeFirst();
      await this.closeOpen(trx, caseId, order.ordered_on, t);
      await trx
        .insertInto("orders")
        .values({
          ...order,
          state: previous ? "tilldelad" : "ny",
          assignee: previous?.assignee ?? null,
          assigned_by: previous?.assigned_by ?? null,
          assigned_at: previous ? t : null,
          gp_sent_on: null,
          created_at: t,
          updated_at: t,
        })
        .execute();
    }
    if (change.closeAll) await this.closeOpen(trx, caseId, null, t);
  }

  private async closeOpen(
    trx: Kysely<Database>,
    caseId: string,
    on: string | null,
    t: number,
  ): Promise<void> {
    await trx
      .updateTable("orders")
      .set({ state: "avslutad", updated_at: t, ...(on ? { closed_on: on } : {}) })
      .where("case_id", "=", caseId)
      .where("state", "in", open)
      .execute();
  }

  async get(id: string): Promise<OrderRow | undefined> {
    return this.db.selectFrom("orders").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async forCase(caseId: string): Promise<OrderRow[]> {
    return this.db
      .selectFrom("orders")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("created_at")
      .execute();
  }

  /** ny → tilldelad to `assignee`; false when someone else got there first. */
  async take(id: string, assignee: string, at: Date, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable("orders")
      .set({
        state: "tilldelad",
        assignee,
        assigned_by: assignee,
        assigned_at: at.getTime(),
        updated_at: at.getTime(),
      })
      .where("id", "=", id)
      .where("state", "=", "ny")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** A team leader's (re)assignment: ny or tilldelad → tilldelad to `assignee`. */
  async assign(
    id: string,
    assignee: string,
    by: string,
    at: Date,
    db: Kysely<Database> = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable("orders")
      .set({
        state: "tilldelad",
        assignee,
        assigned_by: by,
        assigned_at: at.getTime(),
        updated_at: at.getTime(),
      })
      .where("id", "=", id)
      .where("state", "in", ["ny", "tilldelad"])
      .where((eb) => eb.or([eb("assignee", "is", null), eb("assignee", "!=", assignee)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async gpSent(id: string, sentOn: string, at: Date, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable("orders")
      .set({ state: "gp-skickad", gp_sent_on: sentOn, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "=", "tilldelad")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async requestFollowUp(id: string, on: string, at: Date, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable("orders")
      .set({ follow_up_requested_on: on, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "in", ["tilldelad", "gp-skickad"])
      .where("follow_up_requested_on", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The insats goes on as efterstöd (lighter support after the plan's goals are met). */
  async efterstod(id: string, on: string, at: Date, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable("orders")
      .set({ efterstod_on: on, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "=", "gp-skickad")
      .where("efterstod_on", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async close(id: string, on: string, at: Date, db: Kysely<Database> = this.db): Promise<boolean> {
    const result = await db
      .updateTable("orders")
      .set({ state: "avslutad", closed_on: on, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "in", ["tilldelad", "gp-skickad"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /**
   * Orders of a unit that `assignee` holds and that still run (not closed; efterstöd too), by case
   * reference: what a handover moves. One order when `orderId` is given.
   */
  async runningHeldBy(
    unit: JobbtorgUnit,
    assignee: string,
    orderId?: string,
  ): Promise<Pick<OrderRow, "id" | "case_id" | "case_ref">[]> {
    let query = this.db
      .selectFrom("orders")
      .select(["id", "case_id", "case_ref"])
      .where("jobbtorg_unit", "=", unit)
      .where("assignee", "=", assignee)
      .where("state", "!=", "avslutad");
    if (orderId) query = query.where("id", "=", orderId);
    return query.orderBy("case_ref").execute();
  }

  /** Running orders (not closed) per holder in a unit, departed holders included. */
  async runningCountsByHolder(unit: JobbtorgUnit): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom("orders")
      .select(["assignee", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where("jobbtorg_unit", "=", unit)
      .where("state", "!=", "avslutad")
      .where("assignee", "is not", null)
      .groupBy("assignee")
      .execute();
    return new Map(rows.map((row) => [row.assignee!, Number(row.n)]));
  }

  /**
   * A handover inside the caller's transaction `trx`: the orders `ids` still held by `fromId`
   * pass to `toId`, assigned by `by`. Returns the ids that moved (one taken over meanwhile stays).
   */
  async handOver(
    trx: Kysely<Database>,
    ids: string[],
    move: { fromId: string; toId: string; by: string },
    at: Date,
  ): Promise<string[]> {
    if (ids.length === 0) return [];
    const moved = await trx
      .updateTable("orders")
      .set({ assignee: move.toId, assigned_by: move.by, assigned_at: at.getTime(), updated_at: at.getTime() })
      .where("id", "in", ids)
      .where("assignee", "=", move.fromId)
      .returning("id")
      .execute();
    return moved.map((row) => row.id);
  }

  /** Unassigned orders of a unit, oldest first. */
  async unassigned(unit: JobbtorgUnit): Promise<OrderRow[]> {
    return this.db
      .selectFrom("orders")
      .selectAll()
      .where("jobbtorg_unit", "=", unit)
      .where("state", "=", "ny")
      .orderBy("ordered_on")
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  /** A specialist's open orders, nearest GP due date first. */
  async assignedTo(assignee: string): Promise<OrderRow[]> {
    return this.db
      .selectFrom("orders")
      .selectAll()
      .where("assignee", "=", assignee)
      .where("state", "in", ["tilldelad", "gp-skickad"])
      .orderBy("gp_due_on")
      .orderBy("ordered_on")
      .orderBy("id")
      .execute();
  }

  /** Open orders per assignee in a unit. */
  async openCountsByAssignee(unit: JobbtorgUnit): Promise<{ assignee: string; open: number }[]> {
    const rows = await this.db
      .selectFrom("orders")
      .select(["assignee", (eb) => eb.fn.countAll<string | number>().as("n")])
      .where("jobbtorg_unit", "=", unit)
      .where("state", "in", ["tilldelad", "gp-skickad"])
      .where("assignee", "is not", null)
      .groupBy("assignee")
      .execute();
    return rows
      .map((row) => ({ assignee: row.assignee!, open: Number(row.n) }))
      .sort((a, b) => b.open - a.open || a.assignee.localeCompare(b.assignee));
  }

  /** Orders of a unit whose plan was sent on or after `since`: order and GP dates. */
  async gpSentSince(unit: JobbtorgUnit, since: string): Promise<{ orderedOn: string; gpSentOn: string }[]> {
    const rows = await this.db
      .selectFrom("orders")
      .select(["ordered_on", "gp_sent_on"])
      .where("jobbtorg_unit", "=", unit)
      .where("gp_sent_on", ">=", since)
      .execute();
    return rows.map((row) => ({ orderedOn: row.ordered_on, gpSentOn: row.gp_sent_on! }));
  }

  async countOpen(unit: JobbtorgUnit): Promise<number> {
    const row = await this.db
      .selectFrom("orders")
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where("jobbtorg_unit", "=", unit)
      .where("state", "in", open)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async cards(orderId: string): Promise<OrderCardRef[]> {
    const rows = await this.db
      .selectFrom("order_cards")
      .select(["conversation_key", "activity_id"])
      .where("order_id", "=", orderId)
      .orderBy("id")
      .execute();
    return rows.map((row) => ({ conversationKey: row.conversation_key, activityId: row.activity_id }));
  }

  async hasCard(orderId: string, conversationKey: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("order_cards")
      .select("id")
      .where("order_id", "=", orderId)
      .where("conversation_key", "=", conversationKey)
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Remembers a posted copy; false when one was already recorded for that conversation. */
  async recordCard(orderId: string, card: OrderCardRef, at: Date): Promise<boolean> {
    const result = await this.db
      .insertInto("order_cards")
      .values({
        order_id: orderId,
        conversation_key: card.conversationKey,
        activity_id: card.activityId,
        posted_at: at.getTime(),
      })
      .onConflict((oc) => oc.columns(["order_id", "conversation_key"]).doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
  }
}
