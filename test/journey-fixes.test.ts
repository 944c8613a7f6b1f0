/**
 * What a user saw when walking every journey (issue 15), each as the card or text that was wrong.
 */
import { describe, expect, it } from "vitest";
import { caseListItem, caseStepCard, dueText, type CaseCardContext } from "../cards/cases.js";
import { renderCard } from "../cards/render.js";
import { caseNewCard } from "../cards/cases.js";
import { deliveredToText } from "../bot/features/meetings.js";
import type { CaseRecord } from "../src/cases/repository.js";
import { caseTypeOfInsats } from "../src/domain/case-types.js";
import {
  applyCommand,
  openCase,
  type CaseCommand,
  type CaseInsatsId,
  type CaseState,
} from "../src/domain/case.js";

function walk(insats: CaseInsatsId, commands: CaseCommand[], today: string, age = 30): CaseState {
  const opened = openCase(
    { insats, receivedOn: "2026-11-02", gender: "kvinna", age },
    { today, gpRule: "working" },
  );
  if (!opened.ok) throw opened.error;
  let state = opened.value;
  for (const command of commands) {
    const result = applyCommand(state, command, { today, gpRule: "working" });
    if (!result.ok) throw new Error(`${command.kind}: ${result.error.code}`);
    state = result.value.state;
  }
  return state;
}

function record(insats: CaseInsatsId, state: CaseState): CaseRecord {
  return {
    id: "c-1",
    caseRef: "FA-2026-0142",
    type: caseTypeOfInsats[insats],
    insats,
    caseworkerId: "a1",
    unit: "socialpsykiatri",
    district: "Farsta",
    version: 3,
    state,
    createdAt: new Date(),
    updatedAt: new Date(),
  };
}

function cardText(context: Omit<CaseCardContext, "caseworkerName" | "gpRule">): string {
  return JSON.stringify(caseStepCard({ caseworkerName: "Anna", gpRule: "working", ...context }));
}

const untilMeeting: CaseCommand[] = [
  { kind: "informationMeeting", heldOn: "2026-11-04" },
  { kind: "targetGroup", belongs: true },
  { kind: "dur", completedOn: "2026-11-10", areas: ["arbete"], needsPurposeGoals: true },
];

describe("deadlines as the case card shows them", () => {
  it("a flerpartsmöte whose day has passed has been held, never overdue", () => {
    expect(dueText("flerpartsmote", "2026-11-26", "2026-11-27").text).toBe(
      "Flerpartsmöte 2026-11-26 (har hållits)",
    );
    expect(dueText("flerpartsmote", "2026-11-27", "2026-11-27").text).toBe(
      "Flerpartsmöte 2026-11-27 (i dag)",
    );
    expect(dueText("flerpartsmote", "2026-11-30", "2026-11-27").text).toBe(
      "Flerpartsmöte 2026-11-30 (om 1 arbetsdag)",
    );
  });

  it("counts one working day in the singular", () => {
    expect(dueText("genomforandeplan", "2026-11-26", "2026-11-27").text).toBe(
      "Genomförandeplan senast 2026-11-26 (1 arbetsdag försenad)",
    );
    expect(dueText("uppfoljning", "2026-12-01", "2026-11-27").text).toContain("om 2 arbetsdagar");
  });

  it("the list row of a case whose meeting was held is not red", () => {
    const row = caseListItem(
      {
        id: "c-1",
        caseRef: "FA-2026-0142",
        type: "A",
        insats: "sis-socialpsykiatri",
        caseworkerId: "a1",
        unit: "socialpsykiatri",
        district: "Farsta",
        step: "kriterier",
        nextDueKind: "flerpartsmote",
        nextDueOn: "2026-11-26",
      } as Parameters<typeof caseListItem>[0],
      { today: "2026-11-27", open: true },
    );
    expect(row.due).toBe("Flerpartsmöte 2026-11-26 (har hållits)");
    expect(row.dueColor).toBe("Default");
  });

  it("the decision card says why the decision waits for a meeting ahead", () => {
    const state = walk(
      "sis-socialpsykiatri",
      [
        ...untilMeeting,
        { kind: "meeting", on: "2026-12-03" },
        { kind: "criteria", met: true, specialistAssessment: { on: "2026-11-20", ready: true } },
      ],
      "2026-11-27",
    );
    expect(state.step).toBe("beslut");
    const text = cardText({ record: record("sis-socialpsykiatri", state), today: "2026-11-27" });
    expect(text).toContain("Flerpartsmöte 2026-12-03 (om 4 arbetsdagar) – beslutet fattas efter mötet");
    expect(text).not.toContain("Ingen frist just nu");
  });
});

