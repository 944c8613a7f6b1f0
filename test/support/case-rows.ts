import type { Kysely } from "kysely";
import type { Store } from "../../src/store/db.js";
import "../../src/cases/schema.js";
import "../../src/meetings/repository.js";
import "../../src/orders/schema.js";
import "../../src/reminders/schema.js";

/**
 * A case with one row in every table that holds a case's rows (step history, order, order card
 * copy, pending delivery, meeting, deadline, reminder) and an audit entry: what retention and
 * handover tests look for afterwards.
 */
export async function insertCaseWithRows(
  store: Store,
  id: string,
  options: {
    closedOn?: string | null;
    caseworkerId?: string;
    unit?: string;
    district?: string;
    insats?: string;
    assignee?: string | null;
    at?: number;
  } = {},
): Promise<void> {
  const at = options.at ?? Date.parse("2026-03-01T08:00:00Z");
  const caseworker = options.caseworkerId ?? "00000000-0000-0000-0000-0000000000a1";
  const insats = options.insats ?? "sis-socialpsykiatri";
  await store.db
    .insertInto("cases")
    .values({
      id,
      case_ref: `REF-${id}`,
      creation_key: `key-${id}`,
      type: "A",
      insats: insats as never,
      caseworker_id: caseworker,
      unit: (options.unit ?? "socialpsykiatri") as never,
      district: options.district ?? "Farsta",
      gender: "kvinna",
      age: 30,
      received_on: "2024-01-10",
      step: options.closedOn ? "avslutat" : "genomforandeplan",
      cycle: 0,
      version: 5,
      decision_outcome: "bifall",
      decided_on: "2024-02-01",
      jobbtorg_unit: "alfa",
      next_due_kind: null,
      next_due_on: null,
      closed_on: options.closedOn ?? null,
      close_reason: options.closedOn ? "insats-avslutad" : null,
      state: "{}",
      created_at: at,
      updated_at: at,
    } as never)
    .execute();
  await store.db
    .insertInto("case_step_events")
    .values({
      case_id: id,
      case_ref: `REF-${id}`,
      version: 1,
      step: "ansokan",
      action: "open",
      detail: null,
      actor: caseworker,
      at,
    } as never)
    .execute();
  const orderId = `order-${id}`;
  await store.db
    .insertInto("orders")
    .values({
      id: orderId,
      case_id: id,
      case_ref: `REF-${id}`,
      insats,
      jobbtorg_unit: "alfa",
      district: options.district ?? "Farsta",
      decision_from: "2024-02-01",
      decision_to: "2025-01-31",
      ordered_on: "2024-02-10",
      gp_due_on: "2024-03-01",
      gp_rule: "working",
      state: options.assignee ? "tilldelad" : options.closedOn ? "avslutad" : "ny",
      assignee: options.assignee ?? null,
      gp_sent_on: null,
      created_at: at,
      updated_at: at,
    } as never)
    .execute();
  await store.db
    .insertInto("order_cards")
    .values({ order_id: orderId, conversation_key: "channel:alfa", activity_id: `act-${id}`, posted_at: at })
    .execute();
  await store.db
    .insertInto("outbox")
    .values({
      event_type: "OrderChanged",
      handler: "orderCard",
      aggregate_id: orderId,
      payload: "{}",
      idempotency_key: `test:${orderId}`,
      state: "pending",
      attempts: 1,
      run_at: at,
      claimed_by: null,
      last_error: null,
      created_at: at,
      finished_at: null,
    } as never)
    .execute();
  await store.db
    .insertInto("meetings")
    .values({
      id: `meeting-${id}`,
      case_id: id,
      case_ref: `REF-${id}`,
      adapter: "outbox",
      jobbtorg_unit: "alfa",
      mailbox: "alfa@stockholm.se",
      starts_at: at,
      ends_at: at + 3_600_000,
      attendees: "[]",
      client_attends: 0,
      state: "booked",
      sequence: 0,
      external_id: null,
      delivered_to: null,
      join_url: null,
      booked_by: caseworker,
      created_at: at,
      updated_at: at,
    } as never)
    .execute();
  await store.db
    .insertInto("deadlines")
    .values({
      id: `follow-up:${id}`,
      kind: "follow-up",
      case_id: id,
      case_ref: `REF-${id}`,
      insats,
      due_on: "2026-09-01",
      starts_at: null,
      rule: null,
      caseworker_id: caseworker,
      caseworker_unit: options.unit ?? "socialpsykiatri",
      district: options.district ?? "Farsta",
      jobbtorg_unit: null,
      state: options.closedOn ? "cancelled" : "open",
      created_at: at,
      closed_at: null,
    })
    .execute();
  await store.db
    .insertInto("reminders")
    .values({
      deadline_id: `follow-up:${id}`,
      kind: "follow-up-before",
      target: `user:${caseworker}`,
      due_at: Date.parse("2026-08-18T06:30:00Z"),
      run_at: options.closedOn ? null : Date.parse("2026-08-18T06:30:00Z"),
      idempotency_key: `follow-up:${id}|follow-up-before|user:${caseworker}|2026-08-18`,
      state: options.closedOn ? "cancelled" : "pending",
      attempts: 0,
      claimed_by: null,
      last_error: null,
      sent_at: null,
      activity_id: null,
      created_at: at,
    })
    .execute();
  await store.db
    .insertInto("audit_log")
    .values({ at, actor: caseworker, action: "case.open", case_ref: `REF-${id}`, detail: null })
    .execute();
}

/** Rows of a case per table (0 everywhere once it is purged). */
export async function rowsOfCase(store: Store, id: string): Promise<Record<string, number>> {
  const count = async (table: string, column: string, value: string) => {
    const row = await (store.db as unknown as Kysely<Record<string, Record<string, unknown>>>)
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as("n"))
      .where(column, "=", value)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  return {
    cases: await count("cases", "id", id),
    case_step_events: await count("case_step_events", "case_id", id),
    orders: await count("orders", "case_id", id),
    order_cards: await count("order_cards", "order_id", `order-${id}`),
    outbox:
      (await count("outbox", "aggregate_id", id)) + (await count("outbox", "aggregate_id", `order-${id}`)),
    meetings: await count("meetings", "case_id", id),
    deadlines: await count("deadlines", "case_id", id),
    reminders: await count("reminders", "deadline_id", `follow-up:${id}`),
  };
}
