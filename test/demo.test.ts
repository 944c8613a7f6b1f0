/**
 * `npm start -- --demo`: the seeded demo holds a case at every step for the demo users, Jobbtorg's
 * side of some, and the playground's channels linked — on any chosen day, and twice is once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DemoClock, seedDemo } from "../src/demo.js";
import { stepsFor } from "../src/domain/case-types.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { demoUsers } from "./support/fixtures.js";

describe.each(["2026-12-01", "2027-03-15"])("the demo played on %s", (date) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ clock: new DemoClock(date) });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("runs on the chosen day", () => {
    expect(t.app.services.cases.today()).toBe(date);
  });

  it("seeds a case at every step of type A, and cases of B, C and D, once", async () => {
    const first = await seedDemo(t.app.services);
    expect(first.created).toBe(first.total);
    expect((await seedDemo(t.app.services)).created).toBe(0);
    const anna = (await t.app.services.directory.findUser(demoUsers.handlaggare.id))!;
    const steps = new Set((await t.app.services.cases.mine(anna)).map((c) => c.step));
    for (const step of stepsFor("A").filter((s) => s !== "ansokan" && s !== "avslut"))
      expect(steps).toContain(step);
    for (const user of [demoUsers.handlaggareLss, demoUsers.uppsokare]) {
      const found = (await t.app.services.directory.findUser(user.id))!;
      expect((await t.app.services.cases.mine(found)).length).toBeGreaterThan(0);
    }
  });

  it("moves to another day with `datum` in the chat", async () => {
    await t.say(demoUsers.handlaggare, "datum 2027-06-01");
    expect(t.app.services.cases.today()).toBe("2027-06-01");
    await t.say(demoUsers.handlaggare, "datum i morgon");
    expect(t.app.services.cases.today()).toBe("2027-06-01");
    await t.say(demoUsers.handlaggare, `datum ${date}`);
    expect(t.app.services.cases.today()).toBe(date);
  });

  it("gives Jobbtorg orders to take and a plan already sent, and links the demo channels", async () => {
    const sara = (await t.app.services.directory.findUser(demoUsers.specialistAlfa.id))!;
    expect((await t.app.services.orders.unassigned(sara)).length).toBeGreaterThan(0);
    expect((await t.app.services.orders.mine(sara)).some((o) => o.gpSentOn !== null)).toBe(true);
    const channels = await t.app.services.reminders.repository.channels();
    expect(channels.map((c) => c.scope_key).sort()).toEqual(["alfa", "socialpsykiatri:Farsta"]);
  });
});
