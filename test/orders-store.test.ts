import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { demoDirectoryFile, LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { DomainError } from "../src/errors.js";
import { silentLogger } from "../src/log.js";
import { retryDelayMs } from "../src/outbox/dispatcher.js";
import { median, OrderService } from "../src/orders/service.js";
import { AuditLog } from "../src/store/audit.js";
import { RecordingOrderCards, RecordingReminders, testEffects } from "./support/effects.js";
import { demoUsers } from "./support/fixtures.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const directory = new LocalFileDirectory(demoDirectoryFile);
const user = async (id: string): Promise<DirectoryUser> => (await directory.findUser(id))!;

async function insertOrder(
  store: TestStore,
  id: string,
  options: { unit?: "alfa" | "iwork"; orderedOn?: string; gpDueOn?: string; createdAt?: number } = {},
): Promise<void> {
  const caseId = `case-${id}`;
  const at = options.createdAt ?? Date.parse("2026-03-01T08:00:00Z");
  await store.db
    .insertInto("cases")
    .values({
      id: caseId,
      case_ref: `REF-${id}`,
      creation_key: `key-${id}`,
      type: options.unit === "iwork" ? "B" : "A",
      insats: options.unit === "iwork" ? "lss-insteg" : "sis-socialpsykiatri",
      caseworker_id: demoUsers.handlaggare.id,
      unit: "socialpsykiatri",
      district: "Farsta",
      gender: "kvinna",
      age: 30,
      received_on: "2026-01-10",
      step: "genomforandeplan",
      cycle: 0,
      version: 5,
      decision_outcome: "bifall",
      decided_on: "2026-02-01",
      jobbtorg_unit: options.unit ?? "alfa",
      next_due_kind: null,
      next_due_on: null,
      closed_on: null,
      close_reason: null,
      state: "{}",
      created_at: at,
      updated_at: at,
    })
    .execute();
  await store.db
    .insertInto("orders")
    .values({
      id,
      case_id: caseId,
      case_ref: `REF-${id}`,
      insats: options.unit === "iwork" ? "lss-insteg" : "sis-socialpsykiatri",
      jobbtorg_unit: options.unit ?? "alfa",
      district: "Farsta",
      decision_from: "2026-02-01",
      decision_to: "2027-01-31",
      ordered_on: options.orderedOn ?? "2026-02-10",
      gp_due_on: options.gpDueOn ?? "2026-03-10",
      gp_rule: "working",
      state: "ny",
      assignee: null,
      gp_sent_on: null,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

async function staff() {
  return {
    sara: await user(demoUsers.specialistAlfa.id),
    omar: await user(demoUsers.specialistAlfa2.id),
    ida: await user(demoUsers.specialistIwork.id),
    eva: await user(demoUsers.gruppledareAlfa.id),
    nils: await user(demoUsers.gruppledareIwork.id),
    anna: await user(demoUsers.handlaggare.id),
    admin: await user(demoUsers.admin.id),
  };
}

describe("median", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 10])).toBe(3.5);
  });
});

