/** A genomförandeplan Jobbtorg has reported sent is no longer the case's next deadline (src/domain/case.ts). */
import { describe, expect, it } from "vitest";
import {
  applyCommand,
  nextDeadline,
  openCase,
  type CaseCommand,
  type CaseState,
} from "../src/domain/case.js";

const context = { today: "2026-03-02", gpRule: "working" as const };

function caseAt(commands: CaseCommand[]): CaseState {
  const opened = openCase(
    { insats: "sis-socialpsykiatri", receivedOn: "2026-01-05", gender: "man", age: 40 },
    context,
  );
  if (!opened.ok) throw opened.error;
  let state = opened.value;
  for (const command of commands) {
    const result = applyCommand(state, command, context);
    if (!result.ok) throw new Error(`${command.kind}: ${result.error.code}`);
    state = result.value.state;
  }
  return state;
}

const ordered = caseAt([
  { kind: "informationMeeting", heldOn: "2026-01-07" },
  { kind: "targetGroup", belongs: true },
  { kind: "dur", completedOn: "2026-01-12", areas: ["arbete"], needsPurposeGoals: true },
  { kind: "meeting", on: "2026-01-14" },
  { kind: "criteria", met: true, specialistAssessment: { on: "2026-01-14", ready: true } },
  { kind: "decide", decidedOn: "2026-01-15", outcome: "bifall", periodTo: "2027-01-14" },
  { kind: "order", orderedOn: "2026-01-16", jobbtorgUnit: "alfa", orderId: "o-1" },
]);

describe("the next deadline of a case waiting for its plan", () => {
  it("is the plan until Jobbtorg reports it sent, then the follow-up", () => {
    const gp = { kind: "genomforandeplan", dueOn: ordered.orders[0]!.gpDueOn };
    const followUp = { kind: "uppfoljning", dueOn: ordered.followUpDueOn };
    expect(nextDeadline(ordered)).toEqual(gp);
    expect(nextDeadline(ordered, null)).toEqual(gp);
    expect(nextDeadline(ordered, "2026-01-20")).toEqual(followUp);
    // A date before this order belongs to an earlier order's plan.
    expect(nextDeadline(ordered, "2026-01-10")).toEqual(gp);
  });

  it("is the plan again once a completion is requested after it was sent", () => {
    const completion = applyCommand(
      ordered,
      { kind: "gp", receivedOn: "2026-01-21", matchesOrder: false },
      context,
    );
    if (!completion.ok) throw completion.error;
    expect(nextDeadline(completion.value.state, "2026-01-20")?.kind).toBe("genomforandeplan");
    expect(nextDeadline(completion.value.state, "2026-01-22")?.kind).toBe("uppfoljning");
  });
});
