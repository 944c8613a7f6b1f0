import { sql, type ExpressionBuilder, type Kysely, type RawBuilder } from "kysely";
import { mayActOnCase } from "../cases/authorization.js";
import type { CaseService } from "../cases/service.js";
import type { Clock } from "../clock.js";
import { addDays, parseIsoDate, stockholmDate, type IsoDate } from "../deadlines/index.js";
import type { CaseworkerUnit, Directory, DirectoryUser } from "../directory/directory.js";
import {
  insatsNames,
  insatsShortNames,
  stepPosition,
  stepTitles,
  type CaseInsatsId,
} from "../domain/case-types.js";
import { commandStep, currentOrder, historyDetailTexts, historyTexts, nextDeadline } from "../domain/case.js";
import { decisionText } from "../domain/decision-text.js";
import { LruCache } from "../lru-cache.js";
import { channelTitle, relativeWorkingDays as countWorkingDays } from "../reminders/messages.js";
import type { ReminderRepository } from "../reminders/repository.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import "../cases/schema.js";
import "../reminders/schema.js";
import { scopeOf, viewsOf, type TabScope } from "./scope.js";
import { hiddenMark, protectDecisionTables, suppressBelow, type Shown } from "./suppression.js";
import type { CaseListQuery, DeadlineQuery, FollowUpQuery } from "./schemas.js";

// Counting working days walks the calendar day by day; a page of deadlines repeats few dates.
const relativeTexts = new LruCache<string, string>(4096);
function relativeWorkingDays(today: IsoDate, dueOn: IsoDate): string {
  return relativeTexts.getOrCreate(`${today}|${dueOn}`, () => countWorkingDays(today, dueOn));
}

const meetingKinds = new Set(["flerpartsmote", "meeting"]);

/**
 * The next deadline as the list and the case page show it. A flerpartsmöte is an appointment,
 * not a duty: once its day has passed it has been held, never overdue (as on the case card).
 */
function deadlineView(kind: string, dueOn: IsoDate, today: IsoDate): NonNullable<TabCaseRow["nextDeadline"]> {
  const held = meetingKinds.has(kind) && dueOn < today;
  return {
    kind: deadlineKindTexts[kind] ?? kind,
    dueOn,
    relative: held ? "har hållits" : relativeWorkingDays(today, dueOn),
    overdue: !held && dueOn < today,
  };
}

/** A count on its own (no sum beside it gives it away): under five it is hidden (SoLPUL 7 a §). */
export function suppress(count: number): Shown {
  return count > 0 && count < suppressBelow ? hiddenMark : count;
}

const deadlineKindTexts: Record<string, string> = {
  genomforandeplan: "Genomförandeplan",
  uppfoljning: "Uppföljning",
  flerpartsmote: "Flerpartsmöte",
  gp: "Genomförandeplan",
  "follow-up": "Uppföljning",
  meeting: "Flerpartsmöte",
};

const orderStateTexts: Record<string, string> = {
  ny: "Ej tilldelad",
  tilldelad: "Tilldelad",
  "gp-skickad": "GP skickad",
  avslutad: "Avslutad",
};

const genderTexts: Record<string, string> = { kvinna: "Kvinnor", man: "Män", annat: "Annat" };
export const genderOrder = ["kvinna", "man", "annat"] as const;

/**
 * A cached follow-up is compiled again after this long even when the fingerprint is the same
 * (cases removed by retention; another instance's clock lagging behind and writing an older
 * updated_at).
 */
const followUpMaxAgeMs = 60_000;

interface FollowUpEntry {
  fingerprint: string;
  at: number;
  value: Promise<FollowUp>;
}

export type FollowUp = Awaited<ReturnType<TabService["compileFollowUp"]>>;

/**
 * One row of "Mina ärenden": what the list shows and nothing more (no gender, no age, no names of
 * clients; the case page has the rest).
 */
export interface TabCaseRow {
  id: string;
  caseRef: string;
  insats: string;
  stepTitle: string;
  stepNumber: number;
  stepCount: number;
  caseworker: string;
  nextDeadline: { kind: string; dueOn: IsoDate; relative: string; overdue: boolean } | null;
  jobbtorg: { unit: string; state: string; assignee: string | null } | null;
  closedOn: IsoDate | null;
}

