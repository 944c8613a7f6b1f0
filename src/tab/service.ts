import type { ExpressionBuilder, Kysely } from "kysely";
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
  type StepId,
} from "../domain/case-types.js";
import { commandStep, currentOrder, nextDeadline } from "../domain/case.js";
import { decisionText } from "../domain/decision-text.js";
import { LruCache } from "../lru-cache.js";
import { channelTitle, relativeWorkingDays as countWorkingDays } from "../reminders/messages.js";
import type { ReminderRepository } from "../reminders/repository.js";
import type { Store } from "../store/db.js";
import type { Database } from "../store/schema.js";
import "../cases/schema.js";
import "../reminders/schema.js";
import { scopeOf, viewsOf, type TabScope } from "./scope.js";
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

/** Counts under this are shown as "<5" so that no client can be singled out (SoLPUL 7 a §). */
export const suppressBelow = 5;
export type Count = number | "<5";

export function suppress(count: number): Count {
  return count > 0 && count < suppressBelow ? "<5" : count;
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

const actionTexts: Record<string, string> = {
  open: "Ansökan registrerad",
  informationMeeting: "Informationsmöte registrerat",
  targetGroup: "Målgruppstillhörighet bedömd",
  dur: "DUR-utredning registrerad",
  meeting: "Flerpartsmöte bokat",
  clearMeeting: "Flerpartsmöte avbokat",
  criteria: "Kriterier prövade",
  decide: "Beslut fattat",
  order: "Beställning skickad",
  gp: "Genomförandeplan mottagen",
  followUp: "Uppföljning registrerad",
  close: "Ärendet avslutat",
  withdraw: "Ansökan återkallad",
};

const detailTexts: Record<string, string> = {
  tillhor: "tillhör målgruppen",
  "tillhor-inte": "tillhör inte målgruppen",
  uppfyllda: "uppfyllda",
  "ej-uppfyllda": "ej uppfyllda",
  bifall: "bifall",
  delavslag: "delavslag",
  avslag: "avslag",
  godkand: "stämmer med beställningen",
  komplettering: "komplettering begärd",
  fortsatter: "insatsen fortsätter",
  avslutas: "insatsen avslutas",
};

const genderTexts: Record<string, string> = { kvinna: "Kvinnor", man: "Män", annat: "Annat" };
export const genderOrder = ["kvinna", "man", "annat"] as const;

/** One row of "Mina ärenden": no gender, no age, no names of clients. */
export interface TabCaseRow {
  id: string;
  caseRef: string;
  insats: string;
  insatsId: CaseInsatsId;
  step: StepId;
  stepTitle: string;
  stepNumber: number;
  stepCount: number;
  caseworker: string;
  unit: string;
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
  | "unit"
  | "district"
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
        "unit",
        "district",
        "step",
        "next_due_kind",
        "next_due_on",
        "closed_on",
      ])
      .where(where);
    if (query.sort === "ref") select = select.orderBy("case_ref");
    else if (query.sort === "closed") select = select.orderBy("closed_on", "desc").orderBy("case_ref");
    else {
      // Nearest deadline first, cases without one last (the same on both dialects).
      select = select
        .orderBy((eb) => eb.case().when("next_due_on", "is", null).then(1).else(0).end())
        .orderBy("next_due_on")
        .orderBy("case_ref");
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
        insatsId: row.insats,
        step: row.step,
        stepTitle: stepTitles[row.step],
        stepNumber: position.number,
        stepCount: position.of,
        caseworker: names.get(row.caseworker_id) ?? "okänd medarbetare",
        unit: channelTitle(row.unit, row.district),
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
    const deadline = nextDeadline(state);
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
        action: actionTexts[event.action] ?? stepTitles[commandStep[event.action as never] ?? event.step],
        detail: event.detail ? (detailTexts[event.detail] ?? null) : null,
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
      caseworkerId: row.caseworker_id,
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
    let ordered = this.db
      .selectFrom("orders")
      .select(["jobbtorg_unit", "ordered_on", "assigned_at", "gp_sent_on"])
      .where("ordered_on", ">=", from)
      .where("ordered_on", "<=", to);
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
              eb("case_id", "in", eb.selectFrom("cases").select("cases.id").where("cases.unit", "=", unit)),
              ...(district === undefined ? [] : [eb("district", "=", district)]),
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
    const rows = groups.map((row) => ({
      insats: row.insats,
      district: row.district,
      gender: row.gender,
      decisions: Number(row.decisions),
      granted: Number(row.granted),
    }));
    const byGender = (key: "insats" | "district") => {
      const groupsOf = new Map<string, Map<string, { decisions: number; granted: number }>>();
      for (const row of rows) {
        const group = key === "insats" ? (insatsShortNames[row.insats] ?? row.insats) : row.district;
        const genders = groupsOf.get(group) ?? new Map();
        const seen = genders.get(row.gender) ?? { decisions: 0, granted: 0 };
        genders.set(row.gender, {
          decisions: seen.decisions + row.decisions,
          granted: seen.granted + row.granted,
        });
        groupsOf.set(group, genders);
      }
      return [...groupsOf.entries()]
        .sort(([a], [b]) => a.localeCompare(b, "sv"))
        .flatMap(([group, genders]) =>
          genderOrder
            .filter((gender) => genders.has(gender))
            .map((gender) => {
              const { decisions, granted } = genders.get(gender)!;
              return {
                group,
                gender: genderTexts[gender]!,
                decisions: suppress(decisions),
                granted: suppress(granted),
              };
            }),
        );
    };
    const perDistrict = new Map<string, { decisions: number; granted: number }>();
    for (const row of rows) {
      const seen = perDistrict.get(row.district) ?? { decisions: 0, granted: 0 };
      perDistrict.set(row.district, {
        decisions: seen.decisions + row.decisions,
        granted: seen.granted + row.granted,
      });
    }
    const units = scope.admin
      ? ["alfa", "iwork"]
      : [...new Set(orders.map((o) => o.jobbtorg_unit).concat(scope.jobbtorgUnits))];
    const jobbtorg = units.sort().map((unit) => {
      const mine = orders.filter((order) => order.jobbtorg_unit === unit);
      const toAssignment = mine.flatMap((order) =>
        order.assigned_at === null
          ? []
          : [daysBetween(order.ordered_on, stockholmDateOf(Number(order.assigned_at)))],
      );
      const toGp = mine.flatMap((order) =>
        order.gp_sent_on ? [daysBetween(order.ordered_on, order.gp_sent_on)] : [],
      );
      return {
        unit: channelTitle(unit),
        queue: suppress(Number(queues.find((q) => q.jobbtorg_unit === unit)?.n ?? 0)),
        ordered: suppress(mine.length),
        daysToAssignment: medianOf(toAssignment),
        daysToGp: medianOf(toGp),
      };
    });
    return {
      from,
      to,
      units: unitTitles(scope),
      byInsats: byGender("insats"),
      byDistrictGender: byGender("district"),
      perDistrict: [...perDistrict.entries()]
        .sort(([a], [b]) => a.localeCompare(b, "sv"))
        .map(([district, counts]) => ({
          district,
          decisions: suppress(counts.decisions),
          granted: suppress(counts.granted),
        })),
      jobbtorg,
    };
  }
}

/** The median of a list of day counts, or null with fewer than five (it would single out a case). */
function medianOf(values: number[]): { median: number | null; count: Count } {
  if (values.length < suppressBelow) return { median: null, count: suppress(values.length) };
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, count: values.length };
}

/** Calendar days between two dates (plain arithmetic: Luxon per order was most of the statistic's time). */
function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

// Stockholm's date changes only on the hour, so one time-zone lookup per hour serves every instant in it.
const hourDates = new LruCache<number, IsoDate>(8192);
function stockholmDateOf(ms: number): IsoDate {
  const hour = Math.floor(ms / 3_600_000);
  return hourDates.getOrCreate(hour, () => stockholmDate(new Date(hour * 3_600_000)));
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
