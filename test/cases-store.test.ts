/**
 * The case service and its repository on SQLite and PostgreSQL: opening, every step's storage,
 * Jobbtorg orders, the reminder calls, optimistic concurrency and authorization.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CaseService } from "../src/cases/service.js";
import { ManualClock } from "../src/clock.js";
import { followUpDue, gpDueDate, type GpDeadlineRule } from "../src/deadlines/index.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { demoDirectoryFile, LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { DomainError } from "../src/errors.js";
import { silentLogger } from "../src/log.js";
import { AuditLog } from "../src/store/audit.js";
import { RecordingReminders, testEffects } from "./support/effects.js";
import { alfaStepsUntilDecision, demoUsers } from "./support/fixtures.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const directory = new LocalFileDirectory(demoDirectoryFile);
const user = async (id: string): Promise<DirectoryUser> => (await directory.findUser(id))!;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "ok";
}

describe.each(dialects)("cases on %s", (dialect) => {
  let store: TestStore;
  let reminders: RecordingReminders;
  let clock: ManualClock;
  let service: CaseService;
  let anna: DirectoryUser;

  const build = (gpRule: GpDeadlineRule = "working") =>
    new CaseService({
      store,
      clock,
      config: {
        GP_DEADLINE_RULE: gpRule,
        CASE_REF_PATTERN: "^[\\p{L}\\d][\\p{L}\\d ./:_-]{2,39}$",
        CASE_REF_EXAMPLE: "FA-2026-0142",
      },
      directory,
      effects: testEffects(store, clock, { reminders }),
      log: silentLogger,
    });

  beforeEach(async () => {
    store = await freshStore(dialect);
    reminders = new RecordingReminders();
    clock = new ManualClock(new Date("2026-09-01T09:00:00+02:00"));
    service = build();
    anna = await user(demoUsers.handlaggare.id);
  });
  afterEach(async () => {
    await store.close();
  });

  const openA = (ref = "FA-2026-0001", creationKey = `key-${ref}`) =>
    service.open(anna, {
      creationKey,
      caseRef: ref,
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: 30,
    });

  /** Walks an A case from the informationsmöte to the decision. */
  async function decidedA() {
    const { record } = await openA();
    const steps = [
      ...alfaStepsUntilDecision,
      { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall", periodTo: "2027-02-08" },
    ] as const;
    let current = record;
    for (const step of steps) {
      const result = await service.act(anna, current.id, current.version, step as never);
      expect(result.changed).toBe(true);
      current = result.record;
    }
    return current;
  }

  it("opens a case with its reference, type, dates, gender, age, unit and caseworker — and nothing else", async () => {
    const { record, created } = await openA();
    expect(created).toBe(true);
    expect(record).toMatchObject({
      caseRef: "FA-2026-0001",
      type: "A",
      insats: "sis-socialpsykiatri",
      caseworkerId: anna.id,
      unit: "socialpsykiatri",
      district: "Farsta",
      version: 1,
      state: { step: "informationsmote", receivedOn: "2026-01-05", gender: "kvinna", age: 30 },
    });
    const row = await store.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", record.id)
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(row)).not.toMatch(/Anna|Handläggare/);
    expect((await service.repository.events(record.id)).map((e) => [e.version, e.action])).toEqual([
      [1, "open"],
    ]);
    expect(await new AuditLog(store).forCase("FA-2026-0001")).toMatchObject([
      { actor: anna.id, action: "case.open" },
    ]);
  });

  it("opens one case when the same card is submitted twice, and refuses a taken reference", async () => {
    const first = await openA("FA-2026-0002", "draft-1");
    const again = await openA("FA-2026-0002", "draft-1");
    expect(again).toMatchObject({ created: false, record: { id: first.record.id } });
    expect(await codeOf(openA("FA-2026-0002", "draft-2"))).toBe("CASE.REF_TAKEN");
    const [both] = await Promise.all([openA("FA-2026-0003", "draft-3"), openA("FA-2026-0003", "draft-3")]);
    expect(both.record.caseRef).toBe("FA-2026-0003");
    const count = await store.db
      .selectFrom("cases")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it("refuses a reference carrying a personnummer and stores nothing", async () => {
    expect(await codeOf(openA("ärende 811218-9876"))).toBe("CASE.REF_PERSONNUMMER");
    expect(await codeOf(openA("x"))).toBe("CASE.REF_FORMAT");
    expect(await store.db.selectFrom("cases").selectAll().execute()).toEqual([]);
  });

  it("lets only caseworkers open cases, for the insatser their unit handles", async () => {
    const lars = await user(demoUsers.handlaggareLss.id);
    const sara = await user(demoUsers.specialistAlfa.id);
    const input = {
      creationKey: "k",
      caseRef: "BR-1",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "man",
      age: 40,
    } as const;
    expect(await codeOf(service.open(lars, input))).toBe("CASE.INSATS_NOT_FOR_UNIT");
    expect(await codeOf(service.open(sara, input))).toBe("CASE.NOT_A_CASEWORKER");
    const lss = await service.open(lars, { ...input, insats: "lss-insteg" });
    expect(lss.record).toMatchObject({ type: "B", unit: "lss", district: "Bromma" });
  });

  it("authorizes the caseworker, the unit's team leader and admin — nobody else", async () => {
    const { record } = await openA();
    const allowed = { handlaggare: true, gruppledareSocialpsykiatri: true, admin: true };
    for (const [name, demo] of Object.entries(demoUsers)) {
      if (name === "unknown") continue;
      const who = await user(demo.id);
      const code = await codeOf(service.loadFor(who, record.id));
      expect([name, code]).toEqual([name, name in allowed ? "ok" : "USER.FORBIDDEN"]);
    }
    expect(await codeOf(service.loadFor(anna, "no-such-case"))).toBe("CASE.NOT_FOUND");
  });

  it("applies a stale or repeated action once: the second finds the case moved on", async () => {
    const { record } = await openA();
    const action = { kind: "informationMeeting", heldOn: "2026-01-12" } as const;
    const [a, b] = await Promise.all([
      service.act(anna, record.id, 1, action),
      service.act(anna, record.id, 1, action),
    ]);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    const again = await service.act(anna, record.id, 1, action);
    expect(again).toMatchObject({ changed: false, record: { version: 2, state: { step: "malgrupp" } } });
    expect((await service.repository.events(record.id)).map((e) => e.action)).toEqual([
      "open",
      "informationMeeting",
    ]);
  });

  it("throws the domain's typed error with the field for a refused step", async () => {
    const { record } = await openA();
    const error = await service
      .act(anna, record.id, 1, { kind: "informationMeeting", heldOn: "2025-12-31" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("CASE.DATE_TOO_EARLY");
    expect((error as DomainError).details.field).toBe("heldOn");
    expect((await service.load(record.id))?.version).toBe(1);
  });

  it("A: decision → follow-up scheduled; order → Jobbtorg order and GP deadline; GP, follow-up cycle, closing", async () => {
    const decided = await decidedA();
    expect(reminders.calls).toEqual([
      [
        "scheduleFollowUp",
        {
          caseId: decided.id,
          caseRef: "FA-2026-0001",
          insats: "sis-socialpsykiatri",
          caseworkerId: anna.id,
          caseworkerUnit: "socialpsykiatri",
          district: "Farsta",
          dueOn: followUpDue("2026-02-09"),
        },
      ],
    ]);
    reminders.calls = [];

    const ordered = await service.act(anna, decided.id, decided.version, {
      kind: "order",
      orderedOn: "2026-02-10",
    });
    const [order] = await service.repository.orders(decided.id);
    expect(order).toMatchObject({
      case_id: decided.id,
      case_ref: "FA-2026-0001",
      insats: "sis-socialpsykiatri",
      jobbtorg_unit: "alfa",
      district: "Farsta",
      decision_from: "2026-02-09",
      decision_to: "2027-02-08",
      ordered_on: "2026-02-10",
      gp_due_on: gpDueDate("2026-02-10", "working"),
      gp_rule: "working",
      state: "ny",
      assignee: null,
      gp_sent_on: null,
    });
    expect(reminders.calls).toEqual([
      [
        "scheduleGpDeadline",
        expect.objectContaining({
          orderId: order!.id,
          caseId: decided.id,
          dueOn: gpDueDate("2026-02-10", "working"),
          rule: "working",
          jobbtorgUnit: "alfa",
          caseworkerUnit: "socialpsykiatri",
        }),
      ],
    ]);
    expect(await service.get(decided.id)).toMatchObject({
      step: "genomforandeplan",
      jobbtorgUnit: "alfa",
      nextDeadline: { kind: "genomforandeplan", dueOn: gpDueDate("2026-02-10", "working") },
    });
    reminders.calls = [];

    const gp = await service.act(anna, decided.id, ordered.record.version, {
      kind: "gp",
      receivedOn: "2026-02-24",
      matchesOrder: true,
    });
    expect(reminders.calls).toEqual([["completeGpDeadline", order!.id]]);
    expect((await service.repository.orders(decided.id))[0]).toMatchObject({
      state: "gp-skickad",
      gp_sent_on: "2026-02-24",
    });
    reminders.calls = [];

    const followed = await service.act(anna, decided.id, gp.record.version, {
      kind: "followUp",
      heldOn: "2026-08-10",
      items: ["dur-uppfoljning", "behov-syfte-mal", "sip"],
      continues: true,
    });
    const orders = await service.repository.orders(decided.id);
    expect(orders.map((o) => [o.ordered_on, o.state])).toEqual([
      ["2026-02-10", "avslutad"],
      ["2026-08-10", "ny"],
    ]);
    expect(reminders.names()).toEqual(["completeFollowUp", "scheduleFollowUp", "scheduleGpDeadline"]);
    expect(reminders.calls[1]?.[1]).toMatchObject({ dueOn: followUpDue("2026-08-10") });
    expect(reminders.calls[2]?.[1]).toMatchObject({
      orderId: orders[1]!.id,
      dueOn: gpDueDate("2026-08-10", "working"),
    });
    reminders.calls = [];

    const gp2 = await service.act(anna, decided.id, followed.record.version, {
      kind: "gp",
      receivedOn: "2026-08-20",
      matchesOrder: true,
    });
    const ending = await service.act(anna, decided.id, gp2.record.version, {
      kind: "followUp",
      heldOn: "2026-08-31",
      items: ["dur-uppfoljning", "behov-syfte-mal"],
      continues: false,
    });
    const closed = await service.act(anna, decided.id, ending.record.version, {
      kind: "close",
      closedOn: "2026-09-01",
      reason: "natverket-tar-over",
      closingMeetingHeld: true,
    });
    expect(reminders.names()).toEqual(["completeGpDeadline", "completeFollowUp", "cancelCase"]);
    expect((await service.repository.orders(decided.id)).map((o) => o.state)).toEqual([
      "avslutad",
      "avslutad",
    ]);
    expect(await service.get(decided.id)).toMatchObject({ closed: true, step: "avslut" });
    expect(await service.mine(anna)).toEqual([]);
    const row = await store.db
      .selectFrom("cases")
      .selectAll()
      .where("id", "=", decided.id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      closed_on: "2026-09-01",
      close_reason: "natverket-tar-over",
      cycle: 2,
      decision_outcome: "bifall",
    });
    expect((await service.repository.events(decided.id)).map((e) => e.version)).toEqual(
      Array.from({ length: closed.record.version }, (_, i) => i + 1),
    );
  });

  it("C: the order goes to a provider outside Jobbtorg — no orders row; the GP deadline has no Jobbtorg unit", async () => {
    const { record } = await service.open(anna, {
      creationKey: "c",
      caseRef: "FA-C-1",
      insats: "sysselsattning",
      receivedOn: "2026-01-05",
      gender: "man",
      age: 50,
    });
    let current = record;
    for (const step of [
      { kind: "informationMeeting", heldOn: "2026-01-12" },
      { kind: "targetGroup", belongs: true },
      { kind: "dur", completedOn: "2026-01-26", areas: [], needsPurposeGoals: true },
      { kind: "criteria", met: true, orientation: "socialt-inriktad", appliedInterval: "1-12" },
      { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall" },
      { kind: "order", orderedOn: "2026-02-10" },
    ] as const) {
      current = (await service.act(anna, current.id, current.version, step as never)).record;
    }
    expect(await service.repository.orders(record.id)).toEqual([]);
    expect(reminders.names()).toEqual(["scheduleFollowUp", "scheduleGpDeadline"]);
    expect(reminders.calls[1]?.[1]).toMatchObject({
      caseRef: "FA-C-1",
      dueOn: gpDueDate("2026-02-10", "working"),
      jobbtorgUnit: null,
    });
    expect(await service.get(record.id)).toMatchObject({
      step: "genomforandeplan",
      nextDeadline: { kind: "genomforandeplan", dueOn: gpDueDate("2026-02-10", "working") },
    });
  });

  it("dates the GP by GP_DEADLINE_RULE", async () => {
    service = build("calendar");
    const decided = await decidedA();
    await service.act(anna, decided.id, decided.version, { kind: "order", orderedOn: "2026-02-10" });
    expect((await service.repository.orders(decided.id))[0]).toMatchObject({
      gp_rule: "calendar",
      gp_due_on: gpDueDate("2026-02-10", "calendar"),
    });
  });

  it("records, moves and clears the flerpartsmöte booked by the meetings feature", async () => {
    const { record } = await openA();
    let current = record;
    for (const step of [
      { kind: "informationMeeting", heldOn: "2026-01-12" },
      { kind: "targetGroup", belongs: true },
      { kind: "dur", completedOn: "2026-01-26", areas: ["arbete"], needsPurposeGoals: true },
    ] as const) {
      current = (await service.act(anna, current.id, current.version, step as never)).record;
    }
    const startsAt = new Date("2026-09-10T10:00:00+02:00");
    const booked = await service.recordMultiPartyMeeting(record.id, {
      meetingId: "m-1",
      startsAt,
      actorId: anna.id,
    });
    expect(booked).toMatchObject({ step: "kriterier", meeting: { meetingId: "m-1", on: "2026-09-10" } });
    const again = await service.recordMultiPartyMeeting(record.id, {
      meetingId: "m-1",
      startsAt,
      actorId: anna.id,
    });
    expect(again.version).toBe(booked.version);
    const moved = await service.recordMultiPartyMeeting(record.id, {
      meetingId: "m-1",
      startsAt: new Date("2026-09-15T10:00:00+02:00"),
      actorId: anna.id,
    });
    expect(moved).toMatchObject({ step: "kriterier", meeting: { on: "2026-09-15" } });
    expect(
      await codeOf(
        service.recordMultiPartyMeeting(record.id, {
          meetingId: "m-1",
          startsAt,
          actorId: demoUsers.specialistAlfa.id,
        }),
      ),
    ).toBe("USER.FORBIDDEN");
    expect(await service.clearMultiPartyMeeting(record.id, "m-other")).toMatchObject({ step: "kriterier" });
    expect(await service.clearMultiPartyMeeting(record.id, "m-1")).toMatchObject({ step: "flerpartsmote" });
    expect((await service.get(record.id))?.meeting).toBeUndefined();
  });

  it("lists my open cases and the team's, most urgent first", async () => {
    const decided = await decidedA();
    await service.act(anna, decided.id, decided.version, { kind: "order", orderedOn: "2026-02-10" });
    await openA("FA-2026-0100");
    const lars = await user(demoUsers.handlaggareLss.id);
    await service.open(lars, {
      creationKey: "l",
      caseRef: "BR-9",
      insats: "lss-sis",
      receivedOn: "2026-02-01",
      gender: "annat",
      age: 22,
    });

    const mine = await service.mine(anna);
    expect(mine.map((c) => [c.caseRef, c.nextDueKind])).toEqual([
      ["FA-2026-0001", "genomforandeplan"],
      ["FA-2026-0100", null],
    ]);
    const karin = await user(demoUsers.gruppledareSocialpsykiatri.id);
    expect((await service.team(karin))?.map((c) => c.caseRef)).toEqual(["FA-2026-0001", "FA-2026-0100"]);
    const admin = await user(demoUsers.admin.id);
    expect((await service.team(admin))?.map((c) => c.caseRef)).toEqual([
      "FA-2026-0001",
      "BR-9",
      "FA-2026-0100",
    ]);
    expect(await service.team(await user(demoUsers.gruppledareAlfa.id))).toBeUndefined();
    expect(await service.team(anna)).toBeUndefined();
  });
});