type CaseListRow = Pick<
  Database["cases"],
  | "id"
  | "case_ref"
  | "type"
  | "insats"
  | "caseworker_id"
  | "step"
  | "next_due_kind"
  | "next_due_on"
  | "closed_on"
>;

export interface TabDeps {
  store: Store;
  clock: Clock;
  directory: Directory;
  cases: CaseService;
  reminders: ReminderRepository;
  /** The bot's app id: the deep link back to the chat needs it (none in local mode). */
  appId: string | undefined;
}

/** The tab's use cases, on the same store, domain and authorization as the bot. */
export class TabService {
  /**
   * Compiled follow-ups by scope and period: a year of statistics is the same until a case or an
   * order changes (see storeFingerprint), and compiling it reads every decision of the period.
   */
  private readonly followUps = new LruCache<string, FollowUpEntry>(64);

  constructor(private readonly deps: TabDeps) {}

  private get db(): Kysely<Database> {
    return this.deps.store.db;
  }

  today(): IsoDate {
    return stockholmDate(this.deps.clock.now());
  }

  private async names(): Promise<Map<string, string>> {
    const users = await this.deps.directory.listUsers();
    return new Map(users.map((user) => [user.id, user.displayName]));
  }

  me(user: DirectoryUser) {
    const scope = scopeOf(user);
    return {
      id: user.id,
      displayName: user.displayName,
      roles: user.roles.map(roleText),
      views: viewsOf(scope),
      leads: scope.caseworkerUnits.length > 0,
      today: this.today(),
      chatLink: this.chatLink(),
    };
  }

  /** A Teams deep link to the personal chat with the bot, where the case cards are. */
  private chatLink(message?: string): string | null {
    if (!this.deps.appId) return null;
    const params = new URLSearchParams({ users: `28:${this.deps.appId}` });
    if (message) params.set("message", message);
    return `https://teams.microsoft.com/l/chat/0/0?${params.toString()}`;
  }

  /** Whole days from `from` to `to`, two ISO date columns, in the store's dialect. */
  private daysBetweenColumns(from: "ordered_on", to: "gp_sent_on"): RawBuilder<number | null> {
    return this.deps.store.dialect === "sqlite"
      ? sql<number | null>`cast(julianday(${sql.ref(to)}) - julianday(${sql.ref(from)}) as integer)`
      : sql<number | null>`(${sql.ref(to)}::date - ${sql.ref(from)}::date)`;
  }

  /**
   * Whole days from the order date to the Stockholm date of `assigned_at` (epoch ms), in the
   * store's dialect. Neither SQLite nor a portable query knows Stockholm's time zone, so the
   * summer-time periods since `from` are given as parameters (see stockholmSummerTimes).
   */
  private daysToAssignment(from: IsoDate): RawBuilder<number | null> {
    const summers = stockholmSummerTimes(Number(from.slice(0, 4)), this.deps.clock.now().getFullYear() + 1);
    const offset = sql.join(
      summers.map(([start, end]) => sql`when assigned_at >= ${start} and assigned_at < ${end} then 7200000`),
      sql` `,
    );
    const orderDay =
      this.deps.store.dialect === "sqlite"
        ? sql`cast(julianday(ordered_on) - 2440587.5 as integer)`
        : sql`(ordered_on::date - date '1970-01-01')`;
    return sql<number | null>`((assigned_at + case ${offset} else 3600000 end) / 86400000 - ${orderDay})`;
  }

