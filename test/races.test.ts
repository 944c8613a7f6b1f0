/**
 * Races closed in the database, on every dialect (PostgreSQL when reachable; REQUIRE_POSTGRES=1
 * in CI): concurrent "Klar" clicks on one reminder close its deadline once and write one
 * deadline.done audit row. Concurrent meeting bookings: test/meetings-store.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ManualClock } from "../src/clock.js";
import "../src/reminders/schema.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { demoUsers } from "./support/fixtures.js";
import { dialects } from "./support/stores.js";

const anna = demoUsers.handlaggare;

describe.each(dialects)("concurrent clicks on %s", (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({ dialect });
    await app.install(anna);
  });
  afterEach(async () => {
    await app.close();
  });

  it("Klar clicked at once from several clients has one deadline.done effect", async () => {
    await app.app.services.reminders.scheduleGpDeadline({
      orderId: "o-1",
      caseId: "c-1",
      caseRef: "FA-2026-0142",
      insats: "sis-socialpsykiatri",
      dueOn: "2026-03-23",
      rule: "working",
      caseworkerId: anna.id,
      jobbtorgUnit: "alfa",
      caseworkerUnit: "socialpsykiatri",
      district: "Farsta",
    });
    (app.clock as ManualClock).set(new Date("2026-03-18T08:31:00+01:00"));
    await app.app.scheduler.tick();
    const db = app.app.services.store.db;
    const reminder = await db
      .selectFrom("reminders")
      .select("id")
      .where("target", "=", `user:${anna.id}`)
      .executeTakeFirstOrThrow();

    const answers = await Promise.all(
      Array.from({ length: 6 }, () => app.act(anna, "reminder.done", { reminderId: reminder.id })),
    );
    expect(answers.map((a) => a.body.statusCode)).toEqual(Array(6).fill(200));
    const done = await db
      .selectFrom("audit_log")
      .select("action")
      .where("action", "like", "deadline.done.%")
      .execute();
    expect(done).toEqual([{ action: "deadline.done.gp" }]);
  });
});