describe("wording on the step cards", () => {
  it("the DUR card names the under-35 rule once when it is the error", () => {
    const state = walk("sis-socialpsykiatri", untilMeeting.slice(0, 2), "2026-11-27", 25);
    const message = "Den enskilde är under 35 år";
    const plain = cardText({ record: record("sis-socialpsykiatri", state), today: "2026-11-27" });
    expect(plain.split(message).length - 1).toBe(1);
    const withError = cardText({
      record: record("sis-socialpsykiatri", state),
      today: "2026-11-27",
      errors: { areas: `${message}: arbete, utbildning och sysselsättning ska fördjupas.` },
    });
    expect(withError.split(message).length - 1).toBe(1);
  });

  it("the sysselsättning case card's Beslut row names the granted hours", () => {
    const state = walk(
      "sysselsattning",
      [
        ...untilMeeting,
        { kind: "criteria", met: true, orientation: "arbetsrehabiliterande", appliedInterval: "10-24" },
        { kind: "decide", decidedOn: "2026-11-20", outcome: "delavslag", grantedInterval: "1-12" },
      ],
      "2026-11-27",
    );
    const text = cardText({ record: record("sysselsattning", state), today: "2026-11-27" });
    expect(text).toMatch(/delavslag 2026-11-20, 1[–-]12 timmar/);
  });

  it("a completion request states the plan's deadline without a past tense for a future date", () => {
    const state = walk(
      "sysselsattning",
      [
        ...untilMeeting,
        { kind: "criteria", met: true, orientation: "arbetsrehabiliterande", appliedInterval: "10-24" },
        { kind: "decide", decidedOn: "2026-11-20", outcome: "bifall" },
        { kind: "order", orderedOn: "2026-11-23", orderId: "o-1" },
        { kind: "gp", receivedOn: "2026-11-25", matchesOrder: false },
      ],
      "2026-11-27",
    );
    const text = cardText({ record: record("sysselsattning", state), today: "2026-11-27" });
    expect(text).toContain("Begäran om komplettering");
    expect(text).not.toContain("skulle ha kommit");
    expect(text).toContain("Fristen för planen är");
  });

  it("the age field starts empty and is never clamped by the client (the server says what is wrong)", () => {
    const card = renderCard(caseNewCard, { ...caseNewCard.sample, values: {} });
    const age = JSON.stringify(card).match(/\{[^{}]*"id":"age"[^{}]*\}/)?.[0] ?? "";
    expect(age).not.toBe("");
    expect(age).not.toMatch(/"max"|"min"/);
    expect(age).not.toMatch(/"value":"?0/);
    expect(age).toMatch(/"placeholder":"Ålder/);
  });

  it("a meeting card names the local outbox, not a file", () => {
    const shown = deliveredToText("den lokala utkorgen: /tmp/data/outbox/20261127T0800-m-1-1-cancel.eml");
    expect(shown).not.toMatch(/\.eml|cancel/);
    expect(shown).toContain("den lokala utkorgen");
    expect(deliveredToText("alfa@stockholm.se")).toBe("alfa@stockholm.se");
  });
});