  /** The user's cases (caseworker) or their unit's (team leader, admin), filtered, sorted, one page. */
  async cases(user: DirectoryUser, query: CaseListQuery) {
    const scope = scopeOf(user);
    const team = query.scope === "team" || (query.scope === undefined && !scope.caseworker);
    if (team && !scope.admin && scope.caseworkerUnits.length === 0) return { total: 0, rows: [], team };
    const today = this.today();
    const where = (eb: ExpressionBuilder<Database, "cases">) => {
      const conditions = [];
      if (!team) conditions.push(eb("caseworker_id", "=", user.id));
      else if (!scope.admin) {
        conditions.push(
          eb.or(
            scope.caseworkerUnits.map(({ unit, district }) =>
              district === undefined
                ? eb("unit", "=", unit)
                : eb.and([eb("unit", "=", unit), eb("district", "=", district)]),
            ),
          ),
        );
      }
      if (query.status === "open") conditions.push(eb("closed_on", "is", null));
      else conditions.push(eb("closed_on", ">=", addDays(today, -query.closedWithinDays)));
      if (query.insats) conditions.push(eb("insats", "=", query.insats));
      if (query.step) conditions.push(eb("step", "=", query.step));
      // The schema allows no LIKE wildcards in q; upper() makes it case-blind on both dialects.
      if (query.q) conditions.push(eb(eb.fn("upper", ["case_ref"]), "like", `%${query.q.toUpperCase()}%`));
      if (query.overdue) conditions.push(eb("next_due_on", "<", today));
      return eb.and(conditions);
    };
    let select = this.db
      .selectFrom("cases")
      .select([
        "id",
        "case_ref",
        "type",
        "insats",
        "caseworker_id",
        "step",
        "next_due_kind",
        "next_due_on",
        "closed_on",
      ])
      .where(where);
    if (query.sort === "ref") select = select.orderBy("case_ref");
    else if (query.sort === "closed") select = select.orderBy("closed_on", "desc").orderBy("case_ref");
    else {
      // Nearest deadline first, cases without one last: the expression migration 0016 indexes, so a
      // page is the start of one index range (the same on both dialects).
      select = select.orderBy(sql`coalesce(next_due_on, '9999-12-31')`).orderBy("case_ref");
    }
    const [rows, count] = await Promise.all([
      select.limit(query.limit).offset(query.offset).execute(),
      this.db
        .selectFrom("cases")
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .where(where)
        .executeTakeFirstOrThrow(),
    ]);
    return { total: Number(count.n), team, rows: await this.caseRows(rows, today) };
  }

  private async caseRows(rows: CaseListRow[], today: IsoDate): Promise<TabCaseRow[]> {
    const ids = rows.map((row) => row.id);
    const [orders, names] = await Promise.all([
      ids.length === 0
        ? []
        : this.db
            .selectFrom("orders")
            .select(["case_id", "jobbtorg_unit", "state", "assignee", "created_at"])
            .where("case_id", "in", ids)
            .where("state", "!=", "avslutad")
            .execute(),
      this.names(),
    ]);
    const latest = new Map<string, (typeof orders)[number]>();
    for (const order of orders) {
      const seen = latest.get(order.case_id);
      if (!seen || seen.created_at < order.created_at) latest.set(order.case_id, order);
    }
    return rows.map((row) => {
      const position = stepPosition(row.type, row.step);
      const order = latest.get(row.id);
      return {
        id: row.id,
        caseRef: row.case_ref,
        insats: insatsShortNames[row.insats],
        stepTitle: stepTitles[row.step],
        stepNumber: position.number,
        stepCount: position.of,
        caseworker: names.get(row.caseworker_id) ?? "okänd medarbetare",
        nextDeadline:
          row.next_due_on && row.next_due_kind && !row.closed_on
            ? deadlineView(row.next_due_kind, row.next_due_on, today)
            : null,
        jobbtorg: order
          ? {
              unit: channelTitle(order.jobbtorg_unit),
              state: orderStateTexts[order.state] ?? order.state,
              assignee: order.assignee ? (names.get(order.assignee) ?? "okänd medarbetare") : null,
            }
          : null,
        closedOn: row.closed_on,
      };
    });
  }

