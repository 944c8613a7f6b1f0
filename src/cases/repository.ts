import type { ExpressionBuilder, Kysely, Transaction } from "kysely";
import type { CaseworkerUnit } from "../directory/directory.js";
import { caseStateSchema, currentOrder, nextDeadline, type CaseState } from "../domain/case.js";
import type { CaseInsatsId, CaseType, StepId } from "../domain/case-types.js";
import { compiledQuery } from "../store/compiled-query.js";
import type { Store } from "../store/db.js";
import type { AuditLogTable, Database } from "../store/schema.js";
import { OrderRepository, type CaseOrderChange, type OrderRow } from "../orders/repository.js";
import { OutboxRepository, type NewEffect } from "../outbox/repository.js";
import type { CaseStepEventTable, CaseTable } from "./schema.js";
import "./schema.js";

/** A case as the service works with it. */
export interface CaseRecord {
  id: string;
  caseRef: string;
  type: CaseType;
  insats: CaseInsatsId;
  caseworkerId: string;
  unit: CaseworkerUnit;
  district: string;
  version: number;
  state: CaseState;
  /**
   * When Jobbtorg reported the plan of the case's latest order sent (`orders.gp_sent_on`): the
   * genomförandeplan deadline is then met (src/domain/case.ts, planOutstanding).
   */
  planSentOn?: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** One row of "mina ärenden" / "teamets ärenden". */
export interface CaseListItem {
  id: string;
  caseRef: string;
  type: CaseType;
  insats: CaseInsatsId;
  caseworkerId: string;
  unit: CaseworkerUnit;
  district: string;
  step: StepId;
  cycle: number;
  nextDueKind: string | null;
  nextDueOn: string | null;
}

export interface CaseEvent {
  version: number;
  step: StepId;
  action: string;
  detail: string | null;
  actor: string;
  at: Date;
}

export type { OrderRow };

/** Who did what on which case (the audit log, `audit_log`), written with the change itself. */
export interface CaseAudit {
  actor: string;
  action: string;
  detail: string | null;
}

/** What one case change writes, all in one transaction. */
export interface CaseChange {
  id: string;
  expectedVersion: number;
  state: CaseState;
  event: { step: StepId; action: string; detail: string | null; actor: string };
  audit: CaseAudit;
  /** What the step does to the case's orders (written by src/orders, the table's owner). */
  orders?: CaseOrderChange;
  /** The change's effects, as outbox rows (src/events/wiring.ts). */
  effects?: NewEffect[];
  at: Date;
}

type Db = Kysely<Database> | Transaction<Database>;

/** The columns that mirror the aggregate, so lists sort and filter without reading JSON. */
function mirroredColumns(state: CaseState, planSentOn?: string | null) {
  const deadline = nextDeadline(state, planSentOn);
  return {
    step: state.step,
    cycle: state.followUps.length,
    decision_outcome: state.decision?.outcome ?? null,
    decided_on: state.decision?.decidedOn ?? null,
    jobbtorg_unit: currentOrder(state)?.jobbtorgUnit ?? null,
    next_due_kind: deadline?.kind ?? null,
    next_due_on: deadline?.dueOn ?? null,
    closed_on: state.closed?.on ?? null,
    close_reason: state.closed?.reason ?? null,
    state: JSON.stringify(state),
  };
}

type MirroredColumns = ReturnType<typeof mirroredColumns>;

/** `orders.gp_sent_on` of the case's latest order (the one its state calls current). */
function planSentOnOf(eb: ExpressionBuilder<Database, "cases">) {
  return eb
    .selectFrom("orders")
    .select("orders.gp_sent_on")
    .whereRef("orders.case_id", "=", "cases.id")
    .orderBy("orders.created_at", "desc")
    .limit(1)
    .as("plan_sent_on");
}

// The statements of every case step, compiled once (see compiledQuery).
const selectCaseQuery = compiledQuery((db, p: { id: string }) =>
  db.selectFrom("cases").selectAll("cases").select(planSentOnOf).where("cases.id", "=", p.id),
);

type CaseUpdate = MirroredColumns & {
  id: string;
  version: number;
  expectedVersion: number;
  updatedAt: number;
};

/**
 * SQLite rewrites an index whenever one of its columns is in SET, even to the same value, and
 * both list indexes end with `closed_on`: a step that does not close the case leaves the closing
 * columns out (two of the seven pages a step wrote, measured in the WAL).
 */
const updateCase = (closing: boolean) =>
  compiledQuery((db, p: CaseUpdate) => {
    const columns = {
      step: p.step,
      cycle: p.cycle,
      decision_outcome: p.decision_outcome,
      decided_on: p.decided_on,
      jobbtorg_unit: p.jobbtorg_unit,
      next_due_kind: p.next_due_kind,
      next_due_on: p.next_due_on,
      state: p.state,
      version: p.version,
      updated_at: p.updatedAt,
    } satisfies Record<
      Exclude<keyof MirroredColumns, "closed_on" | "close_reason"> | "version" | "updated_at",
      unknown
    >;
    return db
      .updateTable("cases")
      .set(closing ? { ...columns, closed_on: p.closed_on, close_reason: p.close_reason } : columns)
      .where("id", "=", p.id)
      .where("version", "=", p.expectedVersion)
      .returning("case_ref");
  });
const updateOpenCaseQuery = updateCase(false);
const updateClosedCaseQuery = updateCase(true);

const insertEventQuery = compiledQuery((db, p: Omit<CaseStepEventTable, "id">) =>
  db.insertInto("case_step_events").values({
    case_id: p.case_id,
    case_ref: p.case_ref,
    version: p.version,
    step: p.step,
    action: p.action,
    detail: p.detail,
    actor: p.actor,
    at: p.at,
  }),
);

const insertAuditQuery = compiledQuery((db, p: Omit<AuditLogTable, "id">) =>
  db.insertInto("audit_log").values({
    at: p.at,
    actor: p.actor,
    action: p.action,
    case_ref: p.case_ref,
    detail: p.detail,
  }),
);

function toRecord(row: CaseTable & { plan_sent_on?: string | null }): CaseRecord {
  return {
    id: row.id,
    caseRef: row.case_ref,
    type: row.type,
    insats: row.insats,
    caseworkerId: row.caseworker_id,
    unit: row.unit,
    district: row.district,
    version: row.version,
    state: caseStateSchema.parse(JSON.parse(row.state)),
    planSentOn: row.plan_sent_on ?? null,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
  };
}

const listColumns = [
  "id",
  "case_ref",
  "type",
  "insats",
  "caseworker_id",
  "unit",
  "district",
  "step",
  "cycle",
  "next_due_kind",
  "next_due_on",
] as const;

/** Cases, their history and their Jobbtorg orders, on SQLite and PostgreSQL alike. */
export class CaseRepository {
  private readonly orderRows: OrderRepository;
  private readonly outbox: OutboxRepository;

