/**
 * Retention on SQLite and PostgreSQL: a case closed longer ago than RETENTION_MONTHS is gone with
 * every row of its (steps, orders, card copies, deliveries, meetings, deadlines, reminders), the
 * reports still count it (decision register untouched, closed-case counts kept anonymously),
 * the audit log keeps its own period, a dry run deletes nothing, and one instance purges.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { ExpertRepository } from "../src/experts/repository.js";
import { silentLogger } from "../src/log.js";
import { DecisionRegister, registerEntryOf } from "../src/register/register.js";
import { closedCaseCounts, monthsBefore, purgeExpired } from "../src/retention/purge.js";
import { RetentionScheduler } from "../src/retention/scheduler.js";
import { insertCaseWithRows, rowsOfCase } from "./support/case-rows.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const policy = { caseMonths: 13, auditMonths: 24 };
const now = new Date("2026-03-02T09:00:00+01:00");
const none = {
  cases: 0,
  case_step_events: 0,
  orders: 0,
  order_cards: 0,
  outbox: 0,
  meetings: 0,
  deadlines: 0,
  reminders: 0,
};
const one = Object.fromEntries(Object.keys(none).map((k) => [k, 1]));

describe("monthsBefore", () => {
  it.each([
    ["2026-03-02", 13, "2025-02-02"],
    ["2026-03-31", 1, "2026-02-28"],
    ["2024-03-31", 1, "2024-02-29"],
  ])("%s minus %i months is %s", (on, months, expected) => {
    expect(monthsBefore(on, months)).toBe(expected);
  });
});

describe.each(dialects)("retention on %s", (dialect) => {
  let store: TestStore;

  beforeEach(async () => {
    store = await freshStore(dialect);
    // Closed 2025-02-01: one day past 13 months on 2026-03-02. Closed 2025-02-02: exactly 13 months, kept.
    await insertCaseWithRows(store, "old", {
      closedOn: "2025-02-01",
      at: Date.parse("2024-01-10T08:00:00Z"),
    });
    await insertCaseWithRows(store, "edge", {
      closedOn: "2025-02-02",
      at: Date.parse("2026-01-10T08:00:00Z"),
    });
    await insertCaseWithRows(store, "open", { at: Date.parse("2023-01-10T08:00:00Z") });
    const register = new DecisionRegister(store);
    await register.record(
      registerEntryOf({
        decidedOn: "2024-02-01",
        caseType: "A",
        insats: "sis-socialpsykiatri",
        outcome: "bifall",
        legalBasis: { rightToAssistance: "4 kap. 1 § SoL", beyondRight: "4 kap. 2 § SoL" },
        gender: "kvinna",
        age: 30,
      } as never),
    );
  });

  afterEach(async () => {
    await store.close();
  });

  it("deletes a case closed longer ago than the period with all its rows, keeping the rest", async () => {
    const report = await purgeExpired(store, policy, now);
    expect(report.closedBefore).toBe("2025-02-02");
    expect(report.rows).toEqual(one);
    expect(await rowsOfCase(store, "old")).toEqual(none);
    expect(await rowsOfCase(store, "edge")).toEqual(one);
    // An open case is never purged, however old.
    expect(await rowsOfCase(store, "open")).toEqual(one);
    // Running again finds nothing more.
    expect((await purgeExpired(store, policy, now)).rows).toEqual({});
  });

  it("keeps the reports whole: the decision register and closed-case counts still count the case", async () => {
    const register = new DecisionRegister(store);
    const range = { from: "2024-01-01", to: "2024-12-31" };
    const decisionsBefore = await register.decisions(range);
    const genderBefore = await register.genderSummary(range);
    const countsBefore = await closedCaseCounts(store, { fromMonth: "2025-01", toMonth: "2025-12" });
    expect(countsBefore).toEqual([
      {
        month: "2025-02",
        insats: "sis-socialpsykiatri",
        unit: "socialpsykiatri",
        district: "Farsta",
        cases: 2,
      },
    ]);
    await purgeExpired(store, policy, now);
    expect(await register.decisions(range)).toEqual(decisionsBefore);
    expect(await register.genderSummary(range)).toEqual(genderBefore);
    expect(await closedCaseCounts(store, { fromMonth: "2025-01", toMonth: "2025-12" })).toEqual(countsBefore);
    // What is kept of the purged case holds no reference and no id.
    const kept = await store.db.selectFrom("retention_counts").selectAll().execute();
    expect(kept.map(({ id: _id, ...cell }) => ({ ...cell, cases: Number(cell.cases) }))).toEqual([
      {
        closed_month: "2025-02",
        case_type: "A",
        insats: "sis-socialpsykiatri",
        unit: "socialpsykiatri",
        district: "Farsta",
        close_reason: "insats-avslutad",
        cases: 1,
      },
    ]);
    // A second purge a day later adds to the same cell instead of replacing it.
    await purgeExpired(store, policy, new Date("2026-03-03T09:00:00+01:00"));
    expect(await closedCaseCounts(store, { fromMonth: "2025-01", toMonth: "2025-12" })).toEqual(countsBefore);
  });

  it("deletes expert questions after the period, keeping those kept as entries without their asker", async () => {
    const experts = new ExpertRepository(store.db);
    const ask = (question: string, at: string) =>
      experts.ask({ question, reason: "ask", askerId: "asker-1", channelKey: "channel", at: Date.parse(at) });
    const answered = async (question: string, at: string) => {
      const asked = await ask(question, at);
      await experts.answer(asked.id, { text: "Svar.", citation: "", by: "expert-1", at: Date.parse(at) });
      return asked;
    };
    // 13 months before 2026-03-02 09:00 (+01:00) is 2025-02-02 08:00 UTC.
    const old = await answered("Gammal fråga?", "2025-02-01T10:00:00Z");
    const kept = await answered("Gammal fråga som blev ett svar?", "2025-01-15T10:00:00Z");
    await experts.saveEntry(kept.id, "expert-1", Date.parse("2025-01-16T10:00:00Z"));
    const recent = await ask("Ny fråga?", "2025-02-03T10:00:00Z");

    const dry = await purgeExpired(store, policy, now, { dryRun: true });
    expect(dry.rows).toMatchObject({ expert_questions: 1, expert_askers_erased: 1 });
    const report = await purgeExpired(store, policy, now);
    expect(report.rows).toMatchObject({ expert_questions: 1, expert_askers_erased: 1 });
    expect(await experts.get(old.id)).toBeUndefined();
    expect(await experts.get(kept.id)).toMatchObject({ asker_id: "", answer: "Svar." });
    expect((await experts.entries()).map((entry) => entry.title)).toEqual([
      "Gammal fråga som blev ett svar?",
    ]);
    expect(await experts.get(recent.id)).toMatchObject({ asker_id: "asker-1" });
    expect((await purgeExpired(store, policy, now)).rows).toEqual({});
  });

  it("keeps audit entries for their own period", async () => {
    const report = await purgeExpired(store, policy, now);
    // Written 2024-01-10 and 2023-01-10: older than 24 months; 2026-01-10 stays.
    expect(report.auditEntries).toBe(2);
    const left = await store.db.selectFrom("audit_log").select("case_ref").execute();
    expect(left.map((row) => row.case_ref)).toEqual(["REF-edge"]);
  });

  it("a dry run says what would go and deletes nothing", async () => {
    const dry = await purgeExpired(store, policy, now, { dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rows: one, auditEntries: 2 });
    expect(await rowsOfCase(store, "old")).toEqual(one);
    const real = await purgeExpired(store, policy, now);
    expect(real.rows).toEqual(dry.rows);
    expect(real.auditEntries).toBe(dry.auditEntries);
  });

  it("one of two instances purges, once a day, and another takes over when the first died", async () => {
    const clock = new ManualClock(now);
    const other = store.reopen();
    const make = (s: typeof store | typeof other) =>
      new RetentionScheduler(
        { store: s, clock, log: silentLogger, policy },
        { intervalMs: 0, leaseMs: 60_000 },
      );
    try {
      const [a, b] = await Promise.all([make(store).runDue(), make(other).runDue()]);
      expect([a, b].filter((r) => r !== undefined)).toHaveLength(1);
      expect(await rowsOfCase(store, "old")).toEqual(none);
      // Not again until tomorrow 03:00 Stockholm.
      expect(await make(store).runDue()).toBeUndefined();
      clock.set(new Date("2026-03-03T03:00:00+01:00"));
      // An instance claims the job and dies: nobody runs it until its lease ends.
      const { claimLeased } = await import("../src/store/lease.js");
      await claimLeased(store, "maintenance_jobs", {
        now: clock.now(),
        limit: 1,
        instance: "dead",
        leaseMs: 60_000,
      });
      expect(await make(other).runDue()).toBeUndefined();
      clock.set(new Date(clock.now().getTime() + 60_000));
      expect(await make(other).runDue()).toBeDefined();
    } finally {
      await other.close();
    }
  });
});