  /**
   * One case with its history, decision text, open deadlines and orders; undefined when it does
   * not exist or the user may not see it (the two answer alike, so nothing leaks).
   */
  async caseDetail(user: DirectoryUser, caseId: string) {
    const record = await this.deps.cases.repository.get(caseId);
    if (!record || !mayActOnCase(user, record)) return undefined;
    const [events, orders, deadlines, names] = await Promise.all([
      this.deps.cases.repository.events(record.id),
      this.deps.cases.repository.orders(record.id),
      this.deps.reminders.openDeadlinesOfCase(record.id),
      this.names(),
    ]);
    const today = this.today();
    const { state } = record;
    const position = stepPosition(record.type, state.step);
    const deadline = nextDeadline(state, record.planSentOn);
    let text: string | null = null;
    if (state.decision) {
      const decision = state.decision;
      text = decisionText({
        caseRef: record.caseRef,
        state: { ...state, decision },
        district: record.district,
      });
    }
    const order = currentOrder(state);
    return {
      id: record.id,
      caseRef: record.caseRef,
      type: record.type,
      insats: insatsShortNames[record.insats],
      insatsName: insatsNames[record.insats],
      step: state.step,
      stepTitle: stepTitles[state.step],
      stepNumber: position.number,
      stepCount: position.of,
      caseworker: names.get(record.caseworkerId) ?? "okänd medarbetare",
      unit: channelTitle(record.unit, record.district),
      receivedOn: state.receivedOn,
      closed: state.closed ? { on: state.closed.on } : null,
      nextDeadline: deadline ? deadlineView(deadline.kind, deadline.dueOn, today) : null,
      timeline: events.map((event) => ({
        version: event.version,
        step: stepTitles[event.step],
        action:
          historyTexts[event.action as keyof typeof historyTexts] ??
          stepTitles[commandStep[event.action as never] ?? event.step],
        detail: event.detail ? (historyDetailTexts[event.detail] ?? null) : null,
        actor: event.actor === "system" ? "Insatsguiden" : (names.get(event.actor) ?? "okänd medarbetare"),
        at: event.at.toISOString(),
      })),
      decision: state.decision
        ? { decidedOn: state.decision.decidedOn, outcome: state.decision.outcome, text }
        : null,
      deadlines: deadlines
        .filter((row) => row.kind !== "meeting" || row.due_on >= today)
        .map((row) => ({
          kind: deadlineKindTexts[row.kind] ?? row.kind,
          dueOn: row.due_on,
          relative: relativeWorkingDays(today, row.due_on),
          overdue: row.due_on < today,
        })),
      orders: orders.map((row) => ({
        unit: channelTitle(row.jobbtorg_unit),
        orderedOn: row.ordered_on,
        gpDueOn: row.gp_due_on,
        state: orderStateTexts[row.state] ?? row.state,
        assignee: row.assignee ? (names.get(row.assignee) ?? "okänd medarbetare") : null,
        gpSentOn: row.gp_sent_on,
        current: order?.orderId === row.id,
      })),
      chatLink: this.chatLink(),
    };
  }

