import { describe, expect, it } from "vitest";
import { planReminders, type DeadlineFacts, type ReminderPolicy } from "../src/reminders/policy.js";
import { backoffMs } from "../src/reminders/scheduler.js";

const policy: ReminderPolicy = { gpWorkingDaysBefore: 3, followUpDaysBefore: 14, reminderTime: "08:30" };
const early = new Date("2026-01-01T00:00:00Z");

const gp: DeadlineFacts = {
  id: "gp:o1",
  kind: "gp",
  dueOn: "2026-04-08",
  caseworkerId: "cw",
  caseworkerUnit: "socialpsykiatri",
  district: "Farsta",
  jobbtorgUnit: "alfa",
};

const plan = (deadline: DeadlineFacts, now = early) =>
  planReminders(deadline, policy, now).map((r) => `${r.kind} ${r.target} ${r.dueAt.toISOString()}`);

describe("the reminder policy", () => {
  it("reminds caseworker and Jobbtorg unit 3 working days before and on the GP date; escalates to both channels after", () => {
    // Due Wednesday 8 April 2026: 3 working days before skips Easter Monday and Good Friday → 1 April.
    expect(plan(gp)).toEqual([
      "gp-before user:cw 2026-04-01T06:30:00.000Z",
      "gp-due user:cw 2026-04-08T06:30:00.000Z",
      "gp-before unit:alfa 2026-04-01T06:30:00.000Z",
      "gp-due unit:alfa 2026-04-08T06:30:00.000Z",
      "gp-overdue unit:alfa 2026-04-09T06:30:00.000Z",
      "gp-overdue unit:socialpsykiatri:Farsta 2026-04-09T06:30:00.000Z",
    ]);
  });

  it("follow-up: 14 days before and on the due date, moved back to a working day; overdue to the team channel", () => {
    // Due Sunday 6 September 2026 → reminders Friday 21 August… (23 Aug is a Sunday) and Friday 4 September.
    expect(
      plan({ ...gp, id: "follow-up:c1", kind: "follow-up", dueOn: "2026-09-06", jobbtorgUnit: null }),
    ).toEqual([
      "follow-up-before user:cw 2026-08-21T06:30:00.000Z",
      "follow-up-due user:cw 2026-09-04T06:30:00.000Z",
      "follow-up-overdue unit:socialpsykiatri:Farsta 2026-09-07T06:30:00.000Z",
    ]);
  });

  it("a meeting is reminded the working day before, in Stockholm time across the DST change", () => {
    const meeting = {
      ...gp,
      id: "meeting:m1",
      kind: "meeting" as const,
      dueOn: "2026-03-30",
      startsAt: new Date("2026-03-30T08:00:00Z"),
    };
    // Monday 30 March (CEST) → Friday 27 March 08:30 CET = 07:30Z.
    expect(plan(meeting)).toEqual(["meeting-before user:cw 2026-03-27T07:30:00.000Z"]);
  });

  it("drops reminders that are already pointless when a deadline is registered late, but keeps escalations", () => {
    const onDueDateAfternoon = new Date("2026-04-08T13:00:00Z");
    expect(plan(gp, onDueDateAfternoon)).toEqual([
      "gp-due user:cw 2026-04-08T06:30:00.000Z",
      "gp-due unit:alfa 2026-04-08T06:30:00.000Z",
      "gp-overdue unit:alfa 2026-04-09T06:30:00.000Z",
      "gp-overdue unit:socialpsykiatri:Farsta 2026-04-09T06:30:00.000Z",
    ]);
    const weekLate = new Date("2026-04-15T13:00:00Z");
    expect(plan(gp, weekLate).every((line) => line.startsWith("gp-overdue"))).toBe(true);
  });

  it("backs off exponentially with jitter, bounded to 15 minutes", () => {
    expect(backoffMs(0, () => 1)).toBe(1_000);
    expect(backoffMs(3, () => 1)).toBe(8_000);
    expect(backoffMs(30, () => 1)).toBe(15 * 60_000);
    expect(backoffMs(3, () => 0.5)).toBe(4_000);
    expect(backoffMs(3, () => 0)).toBe(1_000);
  });
});
