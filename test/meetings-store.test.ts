/**
 * The meetings table and MeetingService on SQLite and PostgreSQL: booking records the meeting on
 * the case and schedules the reminder; moves and cancels claim the row once; failures book nothing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MeetingRepository } from "../src/meetings/repository.js";
import { CaseService } from "../src/cases/service.js";
import { ManualClock } from "../src/clock.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { demoDirectoryFile, LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { DomainError } from "../src/errors.js";
import { silentLogger } from "../src/log.js";
import type { MeetingBooker, MeetingInvitation } from "../src/meetings/booker.js";
import { OutboxBooker } from "../src/meetings/mail-booker.js";
import { MeetingService } from "../src/meetings/service.js";
import { AuditLog } from "../src/store/audit.js";
import { testEffects } from "./support/effects.js";
import { demoUsers } from "./support/fixtures.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const directory = new LocalFileDirectory(demoDirectoryFile);
const user = async (id: string): Promise<DirectoryUser> => (await directory.findUser(id))!;

class RecordingReminders {
  calls: [string, unknown][] = [];
  /** The next scheduling fails (the database went away for a moment). */
  failNext = false;
  async scheduleGpDeadline() {}
  async completeGpDeadline() {}
  async scheduleFollowUp() {}
  async completeFollowUp() {}
  async cancelCase() {}
  async scheduleMeetingReminder(input: { meetingId: string; startsAt: Date }) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error("connection lost");
    }
    this.calls.push(["schedule", { meetingId: input.meetingId, startsAt: input.startsAt.toISOString() }]);
  }
  async cancelMeetingReminder(meetingId: string) {
    this.calls.push(["cancel", meetingId]);
  }
}

/** Wraps a booker and records what it was asked to send; can be told to fail. */
class RecordingBooker implements MeetingBooker {
  readonly kind;
  readonly freeBusy = false;
  sent: [string, MeetingInvitation][] = [];
  failNext = false;
  constructor(private readonly inner: MeetingBooker) {
    this.kind = inner.kind;
  }
  findSlots(request: Parameters<MeetingBooker["findSlots"]>[0]) {
    return this.inner.findSlots(request);
  }
  private async run(what: "book" | "reschedule" | "cancel", invitation: MeetingInvitation) {
    if (this.failNext) {
      this.failNext = false;
      throw new Error("connection refused");
    }
    this.sent.push([what, invitation]);
    return this.inner[what](invitation);
  }
  book(invitation: MeetingInvitation) {
    return this.run("book", invitation);
  }
  reschedule(invitation: MeetingInvitation) {
    return this.run("reschedule", invitation);
  }
  cancel(invitation: MeetingInvitation) {
    return this.run("cancel", invitation);
  }
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return error.code;
    throw error;
  }
  return "ok";
}

/** Friday 27 March 2026 09:00 Stockholm (CET) and Monday 30 March 09:00 (CEST). */
const friday0900 = new Date("2026-03-27T08:00:00Z");
const monday0900 = new Date("2026-03-30T07:00:00Z");