  /** The unit's open GP and follow-up deadlines, overdue / this week / later, and unassigned orders. */
  async teamDeadlines(user: DirectoryUser, query: DeadlineQuery) {
    const scope = scopeOf(user);
    if (!leads(scope)) return undefined;
    const today = this.today();
    const weekEnd = endOfWeek(today);
    const inScope = (eb: ExpressionBuilder<Database, "deadlines">) => {
      const conditions = [
        eb("state", "=", "open"),
        eb("kind", "in", query.kind ? [query.kind] : ["gp", "follow-up"]),
      ];
      if (!scope.admin) {
        conditions.push(
          eb.or([
            ...scope.caseworkerUnits.map(({ unit, district }) =>
              district === undefined
                ? eb("caseworker_unit", "=", unit)
                : eb.and([eb("caseworker_unit", "=", unit), eb("district", "=", district)]),
            ),
            ...(scope.jobbtorgUnits.length
              ? [eb.and([eb("kind", "=", "gp"), eb("jobbtorg_unit", "in", scope.jobbtorgUnits)])]
              : []),
          ]),
        );
      }
      if (query.caseworker) conditions.push(eb("caseworker_id", "=", query.caseworker));
      return eb.and(conditions);
    };
    const bucket = (range: (eb: ExpressionBuilder<Database, "deadlines">) => ReturnType<typeof eb.and>) =>
      this.db
        .selectFrom("deadlines")
        .select([
          "id",
          "kind",
          "case_id",
          "case_ref",
          "insats",
          "due_on",
          "caseworker_id",
          "caseworker_unit",
          "district",
          "jobbtorg_unit",
        ])
        .where(inScope)
        .where(range)
        .orderBy("due_on")
        .orderBy("case_ref")
        .limit(query.limit)
        .execute();
    const [overdue, thisWeek, later, perCaseworker, unassigned, names] = await Promise.all([
      bucket((eb) => eb.and([eb("due_on", "<", today)])),
      bucket((eb) => eb.and([eb("due_on", ">=", today), eb("due_on", "<=", weekEnd)])),
      bucket((eb) => eb.and([eb("due_on", ">", weekEnd)])),
      this.db
        .selectFrom("deadlines")
        .select((eb) => [
          "caseworker_id",
          eb.fn
            .sum<string | number>(eb.case().when("due_on", "<", today).then(1).else(0).end())
            .as("overdue"),
          eb.fn
            .sum<string | number>(
              eb
                .case()
                .when(eb.and([eb("due_on", ">=", today), eb("due_on", "<=", weekEnd)]))
                .then(1)
                .else(0)
                .end(),
            )
            .as("this_week"),
          eb.fn.countAll<string | number>().as("total"),
        ])
        .where(inScope)
        .groupBy("caseworker_id")
        .execute(),
      this.unassignedOrders(scope, query.limit),
      this.names(),
    ]);
    const item = (row: (typeof overdue)[number]) => ({
      caseId: row.case_id,
      caseRef: row.case_ref,
      kind: deadlineKindTexts[row.kind] ?? row.kind,
      insats: insatsShortNames[row.insats as CaseInsatsId] ?? row.insats,
      dueOn: row.due_on,
      relative: relativeWorkingDays(today, row.due_on),
      caseworker: names.get(row.caseworker_id) ?? "okänd medarbetare",
      jobbtorg: row.jobbtorg_unit ? channelTitle(row.jobbtorg_unit) : null,
      // A Jobbtorg team leader sees the deadline but, as in the bot, not the case itself.
      canOpen: mayActOnCase(user, {
        caseworkerId: row.caseworker_id,
        unit: row.caseworker_unit as CaseworkerUnit,
        district: row.district ?? "",
      }),
    });
    const caseworkers = perCaseworker
      .map((row) => ({
        id: row.caseworker_id,
        name: names.get(row.caseworker_id) ?? "okänd medarbetare",
        overdue: Number(row.overdue),
        thisWeek: Number(row.this_week),
        later: Number(row.total) - Number(row.overdue) - Number(row.this_week),
      }))
      .sort((a, b) => b.overdue - a.overdue || a.name.localeCompare(b.name, "sv"));
    const totals = caseworkers.reduce(
      (sum, row) => ({
        overdue: sum.overdue + row.overdue,
        thisWeek: sum.thisWeek + row.thisWeek,
        later: sum.later + row.later,
      }),
      { overdue: 0, thisWeek: 0, later: 0 },
    );
    return {
      today,
      weekEnd,
      units: unitTitles(scope),
      totals,
      overdue: overdue.map(item),
      thisWeek: thisWeek.map(item),
      later: later.map(item),
      caseworkers,
      unassigned: unassigned.map((row) => ({
        caseId: row.case_id,
        caseRef: row.case_ref,
        insats: insatsShortNames[row.insats] ?? row.insats,
        unit: channelTitle(row.jobbtorg_unit),
        orderedOn: row.ordered_on,
        gpDueOn: row.gp_due_on,
        relative: relativeWorkingDays(today, row.gp_due_on),
        canOpen: mayActOnCase(user, {
          caseworkerId: row.caseworker_id,
          unit: row.unit,
          district: row.district,
        }),
      })),
    };
  }

  /** Orders Jobbtorg has not assigned: of the led Jobbtorg units, and of the led caseworker units' cases. */
  private async unassignedOrders(scope: TabScope, limit: number) {
    let query = this.db
      .selectFrom("orders")
      .innerJoin("cases", "cases.id", "orders.case_id")
      .select([
        "orders.case_id",
        "orders.case_ref",
        "orders.insats",
        "orders.jobbtorg_unit",
        "orders.ordered_on",
        "orders.gp_due_on",
        "cases.caseworker_id",
        "cases.unit",
        "cases.district",
      ])
      .where("orders.state", "=", "ny");
    if (!scope.admin) {
      query = query.where((eb) =>
        eb.or([
          ...scope.caseworkerUnits.map(({ unit, district }) =>
            district === undefined
              ? eb("cases.unit", "=", unit)
              : eb.and([eb("cases.unit", "=", unit), eb("orders.district", "=", district)]),
          ),
          ...(scope.jobbtorgUnits.length ? [eb("orders.jobbtorg_unit", "in", scope.jobbtorgUnits)] : []),
        ]),
      );
    }
    return query.orderBy("orders.ordered_on").orderBy("orders.case_ref").limit(limit).execute();
  }

