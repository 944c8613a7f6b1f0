import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { ReminderRepository } from "../src/reminders/repository.js";
import { ReminderService, deadlineIds } from "../src/reminders/service.js";
import type { Store } from "../src/store/db.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const policy = { gpWorkingDaysBefore: 3, followUpDaysBefore: 14, reminderTime: "08:30" };
const gpInput = {
  orderId: "o-1",
  caseId: "c-1",
  caseRef: "FA-2026-0142",
  insats: "sis-socialpsykiatri",
  dueOn: "2026-03-23",
  rule: "working" as const,
  caseworkerId: "cw-1",
  jobbtorgUnit: "alfa" as const,
  caseworkerUnit: "socialpsykiatri",
  district: "Farsta",
};

async function live(store: Store) {
  return store.db
    .selectFrom("reminders")
    .select(["kind", "target", "due_at", "state"])
    .where("state", "in", ["pending", "waiting", "claimed"])
    .orderBy("due_at")
    .orderBy("kind")
    .orderBy("target")
    .execute();
}

describe.each(dialects)("reminders in the store on %s", (dialect) => {
  let store: TestStore;
  let clock: ManualClock;
  let service: ReminderService;
  beforeEach(async () => {
    store = await freshStore(dialect);
    clock = new ManualClock(new Date("2026-03-02T09:00:00+01:00"));
    service = new ReminderService(new ReminderRepository(store), clock, policy);
  });
  afterEach(async () => {
    await store.close();
  });

  it("schedules a GP deadline's reminders once, however often it is scheduled", async () => {
    await service.scheduleGpDeadline(gpInput);
    await service.scheduleGpDeadline(gpInput);
    const rows = await live(store);
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.state))).toEqual(new Set(["pending"]));
    expect(await service.repository.getDeadline(deadlineIds.gp("o-1"))).toMatchObject({
      state: "open",
      due_on: "2026-03-23",
      case_ref: "FA-2026-0142",
    });
  });

  it("cancels what is not yet sent when the GP arrives, and says so only once", async () => {
    await service.scheduleGpDeadline(gpInput);
    await service.completeGpDeadline("o-1");
    expect(await live(store)).toEqual([]);
    expect(await service.repository.getDeadline(deadlineIds.gp("o-1"))).toMatchObject({ state: "done" });
    expect(await service.markDone(deadlineIds.gp("o-1"), "cw-1")).toBe(false);
  });

  it("moves the reminders when the due date moves, and revives them when a closed deadline reopens", async () => {
    await service.scheduleGpDeadline(gpInput);
    await service.scheduleGpDeadline({ ...gpInput, dueOn: "2026-03-30" });
    const moved = await live(store);
    expect(moved).toHaveLength(6);
    expect(moved.every((r) => r.due_at >= new Date("2026-03-25T00:00:00Z").getTime())).toBe(true);
    await service.completeGpDeadline("o-1");
    await service.scheduleGpDeadline({ ...gpInput, dueOn: "2026-03-30" });
    expect(await live(store)).toEqual(moved);
  });

  it("replaces a case's follow-up with the next one, and cancels everything when the case closes", async () => {
    const followUp = { ...gpInput, dueOn: "2026-09-02" };
    await service.scheduleFollowUp(followUp);
    await service.completeFollowUp("c-1");
    await service.scheduleFollowUp({ ...followUp, dueOn: "2027-03-02" });
    const rows = await live(store);
    expect(rows.map((r) => r.kind)).toEqual(["follow-up-before", "follow-up-due", "follow-up-overdue"]);
    expect(rows[1]!.due_at).toBe(new Date("2027-03-02T08:30:00+01:00").getTime());
    await service.scheduleGpDeadline(gpInput);
    await service.cancelCase("c-1");
    expect(await live(store)).toEqual([]);
  });

  it("snoozes to the next working day at the reminder time, across a weekend", async () => {
    await service.scheduleGpDeadline(gpInput);
    clock.set(new Date("2026-03-20T10:00:00+01:00")); // a Friday
    const [first] = await service.repository.claimDue(clock.now(), 1, "i1", 60_000);
    expect(await service.snooze(first!.id)).toBe("2026-03-23");
    const snoozed = await store.db
      .selectFrom("reminders")
      .selectAll()
      .where("idempotency_key", "like", "snooze|%")
      .execute();
    expect(snoozed).toHaveLength(1);
    expect(snoozed[0]).toMatchObject({ kind: first!.kind, target: first!.target });
    expect(snoozed[0]!.due_at).toBe(new Date("2026-03-23T08:30:00+01:00").getTime());
  });

  it("claims due rows once, hands out an expired lease again, and records only the holder's outcome", async () => {
    const repository = service.repository;
    await service.scheduleGpDeadline(gpInput);
    const beforeDue = new Date("2026-03-18T07:00:00Z");
    expect(await repository.claimDue(beforeDue, 10, "i1", 60_000)).toEqual([]);
    const due = new Date("2026-03-18T08:00:00Z");
    const first = await repository.claimDue(due, 10, "i1", 60_000);
    expect(first.map((r) => r.kind)).toEqual(["gp-before", "gp-before"]);
    expect(await repository.claimDue(due, 10, "i2", 60_000)).toEqual([]);
    await repository.markSent(first[0]!.id, "i1", due, "a-1");
    // i1 died holding the second row: after the lease another instance gets it.
    const afterLease = new Date(due.getTime() + 61_000);
    const retaken = await repository.claimDue(afterLease, 10, "i2", 60_000);
    expect(retaken.map((r) => r.id)).toEqual([first[1]!.id]);
    expect(retaken[0]!.attempts).toBe(2);
    // The dead instance's late outcome does not overwrite the new holder's claim.
    await repository.markSent(first[1]!.id, "i1", afterLease, "late");
    expect((await repository.getReminder(first[1]!.id))!.state).toBe("claimed");
    await repository.markSent(first[1]!.id, "i2", afterLease, "a-2");
    expect((await repository.getReminder(first[1]!.id))!).toMatchObject({
      state: "sent",
      activity_id: "a-2",
    });
  });

  it("never hands the same row to two instances claiming at once", async () => {
    const other = store.reopen();
    try {
      const rows = Array.from({ length: 400 }, (_, i) => ({
        deadlineId: null,
        kind: "gp-due" as const,
        target: `user:u${i}`,
        dueAt: new Date(1_000 + i),
        key: `k${i}`,
      }));
      await service.repository.addReminders(rows, new Date(0));
      const repositories = [service.repository, new ReminderRepository(other)];
      const claimedBy = await Promise.all(
        repositories.map(async (repository, n) => {
          const ids: number[] = [];
          for (;;) {
            const batch = await repository.claimDue(new Date(10_000), 7, `i${n}`, 60_000);
            if (batch.length === 0) return ids;
            ids.push(...batch.map((r) => r.id));
          }
        }),
      );
      const all = claimedBy.flat();
      expect(all).toHaveLength(400);
      expect(new Set(all).size).toBe(400);
    } finally {
      await other.close();
    }
  });

  it("registers one channel per unit and district; the district's channel wins over the unit's", async () => {
    const repository = service.repository;
    const base = { district: null, registered_by: "lead", registered_at: 1 };
    await repository.registerChannel({
      ...base,
      channel_key: "channel:a",
      scope_key: "socialpsykiatri",
      unit: "socialpsykiatri",
    });
    expect((await repository.channelForUnit("unit:socialpsykiatri:Farsta"))?.channel_key).toBe("channel:a");
    await repository.registerChannel({
      ...base,
      channel_key: "channel:b",
      scope_key: "socialpsykiatri:Farsta",
      unit: "socialpsykiatri",
      district: "Farsta",
    });
    expect((await repository.channelForUnit("unit:socialpsykiatri:Farsta"))?.channel_key).toBe("channel:b");
    // Registering the same channel for another unit moves it.
    await repository.registerChannel({ ...base, channel_key: "channel:b", scope_key: "alfa", unit: "alfa" });
    expect((await repository.channelForUnit("unit:socialpsykiatri:Farsta"))?.channel_key).toBe("channel:a");
    expect((await repository.channels()).map((c) => c.scope_key)).toEqual(["alfa", "socialpsykiatri"]);
  });
});