describe.each(dialects)("meetings on %s", (dialect) => {
  let store: TestStore;
  let outboxDir: string;
  let clock: ManualClock;
  let reminders: RecordingReminders;
  let booker: RecordingBooker;
  let cases: CaseService;
  let meetings: MeetingService;
  let effects: ReturnType<typeof testEffects>;
  let anna: DirectoryUser;

  beforeEach(async () => {
    store = await freshStore(dialect);
    outboxDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-meetings-"));
    clock = new ManualClock(new Date("2026-03-25T09:00:00+01:00"));
    reminders = new RecordingReminders();
    cases = new CaseService({
      store,
      clock,
      config: {
        GP_DEADLINE_RULE: "working",
        CASE_REF_PATTERN: "^[\\p{L}\\d][\\p{L}\\d ./:_-]{2,39}$",
        CASE_REF_EXAMPLE: "FA-2026-0142",
      },
      directory,
      effects: testEffects(store, clock),
      log: silentLogger,
    });
    booker = new RecordingBooker(new OutboxBooker(outboxDir, "insatsguiden@stockholm.se"));
    meetings = new MeetingService({
      store,
      clock,
      config: {
        WORKING_HOURS: "08:00-17:00",
        MEETING_MAILBOX_ALFA: "alfa@stockholm.se",
        MEETING_MAILBOX_IWORK: undefined,
        MEETING_ALLOWED_DOMAINS: ["stockholm.se", "example.org"],
      },
      directory,
      cases,
      audit: new AuditLog(store),
      // The case step and the reminder follow from the outbox, through the product's wiring.
      effects: (effects = testEffects(store, clock, { meetings: { cases, reminders } })),
      booker,
      log: silentLogger,
    });
    anna = await user(demoUsers.handlaggare.id);
  });
  afterEach(async () => {
    await store.close();
    fs.rmSync(outboxDir, { recursive: true, force: true });
  });

  /** An A case walked to the flerpartsmöte step. */
  async function caseAtMeetingStep(ref = "FA-2026-0001") {
    const { record } = await cases.open(anna, {
      creationKey: `key-${ref}`,
      caseRef: ref,
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-03-02",
      gender: "kvinna",
      age: 30,
    });
    let current = record;
    for (const step of [
      { kind: "informationMeeting", heldOn: "2026-03-05" },
      { kind: "targetGroup", belongs: true, ruleVerdict: "eligible" },
      { kind: "dur", completedOn: "2026-03-12", areas: ["arbete"], needsPurposeGoals: true },
    ] as const) {
      current = (await cases.act(anna, current.id, current.version, step as never)).record;
    }
    expect(current.state.step).toBe("flerpartsmote");
    return current;
  }

  const input = (overrides: Partial<Parameters<MeetingService["book"]>[2]> = {}) => ({
    meetingId: "7d1f9c4e-1111-4000-8000-000000000001",
    startsAt: friday0900,
    durationMinutes: 60,
    jobbtorgUnit: "alfa" as const,
    specialistId: demoUsers.specialistAlfa.id,
    extraAttendees: ["Extern@Example.org"],
    clientAttends: true,
    ...overrides,
  });

  it("books: stores roles and addresses, records the meeting on the case, schedules the reminder", async () => {
    const record = await caseAtMeetingStep();
    const meeting = await meetings.book(anna, record.id, input());
    expect(meeting).toMatchObject({
      state: "booked",
      sequence: 0,
      adapter: "outbox",
      caseRef: "FA-2026-0001",
      mailbox: "alfa@stockholm.se",
      startsAt: friday0900,
      endsAt: new Date("2026-03-27T09:00:00Z"),
      clientAttends: true,
    });
    expect(meeting.attendees).toEqual([
      { role: "caseworker", address: "anna.handlaggare@example.org" },
      { role: "mailbox", address: "alfa@stockholm.se" },
      { role: "specialist", address: "sara.arbetsspecialist@example.org" },
      { role: "extra", address: "extern@example.org" },
    ]);
    expect(meeting.deliveredTo).toContain(outboxDir);
    expect(await cases.get(record.id)).toMatchObject({
      step: "kriterier",
      meeting: { meetingId: meeting.id, on: "2026-03-27" },
    });
    expect(reminders.calls).toEqual([
      ["schedule", { meetingId: meeting.id, startsAt: friday0900.toISOString() }],
    ]);
    // A second click books nothing new.
    expect((await meetings.book(anna, record.id, input())).id).toBe(meeting.id);
    expect(booker.sent).toHaveLength(1);
    // Another card for the same case shows the booked meeting and sends nothing.
    expect((await meetings.book(anna, record.id, input({ meetingId: "other" }))).id).toBe(meeting.id);
    expect(booker.sent).toHaveLength(1);
  });

  it("a reminder that could not be written after the invitation went is retried, not lost", async () => {
    const record = await caseAtMeetingStep();
    reminders.failNext = true;
    const meeting = await meetings.book(anna, record.id, input());
    // The booking stands: the invitation went, the case has its meeting.
    expect(meeting.state).toBe("booked");
    expect(await cases.get(record.id)).toMatchObject({ meeting: { meetingId: meeting.id } });
    expect(reminders.calls).toEqual([]);
    // The outbox tries again after its backoff (src/outbox/dispatcher.ts).
    clock.set(new Date(clock.now().getTime() + 2 * 60_000));
    await effects.tick();
    expect(reminders.calls).toEqual([
      ["schedule", { meetingId: meeting.id, startsAt: friday0900.toISOString() }],
    ]);
    expect(booker.sent).toHaveLength(1);
  });

  it("a booking left in 'booking' by a crash after its invitation is sent again and recorded once", async () => {
    const record = await caseAtMeetingStep();
    // As a crash between the invitation and its record leaves it: the row, no case step, no reminder.
    const booked = await meetings.book(anna, record.id, input());
    await store.db.deleteFrom("meetings").execute();
    const { state: _state, sequence: _sequence, ...draft } = booked;
    const orphan = {
      ...draft,
      id: "7d1f9c4e-1111-4000-8000-000000000002",
      caseId: (await caseAtMeetingStep("FA-2026-0002")).id,
      caseRef: "FA-2026-0002",
    };
    await new MeetingRepository(store).insert(orphan, clock.now());
    const calls = reminders.calls.length;
    const lease = 60_000;
    // Younger than the lease: a click may still be on its way.
    expect(await meetings.resumeUnsentBookings(lease)).toBe(0);
    clock.set(new Date(clock.now().getTime() + lease + 1));
    // Two instances at once: one records it.
    const resumed = await Promise.all([
      meetings.resumeUnsentBookings(lease),
      meetings.resumeUnsentBookings(lease),
    ]);
    expect(resumed.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    const row = await store.db
      .selectFrom("meetings")
      .select(["id", "state"])
      .where("id", "=", orphan.id)
      .execute();
    expect(row).toEqual([{ id: orphan.id, state: "booked" }]);
    expect(await cases.get(orphan.caseId)).toMatchObject({ meeting: { meetingId: orphan.id } });
    expect(reminders.calls.slice(calls)).toEqual([
      ["schedule", { meetingId: orphan.id, startsAt: friday0900.toISOString() }],
    ]);
    // The invitation went again with the same UID (calendars keep one event); nothing is left.
    expect(
      booker.sent.filter(([, invitation]) => invitation.meetingId === orphan.id).length,
    ).toBeGreaterThanOrEqual(1);
    expect(await meetings.resumeUnsentBookings(lease)).toBe(0);
  });

  it("booking cards submitted at once book one meeting and send one invitation", async () => {
    const record = await caseAtMeetingStep();
    const ids = ["card-1", "card-2", "card-3", "card-4", "card-5"];
    const results = await Promise.all(
      ids.map((id) => meetings.book(anna, record.id, input({ meetingId: id }))),
    );
    expect(new Set(results.map((m) => m.id)).size).toBe(1);
    expect(booker.sent.filter(([what]) => what === "book")).toHaveLength(1);
    const rows = await store.db.selectFrom("meetings").select(["id", "state"]).execute();
    expect(rows).toEqual([{ id: results[0]!.id, state: "booked" }]);
  });

  it("the database itself refuses a second active meeting for a case", async () => {
    const record = await caseAtMeetingStep();
    const booked = await meetings.book(anna, record.id, input());
    const { state: _state, sequence: _sequence, ...draft } = booked;
    expect(await meetings.repository.insert({ ...draft, id: "sneaked-in" }, clock.now())).toBe(false);
    expect(await meetings.repository.get("sneaked-in")).toBeUndefined();
  });

  it("moves across the DST change and cancels, each once, keeping the case and the reminder in step", async () => {
    const record = await caseAtMeetingStep();
    const booked = await meetings.book(anna, record.id, input());
    const moved = await meetings.reschedule(anna, booked.id, 0, monday0900);
    expect(moved).toMatchObject({ changed: true, meeting: { sequence: 1, startsAt: monday0900 } });
    expect(moved.meeting.endsAt).toEqual(new Date("2026-03-30T08:00:00Z"));
    expect((await meetings.reschedule(anna, booked.id, 0, monday0900)).changed).toBe(false);
    expect((await cases.get(record.id))?.meeting).toEqual({ meetingId: booked.id, on: "2026-03-30" });

    const cancelled = await meetings.cancel(anna, booked.id, 1);
    expect(cancelled).toMatchObject({ changed: true, meeting: { state: "cancelled", sequence: 2 } });
    expect((await meetings.cancel(anna, booked.id, 1)).changed).toBe(false);
    expect(await cases.get(record.id)).toMatchObject({ step: "flerpartsmote" });
    expect((await cases.get(record.id))?.meeting).toBeUndefined();
    expect(await meetings.activeForCase(record.id)).toBeUndefined();
    expect(booker.sent.map(([what, inv]) => [what, inv.sequence])).toEqual([
      ["book", 0],
      ["reschedule", 1],
      ["cancel", 2],
    ]);
    expect(reminders.calls.map(([what]) => what)).toEqual(["schedule", "schedule", "cancel"]);
    // The case can be booked again after a cancellation.
    const again = await meetings.book(anna, record.id, input({ meetingId: "second" }));
    expect(again.state).toBe("booked");
  });

  it("refuses times outside working hours, on holidays, in the past, bad addresses and strangers", async () => {
    const record = await caseAtMeetingStep();
    const at = (iso: string) => input({ startsAt: new Date(iso) });
    expect(await codeOf(meetings.book(anna, record.id, at("2026-03-27T06:30:00Z")))).toBe(
      "MEETING.OUTSIDE_WORKING_HOURS",
    );
    expect(await codeOf(meetings.book(anna, record.id, at("2026-03-27T15:30:00Z")))).toBe(
      "MEETING.OUTSIDE_WORKING_HOURS",
    );
    expect(await codeOf(meetings.book(anna, record.id, at("2026-04-03T08:00:00Z")))).toBe(
      "MEETING.OUTSIDE_WORKING_HOURS",
    );
    expect(await codeOf(meetings.book(anna, record.id, at("2026-03-24T08:00:00Z")))).toBe("MEETING.IN_PAST");
    expect(await codeOf(meetings.book(anna, record.id, input({ extraAttendees: ["inte en adress"] })))).toBe(
      "MEETING.ADDRESS_INVALID",
    );
    // A socialpsykiatri case meets Alfa: Iwork is refused for it (issue 15).
    expect(await codeOf(meetings.book(anna, record.id, input({ jobbtorgUnit: "iwork" })))).toBe(
      "CASE.JOBBTORG_UNIT_MISMATCH",
    );
    const sara = await user(demoUsers.specialistAlfa.id);
    expect(await codeOf(meetings.book(sara, record.id, input()))).toBe("USER.FORBIDDEN");
    const leader = await user(demoUsers.gruppledareSocialpsykiatri.id);
    expect((await meetings.book(leader, record.id, input())).state).toBe("booked");
  });

  it("a failed delivery books nothing; a failed move or cancel leaves the booking as it was", async () => {
    const record = await caseAtMeetingStep();
    booker.failNext = true;
    expect(await codeOf(meetings.book(anna, record.id, input()))).toBe("MEETING.DELIVERY_FAILED");
    expect(await meetings.activeForCase(record.id)).toBeUndefined();
    expect(await cases.get(record.id)).toMatchObject({ step: "flerpartsmote" });

    const booked = await meetings.book(anna, record.id, input());
    booker.failNext = true;
    expect(await codeOf(meetings.reschedule(anna, booked.id, 0, monday0900))).toBe("MEETING.DELIVERY_FAILED");
    booker.failNext = true;
    expect(await codeOf(meetings.cancel(anna, booked.id, 0))).toBe("MEETING.DELIVERY_FAILED");
    expect(await meetings.activeForCase(record.id)).toMatchObject({
      state: "booked",
      sequence: 0,
      startsAt: friday0900,
    });
  });

  it("once the decision rests on the meeting, it is neither moved nor cancelled — and nothing is sent", async () => {
    const record = await caseAtMeetingStep();
    const booked = await meetings.book(anna, record.id, input());
    clock.set(new Date("2026-03-30T10:00:00+02:00"));
    let current = await cases.loadFor(anna, record.id);
    for (const step of [
      {
        kind: "criteria",
        met: true,
        ruleVerdict: "eligible",
        specialistAssessment: { on: "2026-03-30", ready: true },
      },
      { kind: "decide", decidedOn: "2026-03-30", outcome: "bifall", periodTo: "2027-03-29" },
    ] as const) {
      current = (await cases.act(anna, current.id, current.version, step as never)).record;
    }
    expect(current.state.step).not.toBe("beslut");
    const sent = booker.sent.length;
    expect(await codeOf(meetings.cancel(anna, booked.id, 0))).toBe("CASE.MEETING_NOT_CLEARABLE");
    expect(await codeOf(meetings.reschedule(anna, booked.id, 0, new Date("2026-04-01T07:00:00Z")))).toBe(
      "CASE.MEETING_NOT_CLEARABLE",
    );
    expect(booker.sent).toHaveLength(sent);
    expect(await meetings.activeForCase(record.id)).toMatchObject({ state: "booked", sequence: 0 });
  });

  it("suggests working-hour slots in the window from now on", async () => {
    const record = await caseAtMeetingStep();
    const { slots } = await meetings.findSlots(anna, record.id, {
      durationMinutes: 60,
      window: meetings.defaultWindow(),
      jobbtorgUnit: "alfa",
      limit: 3,
    });
    expect(slots.map((s) => s.start.toISOString())).toEqual([
      "2026-03-25T08:00:00.000Z",
      "2026-03-25T08:30:00.000Z",
      "2026-03-25T09:00:00.000Z",
    ]);
  });
});