  /**
   * The follow-up the sources ask for, over a period: decisions and grants by gender per insats and
   * per district, decisions per district, and Jobbtorg's queue and speed. Counts under five are
   * suppressed here, so they never leave the server.
   */
  async followUp(user: DirectoryUser, query: FollowUpQuery) {
    const scope = scopeOf(user);
    if (!leads(scope)) return undefined;
    const key = JSON.stringify([
      scope.admin,
      scope.caseworkerUnits,
      scope.jobbtorgUnits,
      query.from,
      query.to,
    ]);
    const fingerprint = await this.storeFingerprint();
    let entry = this.followUps.getOrCreate(key, () => this.followUpEntry(fingerprint, scope, query));
    if (entry.fingerprint !== fingerprint || Date.now() - entry.at > followUpMaxAgeMs) {
      this.followUps.delete(key);
      entry = this.followUps.getOrCreate(key, () => this.followUpEntry(fingerprint, scope, query));
    }
    try {
      return await entry.value;
    } catch (error) {
      this.followUps.delete(key);
      throw error;
    }
  }

  /**
   * What changes when a case or an order is written: the latest write, one index seek each
   * (migration 0016). A follow-up compiled at the same fingerprint is the same follow-up; a
   * removal (retention) leaves it alone, and is seen once the entry is a minute old.
   */
  private async storeFingerprint(): Promise<string> {
    const { rows } = await sql<Record<string, unknown>>`select
      (select max(updated_at) from cases) as cases_at, (select max(updated_at) from orders) as orders_at`.execute(
      this.db,
    );
    return JSON.stringify(Object.values(rows[0] ?? {}).map(String));
  }

  private followUpEntry(fingerprint: string, scope: TabScope, query: FollowUpQuery): FollowUpEntry {
    return { fingerprint, at: Date.now(), value: this.compileFollowUp(scope, query) };
  }

  private async compileFollowUp(scope: TabScope, query: FollowUpQuery) {
    const { from, to } = query;
    let decided = this.db
      .selectFrom("cases")
      .select((eb) => [
        "insats",
        "district",
        "gender",
        eb.fn.countAll<string | number>().as("decisions"),
        eb.fn
          .sum<string | number>(
            eb.case().when("decision_outcome", "in", ["bifall", "delavslag"]).then(1).else(0).end(),
          )
          .as("granted"),
      ])
      .where("decided_on", ">=", from)
      .where("decided_on", "<=", to);
    if (!scope.admin) {
      decided = decided.where((eb) =>
        eb.or([
          ...scope.caseworkerUnits.map(({ unit, district }) =>
            district === undefined
              ? eb("unit", "=", unit)
              : eb.and([eb("unit", "=", unit), eb("district", "=", district)]),
          ),
          ...(scope.jobbtorgUnits.length ? [eb("jobbtorg_unit", "in", scope.jobbtorgUnits)] : []),
        ]),
      );
    }
    // Jobbtorg's speed as counts per (unit, days to assignment, days to GP): the day arithmetic runs
    // in the database, so a year's orders come back as a few hundred rows, not one row each.
    let ordered = this.db
      .selectFrom("orders")
      .select((eb) => [
        "jobbtorg_unit",
        this.daysToAssignment(from).as("to_assignment"),
        this.daysBetweenColumns("ordered_on", "gp_sent_on").as("to_gp"),
        eb.fn.countAll<string | number>().as("n"),
      ])
      .where("ordered_on", ">=", from)
      .where("ordered_on", "<=", to)
      .groupBy(["jobbtorg_unit", "to_assignment", "to_gp"]);
    let queued = this.db
      .selectFrom("orders")
      .select((eb) => ["jobbtorg_unit", eb.fn.countAll<string | number>().as("n")])
      .where("state", "=", "ny")
      .groupBy("jobbtorg_unit");
    if (!scope.admin) {
      // A district team leader sees Jobbtorg's handling of their own unit's orders.
      const units = scope.jobbtorgUnits;
      const caseScopes = scope.caseworkerUnits;
      const orderScope = (eb: ExpressionBuilder<Database, "orders">) =>
        eb.or([
          ...(units.length ? [eb("jobbtorg_unit", "in", units)] : []),
          ...caseScopes.map(({ unit, district }) =>
            eb.and([
              ...(district === undefined ? [] : [eb("district", "=", district)]),
              // One lookup by primary key per order of the period (the district narrows them first).
              eb.exists(
                eb
                  .selectFrom("cases")
                  .select(sql.lit(1).as("one"))
                  .whereRef("cases.id", "=", "orders.case_id")
                  .where("cases.unit", "=", unit),
              ),
            ]),
          ),
        ]);
      ordered = ordered.where(orderScope);
      queued = queued.where(orderScope);
    }
    const [groups, orders, queues] = await Promise.all([
      decided.groupBy(["insats", "district", "gender"]).execute(),
      ordered.execute(),
      queued.execute(),
    ]);
    const tables = protectDecisionTables(
      groups.map((row) => ({
        insats: insatsShortNames[row.insats] ?? row.insats,
        district: row.district,
        gender: genderTexts[row.gender] ?? row.gender,
        decisions: Number(row.decisions),
        granted: Number(row.granted),
      })),
      genderOrder.map((gender) => genderTexts[gender]!),
    );
    const units = scope.admin
      ? ["alfa", "iwork"]
      : [...new Set(orders.map((o) => o.jobbtorg_unit).concat(scope.jobbtorgUnits))];
    const jobbtorg = units.sort().map((unit) => {
      const mine = orders.filter((row) => row.jobbtorg_unit === unit);
      const histogram = (key: "to_assignment" | "to_gp") =>
        mine.flatMap((row) => (row[key] === null ? [] : [[Number(row[key]), Number(row.n)] as const]));
      return {
        unit: channelTitle(unit),
        queue: suppress(Number(queues.find((q) => q.jobbtorg_unit === unit)?.n ?? 0)),
        ordered: suppress(mine.reduce((sum, row) => sum + Number(row.n), 0)),
        daysToAssignment: medianOf(histogram("to_assignment")),
        daysToGp: medianOf(histogram("to_gp")),
      };
    });
    return {
      from,
      to,
      units: unitTitles(scope),
      ...tables,
      jobbtorg,
    };
  }
}

