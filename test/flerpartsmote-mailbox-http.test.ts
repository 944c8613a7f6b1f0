/**
 * The flerpartsmöte card names the case's own Jobbtorg unit and its configured mailbox: an LSS
 * case meets Iwork (iwork@stockholm.se), never Alfa — found walking Lars's case in the browser.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseAction } from "../src/cases/service.js";
import { ManualClock } from "../src/clock.js";
import type { CaseInsatsId } from "../src/domain/case-types.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf } from "./support/cards.js";
import { demoUsers, type DemoUser } from "./support/fixtures.js";

describe("the flerpartsmöte step card", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      clock: new ManualClock(new Date("2026-12-01T09:00:00+01:00")),
      env: { SCHEDULER_INTERVAL_MS: "0", MEETING_MAILBOX_IWORK: "iwork.lss@example.org" },
    });
  });
  afterAll(async () => {
    await t.close();
  });

  /** A case at the flerpartsmöte step, shown as its caseworker opens it. */
  async function meetingCard(who: DemoUser, caseRef: string, insats: CaseInsatsId): Promise<string> {
    const user = (await t.app.services.directory.findUser(who.id))!;
    const { cases } = t.app.services;
    let { record } = await cases.open(user, {
      creationKey: caseRef,
      caseRef,
      insats,
      receivedOn: "2026-11-02",
      gender: "man",
      age: 40,
    });
    const steps: CaseAction[] = [
      { kind: "informationMeeting", heldOn: "2026-11-04" },
      { kind: "targetGroup", belongs: true },
      { kind: "dur", completedOn: "2026-11-10", areas: ["arbete"], needsPurposeGoals: true },
    ];
    for (const action of steps) {
      record = (await cases.act(user, record.id, record.version, action, record)).record;
    }
    return cardText(cardOf(await t.act(who, "case.open", { caseId: record.id })));
  }

  it("for an LSS case names Jobbtorg Iwork and Iwork's configured mailbox, not Alfa", async () => {
    const text = await meetingCard(demoUsers.handlaggareLss, "BR-2026-0301", "lss-sis");
    expect(text).toContain("Steg 5 av 11 · Flerpartsmöte med Jobbtorg");
    expect(text).toContain("Boka flerpartsmöte med Jobbtorg Iwork");
    expect(text).toContain("Redan bokat via iwork.lss@example.org?");
    expect(text).not.toMatch(/alfa@|Jobbtorg Alfa/i);
  });

  it("for a socialpsykiatri case names Jobbtorg Alfa and alfa@stockholm.se", async () => {
    const text = await meetingCard(demoUsers.handlaggare, "FA-2026-0301", "sis-socialpsykiatri");
    expect(text).toContain("Boka flerpartsmöte med Jobbtorg Alfa");
    expect(text).toContain("Redan bokat via alfa@stockholm.se?");
    expect(text).not.toMatch(/iwork/i);
  });
});