describe.each(dialects)("orders on %s", (dialect) => {
  let store: TestStore;
  let clock: ManualClock;
  let service: OrderService;
  let reminders: RecordingReminders;
  let cards: RecordingOrderCards;

  beforeEach(async () => {
    store = await freshStore(dialect);
    clock = new ManualClock(new Date("2026-03-02T09:00:00+01:00"));
    reminders = new RecordingReminders();
    cards = new RecordingOrderCards();
    service = new OrderService({
      store,
      clock,
      directory,
      audit: new AuditLog(store),
      effects: testEffects(store, clock, { reminders, orderCards: cards }),
      log: silentLogger,
    });
  });

  afterEach(async () => {
    await store.close();
  });

  it("two specialists take the same order at once: exactly one wins, the other sees who", async () => {
    await insertOrder(store, "o1");
    const sara = await user(demoUsers.specialistAlfa.id);
    const omar = await user(demoUsers.specialistAlfa2.id);
    // A second instance: on SQLite the same connection (better-sqlite3 blocks the thread while
    // it waits for a lock, so two connections in one process would wait on each other).
    const other = dialect === "postgres" ? store.reopen() : store;
    const otherService = new OrderService({
      store: other,
      clock,
      directory,
      audit: new AuditLog(other),
      effects: testEffects(other, clock),
      log: silentLogger,
    });
    try {
      const [a, b] = await Promise.all([service.take(sara, "o1"), otherService.take(omar, "o1")]);
      expect([a.changed, b.changed].filter(Boolean)).toHaveLength(1);
      const winner = a.changed ? sara.id : omar.id;
      expect(a.order.assignee).toBe(winner);
      expect(b.order.assignee).toBe(winner);
      expect(a.order.status).toBe("tilldelad");
      // Taking again is harmless.
      const again = await service.take(winner === sara.id ? sara : omar, "o1");
      expect(again.changed).toBe(false);
    } finally {
      if (other !== store) await other.close();
    }
    const audit = await new AuditLog(store).forCase("REF-o1");
    expect(audit.map((entry) => entry.action)).toEqual(["order.taken"]);
  });

  it("the whole life of an order: take, GP sent, follow-up, efterstöd, close — each once", async () => {
    await insertOrder(store, "o1");
    const sara = await user(demoUsers.specialistAlfa.id);
    expect((await service.take(sara, "o1")).changed).toBe(true);
    await expect(service.gpSent(sara, "o1", "2026-03-03")).rejects.toMatchObject({
      code: "ORDER.DATE_IN_FUTURE",
    });
    await expect(service.gpSent(sara, "o1", "2026-02-01")).rejects.toMatchObject({
      code: "ORDER.DATE_BEFORE_ORDER",
    });
    const sent = await service.gpSent(sara, "o1", "2026-02-27");
    expect(sent).toMatchObject({ changed: true, order: { status: "gp-skickad", gpSentOn: "2026-02-27" } });
    expect((await service.gpSent(sara, "o1", "2026-02-27")).changed).toBe(false);
    expect(reminders.calls).toEqual([["completeGpDeadline", "o1"]]);
    expect((await service.requestFollowUp(sara, "o1")).order.followUpRequestedOn).toBe("2026-03-02");
    expect((await service.requestFollowUp(sara, "o1")).changed).toBe(false);
    expect((await service.efterstod(sara, "o1")).order.status).toBe("efterstod");
    expect((await service.close(sara, "o1")).order).toMatchObject({
      status: "avslutad",
      closedOn: "2026-03-02",
    });
    expect((await service.close(sara, "o1")).changed).toBe(false);
    // Every change updates the cards once; the plan and the follow-up request reach the caseworker.
    expect(cards.synced).toEqual(["o1", "o1", "o1", "o1", "o1"]);
    expect(cards.told.map((e) => e.type)).toEqual(["PlanReceived", "FollowUpRequested"]);
    const audit = await new AuditLog(store).forCase("REF-o1");
    expect(audit.map((entry) => [entry.action, entry.actor])).toEqual([
      ["order.taken", sara.id],
      ["order.gp-sent", sara.id],
      ["order.follow-up", sara.id],
      ["order.efterstod", sara.id],
      ["order.closed", sara.id],
    ]);
  });

  it("authorization: unit members, its team leaders and admins; others are refused", async () => {
    await insertOrder(store, "o1");
    const { sara, omar, ida, eva, nils, anna, admin } = await staff();
    await expect(service.take(ida, "o1")).rejects.toMatchObject({ code: "USER.FORBIDDEN" });
    await expect(service.take(anna, "o1")).rejects.toMatchObject({ code: "USER.FORBIDDEN" });
    await expect(service.take(eva, "o1")).rejects.toMatchObject({ code: "ORDER.NOT_A_SPECIALIST" });
    await expect(service.loadFor(nils, "o1")).rejects.toBeInstanceOf(DomainError);
    await expect(service.assign(sara, "o1", omar.id)).rejects.toMatchObject({ code: "USER.FORBIDDEN" });
    await expect(service.assign(nils, "o1", omar.id)).rejects.toMatchObject({ code: "USER.FORBIDDEN" });
    await expect(service.assign(eva, "o1", ida.id)).rejects.toMatchObject({ code: "ORDER.ASSIGNEE_INVALID" });
    await expect(service.gpSent(sara, "o1", "2026-03-02")).rejects.toMatchObject({ code: "ORDER.NOT_YOURS" });
    expect((await service.assign(eva, "o1", omar.id)).order).toMatchObject({
      status: "tilldelad",
      assignee: omar.id,
      assignedBy: eva.id,
    });
    expect((await service.assign(eva, "o1", omar.id)).changed).toBe(false);
    await expect(service.gpSent(sara, "o1", "2026-03-02")).rejects.toMatchObject({ code: "ORDER.NOT_YOURS" });
    await expect(service.gpSent(ida, "o1", "2026-03-02")).rejects.toMatchObject({ code: "USER.FORBIDDEN" });
    expect((await service.assign(admin, "o1", sara.id)).order.assignee).toBe(sara.id);
    expect((await service.gpSent(eva, "o1", "2026-03-02")).changed).toBe(true);
    await expect(service.speed(sara)).rejects.toMatchObject({ code: "ORDER.LEADERS_ONLY" });
  });

  it("queues: unassigned oldest first with working days left, mine, and the leaders' speed view", async () => {
    await insertOrder(store, "late", { orderedOn: "2026-02-01", gpDueOn: "2026-02-27" });
    await insertOrder(store, "old", { orderedOn: "2026-02-05", gpDueOn: "2026-03-06" });
    await insertOrder(store, "new", { orderedOn: "2026-02-20", gpDueOn: "2026-03-20" });
    await insertOrder(store, "iw", { unit: "iwork", orderedOn: "2026-01-20" });
    const { sara, omar, eva, admin } = await staff();
    const queue = await service.unassigned(sara);
    expect(queue.map((o) => [o.id, o.workingDaysLeft])).toEqual([
      ["late", -1],
      ["old", 4],
      ["new", 14],
    ]);
    expect((await service.unassigned(admin)).map((o) => o.id)).toEqual(["iw", "late", "old", "new"]);
    await service.take(sara, "old");
    await service.take(sara, "new");
    await service.take(omar, "late");
    expect((await service.mine(sara)).map((o) => o.id)).toEqual(["old", "new"]);
    await service.gpSent(sara, "old", "2026-02-25"); // 14 working days after 2026-02-05
    await service.gpSent(omar, "late", "2026-02-27"); // 20 working days after 2026-02-01 (a Sunday)
    expect((await service.mine(sara)).map((o) => o.id)).toEqual(["new", "old"]);
    const [alfa] = await service.speed(eva);
    expect(alfa).toMatchObject({
      unit: "alfa",
      unassigned: 0,
      openByAssignee: [
        { assignee: sara.id, open: 2 },
        { assignee: omar.id, open: 1 },
      ],
      gpDays: { count: 2, median: 17, worst: 20 },
    });
    expect((await service.speed(admin)).map((r) => r.unit)).toEqual(["alfa", "iwork"]);
  });
});

describe("retry delays of order cards", () => {
  it.each([
    [1, 60_000],
    [2, 5 * 60_000],
    [3, 15 * 60_000],
    [4, 60 * 60_000],
    [40, 60 * 60_000],
  ])("after failure %i: %i ms", (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});