/**
 * The median of day counts given as [days, how many] pairs, or null with fewer than five
 * (it would single out a case).
 */
export function medianOf(histogram: readonly (readonly [number, number])[]): {
  median: number | null;
  count: Shown;
} {
  const count = histogram.reduce((sum, [, n]) => sum + n, 0);
  if (count < suppressBelow) return { median: null, count: suppress(count) };
  const sorted = [...histogram].sort(([a], [b]) => a - b);
  const nth = (index: number) => {
    let seen = 0;
    for (const [days, n] of sorted) {
      seen += n;
      if (index < seen) return days;
    }
    return sorted[sorted.length - 1]![0];
  };
  const middle = Math.floor(count / 2);
  const median = count % 2 ? nth(middle) : (nth(middle - 1) + nth(middle)) / 2;
  return { median, count };
}

/**
 * Stockholm's summer-time periods of the years, as [start, end) in epoch ms: from the last Sunday
 * of March to the last Sunday of October, 01:00 UTC both (the EU rule since 1996). Outside them
 * Stockholm is UTC+1, inside UTC+2.
 */
export function stockholmSummerTimes(fromYear: number, toYear: number): [number, number][] {
  const lastSundayAt1Utc = (year: number, month: number) => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return last.getTime() - last.getUTCDay() * 86_400_000;
  };
  const periods: [number, number][] = [];
  for (let year = fromYear; year <= toYear; year += 1) {
    periods.push([lastSundayAt1Utc(year, 2), lastSundayAt1Utc(year, 9)]);
  }
  return periods;
}

/** Sunday of the week `date` lies in (Swedish weeks start on Monday). */
export function endOfWeek(date: IsoDate): IsoDate {
  return addDays(date, 7 - parseIsoDate(date).weekday);
}

function leads(scope: TabScope): boolean {
  return scope.admin || scope.caseworkerUnits.length > 0 || scope.jobbtorgUnits.length > 0;
}

function unitTitles(scope: TabScope): string[] {
  if (scope.admin) return ["Alla enheter"];
  return [
    ...scope.caseworkerUnits.map(({ unit, district }) => channelTitle(unit, district)),
    ...scope.jobbtorgUnits.map((unit) => channelTitle(unit)),
  ];
}

function roleText(role: DirectoryUser["roles"][number]): string {
  switch (role.role) {
    case "handlaggare":
      return `Handläggare, ${channelTitle(role.unit, role.district)}`;
    case "arbetsspecialist":
      return `Arbetsspecialist, ${channelTitle(role.unit)}`;
    case "gruppledare":
      return `Gruppledare, ${channelTitle(role.unit, role.district)}`;
    case "admin":
      return "Administratör";
  }
}