  constructor(private readonly store: Store) {
    this.orderRows = new OrderRepository(store);
    this.outbox = new OutboxRepository(store);
  }

  private get db(): Kysely<Database> {
    return this.store.db;
  }

  /**
   * Inserts a new case (version 1) and its first history event.
   * @returns false when the case reference or the creation key is already taken.
   */
  async insert(
    record: Omit<CaseRecord, "version" | "createdAt" | "updatedAt">,
    creationKey: string,
    at: Date,
    audit: CaseAudit,
  ): Promise<boolean> {
    try {
      await this.db.transaction().execute(async (trx) => {
        await trx
          .insertInto("cases")
          .values({
            id: record.id,
            case_ref: record.caseRef,
            creation_key: creationKey,
            type: record.type,
            insats: record.insats,
            caseworker_id: record.caseworkerId,
            unit: record.unit,
            district: record.district,
            gender: record.state.gender,
            age: record.state.age,
            received_on: record.state.receivedOn,
            version: 1,
            created_at: at.getTime(),
            updated_at: at.getTime(),
            ...mirroredColumns(record.state),
          })
          .execute();
        await this.insertEvent(trx, record.id, record.caseRef, 1, {
          step: "ansokan",
          action: "open",
          detail: record.insats,
          actor: record.caseworkerId,
          at,
        });
        await this.insertAudit(trx, record.caseRef, audit, at);
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  private async insertEvent(
    db: Db,
    caseId: string,
    caseRef: string,
    version: number,
    event: { step: StepId; action: string; detail: string | null; actor: string; at: Date },
  ): Promise<void> {
    await db.executeQuery(
      insertEventQuery(this.store.dialect, {
        case_id: caseId,
        case_ref: caseRef,
        version,
        step: event.step,
        action: event.action,
        detail: event.detail,
        actor: event.actor,
        at: event.at.getTime(),
      }),
    );
  }

  /**
   * The audit entry goes into the same transaction as the step (the foundation's `audit_log`
   * table, as src/store/audit.ts writes it), so the history and the audit trail never disagree.
   */
  private async insertAudit(db: Db, caseRef: string, audit: CaseAudit, at: Date): Promise<void> {
    await db.executeQuery(
      insertAuditQuery(this.store.dialect, {
        at: at.getTime(),
        actor: audit.actor,
        action: audit.action,
        case_ref: caseRef,
        detail: audit.detail,
      }),
    );
  }

  async get(id: string): Promise<CaseRecord | undefined> {
    const [row] = (await this.db.executeQuery(selectCaseQuery(this.store.dialect, { id }))).rows;
    return row && toRecord(row);
  }

  async findByCreationKey(key: string): Promise<CaseRecord | undefined> {
    const row = await this.db
      .selectFrom("cases")
      .selectAll("cases")
      .select(planSentOnOf)
      .where("cases.creation_key", "=", key)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findByRef(caseRef: string): Promise<CaseRecord | undefined> {
    const row = await this.db
      .selectFrom("cases")
      .selectAll("cases")
      .select(planSentOnOf)
      .where("cases.case_ref", "=", caseRef)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /**
   * Stores a change if nobody changed the case since `expectedVersion` was read.
   * The step's orders and its effects' outbox rows commit with it, or nothing does.
   * @returns the new version and the outbox rows written, or undefined when the case moved on
   * (a double click, a race).
   */
  async save(
    change: CaseChange,
  ): Promise<{ version: number; effectIds: number[]; planSentOn: string | null } | undefined> {
    const version = change.expectedVersion + 1;
    return this.db.transaction().execute(async (trx) => {
      const [updated] = (
        await trx.executeQuery(
          (change.state.closed ? updateClosedCaseQuery : updateOpenCaseQuery)(this.store.dialect, {
            ...mirroredColumns(change.state),
            id: change.id,
            version,
            expectedVersion: change.expectedVersion,
            updatedAt: change.at.getTime(),
          }),
        )
      ).rows;
      if (!updated) return undefined;
      await this.insertEvent(trx, change.id, updated.case_ref, version, { ...change.event, at: change.at });
      await this.insertAudit(trx, updated.case_ref, change.audit, change.at);
      if (change.orders) await this.orderRows.writeForCase(trx, change.id, change.orders, change.at);
      // Waiting for a plan Jobbtorg may already have sent (a completion request, a late check).
      const planSentOn =
        change.state.step === "genomforandeplan"
          ? await refreshNextDeadline(trx, change.id, change.state)
          : null;
      const effectIds = change.effects?.length ? await this.outbox.write(trx, change.effects, change.at) : [];
      return { version, effectIds, planSentOn };
    });
  }

  /** Open cases of a caseworker, most urgent first (nearest deadline; none last). */
  async openForCaseworker(caseworkerId: string): Promise<CaseListItem[]> {
    const rows = await this.db
      .selectFrom("cases")
      .select(listColumns)
      .where("caseworker_id", "=", caseworkerId)
      .where("closed_on", "is", null)
      .execute();
    return sortByUrgency(rows.map(toListItem));
  }

  /** Open cases of units (optionally one district each), most urgent first. */
  async openForUnits(units: { unit: CaseworkerUnit; district?: string }[]): Promise<CaseListItem[]> {
    if (units.length === 0) return [];
    const rows = await this.db
      .selectFrom("cases")
      .select(listColumns)
      .where("closed_on", "is", null)
      .where((eb) =>
        eb.or(
          units.map(({ unit, district }) =>
            district === undefined
              ? eb("unit", "=", unit)
              : eb.and([eb("unit", "=", unit), eb("district", "=", district)]),
          ),
        ),
      )
      .execute();
    return sortByUrgency(rows.map(toListItem));
  }

  async orders(caseId: string): Promise<OrderRow[]> {
    return this.db
      .selectFrom("orders")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("ordered_on")
      .orderBy("created_at")
      .execute();
  }

  async events(caseId: string): Promise<CaseEvent[]> {
    const rows = await this.db
      .selectFrom("case_step_events")
      .selectAll()
      .where("case_id", "=", caseId)
      .orderBy("version")
      .execute();
    return rows.map((row) => ({
      version: row.version,
      step: row.step,
      action: row.action,
      detail: row.detail,
      actor: row.actor,
      at: new Date(row.at),
    }));
  }
}

/**
 * Brings the case's `next_due_*` columns up to date with what its orders know — called in the
 * transaction that changed them (a case step, or Jobbtorg reporting the plan sent: src/orders),
 * so "mina ärenden", "teamets ärenden", the tab and the case card agree with `frister`.
 * @param state the case's new state when a step just wrote it; without it only a case waiting
 * for a plan is looked at (nothing else depends on the orders).
 * @returns the latest order's `gp_sent_on`.
 */
export async function refreshNextDeadline(db: Db, caseId: string, state?: CaseState): Promise<string | null> {
  const row = await db
    .selectFrom("cases")
    .select(["cases.state", "cases.next_due_kind", "cases.next_due_on"])
    .select(planSentOnOf)
    .where("cases.id", "=", caseId)
    .executeTakeFirst();
  if (!row) return null;
  const planSentOn = row.plan_sent_on ?? null;
  if (!state && row.next_due_kind !== "genomforandeplan") return planSentOn;
  const deadline = nextDeadline(state ?? caseStateSchema.parse(JSON.parse(row.state)), planSentOn);
  const kind = deadline?.kind ?? null;
  const dueOn = deadline?.dueOn ?? null;
  if (kind !== row.next_due_kind || dueOn !== row.next_due_on) {
    await db
      .updateTable("cases")
      .set({ next_due_kind: kind, next_due_on: dueOn })
      .where("id", "=", caseId)
      .execute();
  }
  return planSentOn;
}

function toListItem(row: Pick<CaseTable, (typeof listColumns)[number]>): CaseListItem {
  return {
    id: row.id,
    caseRef: row.case_ref,
    type: row.type,
    insats: row.insats,
    caseworkerId: row.caseworker_id,
    unit: row.unit,
    district: row.district,
    step: row.step,
    cycle: row.cycle,
    nextDueKind: row.next_due_kind,
    nextDueOn: row.next_due_on,
  };
}

/** Nearest deadline first, cases without one last, then by reference (the same order on both dialects). */
function sortByUrgency(items: CaseListItem[]): CaseListItem[] {
  return items.sort(
    (a, b) =>
      (a.nextDueOn ?? "9999-12-31").localeCompare(b.nextDueOn ?? "9999-12-31") ||
      a.caseRef.localeCompare(b.caseRef, "sv"),
  );
}

/** A unique-constraint violation on SQLite (better-sqlite3) or PostgreSQL (pg, SQLSTATE 23505). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY";
}
