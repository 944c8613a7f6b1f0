import type { Kysely } from "kysely";
import type { OrderState, OrderTable } from "../cases/schema.js";
import type { JobbtorgUnit } from "../directory/directory.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import "./schema.js";

export type OrderRow = OrderTable;

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
  async take(id: string, assignee: string, at: Date): Promise<boolean> {
    const result = await this.db
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
  async assign(id: string, assignee: string, by: string, at: Date): Promise<boolean> {
    const result = await this.db
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

  async gpSent(id: string, sentOn: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("orders")
      .set({ state: "gp-skickad", gp_sent_on: sentOn, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "=", "tilldelad")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async requestFollowUp(id: string, on: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("orders")
      .set({ follow_up_requested_on: on, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "in", ["tilldelad", "gp-skickad"])
      .where("follow_up_requested_on", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The insats goes on as efterstöd (lighter support after the plan's goals are met). */
  async efterstod(id: string, on: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("orders")
      .set({ efterstod_on: on, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "=", "gp-skickad")
      .where("efterstod_on", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async close(id: string, on: string, at: Date): Promise<boolean> {
    const result = await this.db
      .updateTable("orders")
      .set({ state: "avslutad", closed_on: on, updated_at: at.getTime() })
      .where("id", "=", id)
      .where("state", "in", ["tilldelad", "gp-skickad"])
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
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
