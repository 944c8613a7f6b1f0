/**
 * One home per case step (issue 15): every step has its domain file (src/domain/steps/<step>.ts)
 * and its card file (cards/cases/<step>.ts), and the verbs on case cards already posted in Teams
 * still route to their step.
 */
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CommandRegistry } from "../bot/commands.js";
import { allFeatures } from "../bot/features/index.js";
import { stepCards, stepVerb } from "../cards/cases.js";
import type { CaseAction } from "../src/cases/service.js";
import {
  closeReasons,
  commandDetail,
  commandStep,
  decisionOutcomes,
  historyDetailTexts,
  historyTexts,
  type CaseCommand,
} from "../src/domain/case.js";
import { stepIds } from "../src/domain/case-types.js";
import { caseSteps } from "../src/domain/steps/index.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions } from "./support/cards.js";
import { alfaStepsUntilOrder, demoUsers } from "./support/fixtures.js";

/** The verbs case cards in Teams carry today, by the step they complete. Posted cards keep them. */
const postedStepVerbs = {
  informationsmote: "case.informationMeeting",
  malgrupp: "case.targetGroup",
  dur: "case.dur",
  flerpartsmote: "case.meeting",
  kriterier: "case.criteria",
  beslut: "case.decide",
  bestallning: "case.order",
  genomforandeplan: "case.gp",
  uppfoljning: "case.followUp",
  avslut: "case.close",
} as const;
const otherPostedVerbs = [
  "case.withdraw",
  "case.targetGroupCheck",
  "case.criteriaCheck",
  "case.decisionPreview",
];

describe("each step's home", () => {
  it.each(stepIds)("%s has one domain file and one card file", (step) => {
    expect(fs.existsSync(`src/domain/steps/${step}.ts`)).toBe(true);
    if (step === "ansokan") return; // the new application's card is cards/cases.ts (case-new)
    expect(fs.existsSync(`cards/cases/${step}.ts`)).toBe(true);
    expect(caseSteps[step].id).toBe(step);
    expect(stepCards[step].step).toBe(step);
  });
});

describe("the case history's texts come from the steps", () => {
  it("names what every command did", () => {
    for (const kind of [...Object.keys(commandStep), "open"]) {
      expect(historyTexts[kind as keyof typeof historyTexts], kind).toMatch(/^[A-ZÅÄÖ]/);
    }
    expect(historyTexts.gp).toBe("Genomförandeplan mottagen");
  });

  it.each([
    { kind: "targetGroup", belongs: false },
    { kind: "criteria", met: true },
    ...decisionOutcomes.map((outcome) => ({ kind: "decide", decidedOn: "2026-03-02", outcome })),
    { kind: "gp", receivedOn: "2026-03-02", matchesOrder: false },
    { kind: "followUp", heldOn: "2026-03-02", items: [], continues: true },
    ...closeReasons.map((reason) => ({
      kind: "close",
      closedOn: "2026-03-02",
      reason,
      closingMeetingHeld: false,
    })),
  ] as CaseCommand[])("%o: its outcome has a Swedish text", (command) => {
    const detail = commandDetail(command);
    expect(detail).not.toBeNull();
    expect(historyDetailTexts[detail!]).toBeTruthy();
  });
});

describe("verbs on cards already posted", () => {
  const registered = new Set(
    allFeatures(new CommandRegistry())
      .flatMap((feature) => feature.actions ?? [])
      .map((action) => action.verb),
  );

  it.each(Object.entries(postedStepVerbs))("%s: %s is still the step's verb and registered", (step, verb) => {
    expect(stepVerb(step as keyof typeof postedStepVerbs)).toBe(verb);
    expect(registered.has(verb)).toBe(true);
  });

  it.each(otherPostedVerbs)("%s is registered", (verb) => {
    expect(registered.has(verb)).toBe(true);
  });

  describe("through real HTTP", () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await startTestApp();
    });
    afterAll(async () => {
      await t?.close();
    });

    it("case.gp on a genomförandeplan card posted earlier registers the plan", async () => {
      const anna = (await t.app.services.directory.findUser(demoUsers.handlaggare.id))!;
      const { cases } = t.app.services;
      let { record } = await cases.open(anna, {
        creationKey: "k-FA-2026-0790",
        caseRef: "FA-2026-0790",
        insats: "sis-socialpsykiatri",
        receivedOn: "2026-01-05",
        gender: "kvinna",
        age: 30,
      });
      const actions: CaseAction[] = [...alfaStepsUntilOrder];
      for (const action of actions)
        record = (await cases.act(anna, record.id, record.version, action)).record;
      // The card as it was posted: its action carries case.gp with the case and version.
      const posted = cardOf(await t.act(demoUsers.handlaggare, "case.open", { caseId: record.id }));
      const action = executeActions(posted).find((a) => a.verb === "case.gp")!;
      expect(action.data).toMatchObject({ caseId: record.id, v: record.version });
      const answer = cardOf(
        await t.act(demoUsers.handlaggare, "case.gp", {
          ...action.data,
          receivedOn: "2026-01-20",
          matchesOrder: "ja",
        }),
      );
      expect(cardText(answer)).toContain("Genomförandeplanen är mottagen och granskad");
      expect((await cases.loadFor(anna, record.id)).state.step).toBe("uppfoljning");
    });
  });
});
