import { describe, expect, it } from "vitest";
import { followUpDue, gpDueDate } from "../src/deadlines/index.js";
import {
  applyCommand,
  commandStep,
  nextDeadline,
  openCase,
  type CaseCommand,
  type CaseCommandKind,
  type CaseState,
  type TransitionContext,
} from "../src/domain/case.js";
import {
  caseInsatsIds,
  stepIds,
  stepPosition,
  stepsFor,
  type CaseInsatsId,
  type CaseType,
  type StepId,
} from "../src/domain/case-types.js";
import { checkCaseRef } from "../src/domain/case-ref.js";
import type { DomainError } from "../src/errors.js";

const context: TransitionContext = { today: "2026-12-01", gpRule: "working" };

const representative: Record<CaseType, CaseInsatsId> = {
  A: "sis-socialpsykiatri",
  B: "lss-sis",
  C: "sysselsattning",
  D: "uvas-kvinnor-sis",
};

/** A valid command of each kind for a case of `type` (dates in process order). */
function validCommand(kind: CaseCommandKind, type: CaseType): CaseCommand {
  switch (kind) {
    case "informationMeeting":
      return { kind, heldOn: "2026-01-12" };
    case "targetGroup":
      return { kind, belongs: true, ruleVerdict: "needs-facts" };
    case "dur":
      return { kind, completedOn: "2026-01-26", areas: ["arbete", "adl"], needsPurposeGoals: true };
    case "meeting":
      return { kind, on: "2026-02-02", meetingId: "m-1" };
    case "clearMeeting":
      return { kind, meetingId: "m-1" };
    case "criteria":
      return type === "C"
        ? { kind, met: true, orientation: "arbetsrehabiliterande", appliedInterval: "10-24" }
        : {
            kind,
            met: true,
            ruleVerdict: "eligible",
            ...(type === "A" ? { specialistAssessment: { on: "2026-02-03", ready: true } } : {}),
          };
    case "decide":
      return { kind, decidedOn: "2026-02-09", outcome: "bifall", periodTo: "2027-02-08" };
    case "order":
      return { kind, orderedOn: "2026-02-10", orderId: "o-1" };
    case "gp":
      return { kind, receivedOn: "2026-02-24", matchesOrder: true };
    case "followUp":
      return {
        kind,
        heldOn: "2026-08-10",
        items: ["dur-uppfoljning", "behov-syfte-mal"],
        continues: true,
        orderId: "o-2",
      };
    case "close":
      return { kind, closedOn: "2026-11-30", reason: "behov-upphort", closingMeetingHeld: true };
    case "withdraw":
      return { kind, on: "2026-11-30" };
  }
}

function newCase(insats: CaseInsatsId, age = 30): CaseState {
  const opened = openCase({ insats, receivedOn: "2026-01-05", gender: "kvinna", age }, context);
  if (!opened.ok) throw opened.error;
  return opened.value;
}

function run(state: CaseState, command: CaseCommand, ctx = context) {
  const result = applyCommand(state, command, ctx);
  if (!result.ok)
    throw new Error(`${command.kind}: ${result.error.code} ${JSON.stringify(result.error.details)}`);
  return result.value;
}

function errorOf(state: CaseState, command: CaseCommand, ctx = context): DomainError {
  const result = applyCommand(state, command, ctx);
  if (result.ok) throw new Error(`${command.kind} was accepted in step ${state.step}`);
  return result.error;
}

/** The state of a case of `type` when it has reached each step along the main path. */
function statesAlongPath(type: CaseType): Map<StepId, CaseState> {
  const states = new Map<StepId, CaseState>();
  let state = newCase(representative[type]);
  const path: CaseCommandKind[] = ["informationMeeting", "targetGroup", "dur"];
  if (type !== "C") path.push("meeting");
  path.push("criteria", "decide", "order", "gp");
  states.set(state.step, state);
  for (const kind of path) {
    state = run(state, validCommand(kind, type)).state;
    states.set(state.step, state);
  }
  state = run(state, { ...validCommand("followUp", type), continues: false } as CaseCommand).state;
  states.set(state.step, state);
  return states;
}

/** The process each case type must follow: [step, command, next step]. Everything else is refused. */
const processTable: Record<CaseType, [StepId, CaseCommandKind, StepId | "closed"][]> = {
  A: [
    ["informationsmote", "informationMeeting", "malgrupp"],
    ["malgrupp", "targetGroup", "dur"],
    ["dur", "dur", "flerpartsmote"],
    ["flerpartsmote", "meeting", "kriterier"],
    ["kriterier", "criteria", "beslut"],
    ["beslut", "decide", "bestallning"],
    ["bestallning", "order", "genomforandeplan"],
    ["genomforandeplan", "gp", "uppfoljning"],
    ["uppfoljning", "followUp", "genomforandeplan"],
    ["avslut", "close", "closed"],
    ["informationsmote", "withdraw", "closed"],
    ["malgrupp", "withdraw", "closed"],
    ["dur", "withdraw", "closed"],
    ["flerpartsmote", "withdraw", "closed"],
    ["kriterier", "withdraw", "closed"],
    ["beslut", "withdraw", "closed"],
    ["kriterier", "clearMeeting", "flerpartsmote"],
    ["beslut", "clearMeeting", "flerpartsmote"],
  ],
  B: [],
  C: [
    ["informationsmote", "informationMeeting", "malgrupp"],
    ["malgrupp", "targetGroup", "dur"],
    ["dur", "dur", "kriterier"],
    ["kriterier", "criteria", "beslut"],
    ["beslut", "decide", "bestallning"],
    ["bestallning", "order", "genomforandeplan"],
    ["genomforandeplan", "gp", "uppfoljning"],
    ["uppfoljning", "followUp", "genomforandeplan"],
    ["avslut", "close", "closed"],
    ["informationsmote", "withdraw", "closed"],
    ["malgrupp", "withdraw", "closed"],
    ["dur", "withdraw", "closed"],
    ["kriterier", "withdraw", "closed"],
    ["beslut", "withdraw", "closed"],
  ],
  D: [],
};
// B and D walk the same process as A (flerpartsmöte included).
processTable.B = processTable.A;
processTable.D = processTable.A;

const allKinds = Object.keys(commandStep) as CaseCommandKind[];

describe("the process state machine, exhaustively per case type", () => {
  for (const type of ["A", "B", "C", "D"] as const) {
    const states = statesAlongPath(type);
    const rows: [StepId, CaseCommandKind][] = [];
    for (const step of stepsFor(type).filter((s) => s !== "ansokan")) {
      for (const kind of allKinds) rows.push([step, kind]);
    }

    it(`${type}: reaches every one of its steps along the main path`, () => {
      expect([...states.keys()].sort()).toEqual(
        stepsFor(type)
          .filter((s) => s !== "ansokan")
          .sort(),
      );
    });

    it.each(rows)(`${type}: in step %s, %s`, (step, kind) => {
      const state = states.get(step)!;
      const allowed = processTable[type].find(([s, k]) => s === step && k === kind);
      const result = applyCommand(state, validCommand(kind, type), context);
      if (allowed) {
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        const next = allowed[2];
        if (next === "closed") expect(result.value.state.closed).toBeDefined();
        else expect(result.value.state.step).toBe(next);
        return;
      }
      expect(result.ok).toBe(false);
      if (result.ok) return;
      const expected =
        kind === "clearMeeting"
          ? state.meeting
            ? "CASE.MEETING_NOT_CLEARABLE"
            : "CASE.MEETING_NOT_FOUND"
          : commandStep[kind] && !stepsFor(type).includes(commandStep[kind])
            ? "CASE.STEP_NOT_FOR_TYPE"
            : "CASE.WRONG_STEP";
      expect(result.error.code).toBe(expected);
    });

    it(`${type}: refuses every command once the case is closed`, () => {
      const closed = run(states.get("avslut")!, validCommand("close", type)).state;
      for (const kind of allKinds) {
        expect(errorOf(closed, validCommand(kind, type)).code).toBe("CASE.CLOSED");
      }
    });
  }

  it("counts the steps: 11 with a flerpartsmöte, 10 for sysselsättning", () => {
    expect(stepPosition("A", "dur")).toEqual({ number: 4, of: 11 });
    expect(stepPosition("B", "avslut")).toEqual({ number: 11, of: 11 });
    expect(stepPosition("C", "kriterier")).toEqual({ number: 5, of: 10 });
    expect(stepPosition("D", "flerpartsmote")).toEqual({ number: 5, of: 11 });
    expect(stepsFor("C")).not.toContain("flerpartsmote");
    expect(stepsFor("A")).toEqual(stepIds);
  });

  it.each(caseInsatsIds.map((id) => [id]))("opens a %s case at the informationsmöte", (insats) => {
    const state = newCase(insats);
    expect(state.step).toBe("informationsmote");
    expect(stepPosition(state.type, state.step).number).toBe(2);
  });
});

describe("opening a case", () => {
  it.each([
    [15, "CASE.AGE_OUT_OF_RANGE"],
    [111, "CASE.AGE_OUT_OF_RANGE"],
    [16, undefined],
    [110, undefined],
  ] as const)("age %i → %s", (age, code) => {
    const result = openCase(
      { insats: "sysselsattning", receivedOn: "2026-01-05", gender: "man", age },
      context,
    );
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it("refuses an application received in the future", () => {
    const result = openCase(
      { insats: "lss-insteg", receivedOn: "2026-12-02", gender: "annat", age: 20 },
      context,
    );
    expect(result.ok ? undefined : result.error.code).toBe("CASE.DATE_IN_FUTURE");
  });
});

describe("step rules", () => {
  const atStep = (type: CaseType, step: StepId) => statesAlongPath(type).get(step)!;

  it.each([
    [34, [], "CASE.DUR_WORK_AREA_REQUIRED"],
    [34, ["arbete"], undefined],
    [35, [], undefined],
    [50, ["intressen"], undefined],
  ] as const)(
    "DUR at age %i with areas %j → %s (under 35: arbete is deepened, 003 §2.1)",
    (age, areas, code) => {
      const state = { ...atStep("C", "dur"), age };
      const result = applyCommand(
        state,
        { kind: "dur", completedOn: "2026-01-26", areas: [...areas], needsPurposeGoals: true },
        context,
      );
      expect(result.ok ? undefined : result.error.code).toBe(code);
      if (!result.ok) expect(result.error.details.field).toBe("areas");
    },
  );

  it("requires behov, syfte och målsättning to be clarified", () => {
    const error = errorOf(atStep("A", "dur"), {
      kind: "dur",
      completedOn: "2026-01-26",
      areas: ["arbete"],
      needsPurposeGoals: false,
    });
    expect(error.code).toBe("CASE.DUR_NEEDS_PURPOSE_GOALS");
  });

  it.each([
    ["2026-01-04", "CASE.DATE_TOO_EARLY"],
    ["2026-12-02", "CASE.DATE_IN_FUTURE"],
    ["2026-02-30", "CASE.DATE_INVALID"],
    ["2026-01-05", undefined],
  ] as const)("informationsmöte on %s → %s", (heldOn, code) => {
    const result = applyCommand(
      atStep("A", "informationsmote"),
      { kind: "informationMeeting", heldOn },
      context,
    );
    expect(result.ok ? undefined : result.error.code).toBe(code);
  });

  it("refuses to confirm the target group when the rule module says a condition fails", () => {
    const refused = errorOf(atStep("A", "malgrupp"), {
      kind: "targetGroup",
      belongs: true,
      ruleVerdict: "not-eligible",
    });
    expect(refused.code).toBe("CASE.TARGET_GROUP_CONTRADICT_RULES");
    expect(refused.details.field).toBe("belongs");
  });

  it("takes a case outside the target group straight to a decision that can only reject", () => {
    const outside = run(atStep("B", "malgrupp"), {
      kind: "targetGroup",
      belongs: false,
      ruleVerdict: "not-eligible",
    });
    expect(outside.state.step).toBe("beslut");
    const grant = errorOf(outside.state, { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall" });
    expect(grant.code).toBe("CASE.GRANT_REQUIRES_TARGET_GROUP");
    const rejected = run(outside.state, { kind: "decide", decidedOn: "2026-02-09", outcome: "avslag" });
    expect(rejected.state.step).toBe("avslut");
    expect(rejected.effects).toEqual([]);
    expect(
      errorOf(rejected.state, {
        kind: "close",
        closedOn: "2026-02-10",
        reason: "behov-upphort",
        closingMeetingHeld: false,
      }).code,
    ).toBe("CASE.CLOSE_REASON_INVALID");
    const closed = run(rejected.state, {
      kind: "close",
      closedOn: "2026-02-10",
      reason: "avslag",
      closingMeetingHeld: false,
    });
    expect(closed.state.closed?.reason).toBe("avslag");
    expect(closed.effects).toEqual([{ kind: "cancelCase" }]);
  });

  describe("criteria for A need the work specialist's assessment (003 §4.2.3)", () => {
    it.each([
      [{ kind: "criteria", met: true }, "CASE.SPECIALIST_ASSESSMENT_REQUIRED"],
      [
        { kind: "criteria", met: true, specialistAssessment: { on: "2026-02-03", ready: false } },
        "CASE.CRITERIA_CONTRADICTION",
      ],
      [
        {
          kind: "criteria",
          met: true,
          ruleVerdict: "not-eligible",
          specialistAssessment: { on: "2026-02-03", ready: true },
        },
        "CASE.CRITERIA_CONTRADICT_RULES",
      ],
      [{ kind: "criteria", met: false, specialistAssessment: { on: "2026-02-03", ready: false } }, undefined],
      [
        { kind: "criteria", met: true, specialistAssessment: { on: "2027-01-01", ready: true } },
        "CASE.DATE_IN_FUTURE",
      ],
    ] as [CaseCommand, string | undefined][])("%j → %s", (command, code) => {
      const result = applyCommand(atStep("A", "kriterier"), command, context);
      expect(result.ok ? undefined : result.error.code).toBe(code);
    });

    it("B and D need no specialist assessment; C needs orientation and interval", () => {
      expect(run(atStep("B", "kriterier"), { kind: "criteria", met: true }).state.step).toBe("beslut");
      expect(run(atStep("D", "kriterier"), { kind: "criteria", met: false }).state.step).toBe("beslut");
      expect(errorOf(atStep("C", "kriterier"), { kind: "criteria", met: true }).details.field).toBe(
        "orientation",
      );
    });

    it("refuses a grant when the criteria were not met", () => {
      const notMet = run(atStep("D", "kriterier"), { kind: "criteria", met: false }).state;
      expect(errorOf(notMet, validCommand("decide", "D")).code).toBe("CASE.GRANT_REQUIRES_CRITERIA");
    });
  });

  describe("decisions", () => {
    it("A/B/D: a grant schedules the first follow-up six months after the decision", () => {
      for (const type of ["A", "B", "D"] as const) {
        const decided = run(atStep(type, "beslut"), validCommand("decide", type));
        expect(decided.state.step).toBe("bestallning");
        expect(decided.effects).toEqual([{ kind: "scheduleFollowUp", dueOn: followUpDue("2026-02-09") }]);
        expect(decided.state.followUpDueOn).toBe("2026-08-09");
      }
    });

    it("cannot be taken before the flerpartsmöte (003 Bilaga 2)", () => {
      const error = errorOf(atStep("A", "beslut"), {
        kind: "decide",
        decidedOn: "2026-02-01",
        outcome: "bifall",
        periodTo: "2027-01-01",
      });
      expect(error.code).toBe("CASE.DATE_TOO_EARLY");
      expect(String(error.details.earlier)).toContain("flerpartsmötet");
    });

    it.each([
      ["sis-socialpsykiatri", { periodTo: undefined }, "CASE.FIELD_REQUIRED", undefined],
      ["sis-socialpsykiatri", { periodTo: "2026-02-09" }, "CASE.PERIOD_INVALID", undefined],
      ["sis-socialpsykiatri", { periodTo: "2027-08-09" }, undefined, "2027-08-09"],
      // Both ends included: four months from 9 Feb end 8 Jun, two years end 8 Feb.
      ["lss-insteg", { periodTo: undefined }, undefined, "2026-06-08"],
      ["lss-insteg", { periodTo: "2026-07-09" }, "CASE.PERIOD_INSTEG", undefined],
      ["lss-sis", { periodTo: undefined }, undefined, "2028-02-08"],
      ["lss-sis", { periodTo: "2027-02-09" }, undefined, "2027-02-09"],
      ["lss-sis", { periodTo: "2029-02-09" }, "CASE.PERIOD_NEEDS_SPECIAL_REASON", undefined],
      ["lss-sis", { periodTo: "2029-02-09", specialReason: true }, undefined, "2029-02-09"],
      ["uvas-kvinnor-sis", { periodTo: "2026-12-31" }, undefined, "2026-12-31"],
    ] as const)("%s with %j → %s, period to %s", (insats, extra, code, periodTo) => {
      const type = insats === "sis-socialpsykiatri" ? "A" : insats === "uvas-kvinnor-sis" ? "D" : "B";
      const state = { ...atStep(type, "beslut"), insats } as CaseState;
      const command = { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall", ...extra } as CaseCommand;
      const result = applyCommand(state, command, context);
      expect(result.ok ? undefined : result.error.code).toBe(code);
      if (result.ok) {
        expect(result.value.state.decision?.periodFrom).toBe("2026-02-09");
        expect(result.value.state.decision?.periodTo).toBe(periodTo);
        expect(result.value.state.decision?.specialReason).toBe("specialReason" in extra);
      }
    });

    it("delavslag exists only for sysselsättning", () => {
      const error = errorOf(atStep("B", "beslut"), {
        kind: "decide",
        decidedOn: "2026-02-09",
        outcome: "delavslag",
      });
      expect(error.code).toBe("CASE.OUTCOME_NOT_FOR_TYPE");
    });

    it("records ändringsförbehåll on a grant, sysselsättning too (003 §2.4, §4.2.7), never on a rejection", () => {
      const a = run(atStep("A", "beslut"), {
        kind: "decide",
        decidedOn: "2026-02-09",
        outcome: "bifall",
        periodTo: "2027-02-08",
        amendmentReservation: true,
      });
      expect(a.state.decision?.amendmentReservation).toBe(true);
      const c = run(atStep("C", "beslut"), {
        kind: "decide",
        decidedOn: "2026-02-09",
        outcome: "bifall",
        amendmentReservation: true,
      });
      expect(c.state.decision?.amendmentReservation).toBe(true);
      const rejected = run(atStep("C", "beslut"), {
        kind: "decide",
        decidedOn: "2026-02-09",
        outcome: "avslag",
        amendmentReservation: true,
      });
      expect(rejected.state.decision?.amendmentReservation).toBe(false);
    });

    // Applied for 10–24 hours a week in the criteria step.
    it.each([
      ["bifall", undefined, undefined, "10-24"],
      ["bifall", "10-24", undefined, "10-24"],
      ["bifall", "22-40", "CASE.INTERVAL_INVALID", undefined],
      ["delavslag", "1-12", undefined, "1-12"],
      ["delavslag", "10-24", "CASE.INTERVAL_INVALID", undefined],
      ["delavslag", "22-40", "CASE.INTERVAL_INVALID", undefined],
      ["delavslag", undefined, "CASE.FIELD_REQUIRED", undefined],
      // The card preselects the applied interval and a radio choice cannot be cleared (issue 15).
      ["avslag", "1-12", undefined, undefined],
      ["avslag", "22-40", undefined, undefined],
      ["avslag", undefined, undefined, undefined],
    ] as const)(
      "sysselsättning %s with granted %s → %s (granted %s)",
      (outcome, grantedInterval, code, granted) => {
        const result = applyCommand(
          atStep("C", "beslut"),
          {
            kind: "decide",
            decidedOn: "2026-02-09",
            outcome,
            ...(grantedInterval ? { grantedInterval } : {}),
          },
          context,
        );
        expect(result.ok ? undefined : result.error.code).toBe(code);
        if (result.ok) {
          expect(result.value.state.decision?.grantedInterval).toBe(granted);
          expect(result.value.state.decision?.appliedInterval).toBe("10-24");
          expect(result.value.state.step).toBe(outcome === "avslag" ? "avslut" : "bestallning");
        }
      },
    );
  });

  describe("orders and the genomförandeplan", () => {
    it.each([
      ["A", undefined, "alfa"],
      ["A", "iwork", "CASE.JOBBTORG_UNIT_MISMATCH"],
      ["B", undefined, "iwork"],
      ["B", "alfa", "CASE.JOBBTORG_UNIT_MISMATCH"],
      ["D", "iwork", "iwork"],
      ["D", undefined, "alfa"],
    ] as const)("%s ordered from %s → %s", (type, jobbtorgUnit, expected) => {
      const result = applyCommand(
        atStep(type, "bestallning"),
        { kind: "order", orderedOn: "2026-02-10", orderId: "o-1", ...(jobbtorgUnit ? { jobbtorgUnit } : {}) },
        context,
      );
      if (expected.startsWith("CASE.")) {
        expect(result.ok ? undefined : result.error.code).toBe(expected);
        return;
      }
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      expect(result.value.effects).toEqual([
        {
          kind: "placeOrder",
          orderId: "o-1",
          orderedOn: "2026-02-10",
          gpDueOn: gpDueDate("2026-02-10", "working"),
          gpRule: "working",
          jobbtorgUnit: expected,
        },
      ]);
    });

    it("dates the GP by the configured rule", () => {
      for (const gpRule of ["working", "calendar"] as const) {
        const placed = run(atStep("A", "bestallning"), validCommand("order", "A"), { ...context, gpRule });
        expect(placed.state.orders[0]?.gpDueOn).toBe(gpDueDate("2026-02-10", gpRule));
        expect(placed.state.orders[0]?.gpRule).toBe(gpRule);
      }
    });

    it("orders sysselsättning from a provider outside Jobbtorg: no Jobbtorg unit, the GP deadline all the same", () => {
      const dueOn = gpDueDate("2026-02-10", "working");
      const placed = run(atStep("C", "bestallning"), {
        kind: "order",
        orderedOn: "2026-02-10",
        orderId: "o-1",
      });
      expect(placed.effects).toEqual([
        { kind: "placeOrder", orderId: "o-1", orderedOn: "2026-02-10", gpDueOn: dueOn, gpRule: "working" },
      ]);
      expect(placed.state.orders[0]).toMatchObject({
        orderId: "o-1",
        orderedOn: "2026-02-10",
        gpDueOn: dueOn,
      });
      expect(placed.state.orders[0]?.jobbtorgUnit).toBeUndefined();
      expect(nextDeadline(placed.state)).toEqual({ kind: "genomforandeplan", dueOn });
      const received = run(placed.state, { kind: "gp", receivedOn: "2026-02-24", matchesOrder: true });
      expect(received.effects).toEqual([{ kind: "completeGp", orderId: "o-1" }]);
    });

    it("asks for a completion when the plan does not match the order, then accepts the corrected one", () => {
      const waiting = atStep("A", "genomforandeplan");
      const incomplete = run(waiting, { kind: "gp", receivedOn: "2026-02-20", matchesOrder: false });
      expect(incomplete.state.step).toBe("genomforandeplan");
      // The same deadline keeps running (open again if Jobbtorg had reported the plan sent).
      const order = waiting.orders[0]!;
      expect(incomplete.effects).toEqual([
        {
          kind: "requestPlanCompletion",
          orderId: "o-1",
          gpDueOn: order.gpDueOn,
          gpRule: order.gpRule,
          jobbtorgUnit: "alfa",
        },
      ]);
      expect(incomplete.state.orders[0]?.completionRequestedOn).toEqual(["2026-02-20"]);
      expect(
        errorOf(incomplete.state, { kind: "gp", receivedOn: "2026-02-19", matchesOrder: true }).code,
      ).toBe("CASE.DATE_TOO_EARLY");
      const complete = run(incomplete.state, { kind: "gp", receivedOn: "2026-02-24", matchesOrder: true });
      expect(complete.state.step).toBe("uppfoljning");
      expect(complete.effects).toEqual([{ kind: "completeGp", orderId: "o-1" }]);
      expect(nextDeadline(complete.state)).toEqual({ kind: "uppfoljning", dueOn: "2026-08-09" });
    });
  });

  describe("follow-up (003 Bilaga 1 §3)", () => {
    it("needs the DUR follow-up part and behov, syfte och målsättning", () => {
      const error = errorOf(atStep("A", "uppfoljning"), {
        kind: "followUp",
        heldOn: "2026-08-10",
        items: ["dur-uppfoljning", "sip"],
        continues: true,
        orderId: "o-2",
      });
      expect(error.code).toBe("CASE.FOLLOW_UP_CHECKLIST_INCOMPLETE");
    });

    it("continuing: a new order, a new GP deadline and the next follow-up", () => {
      const continued = run(atStep("A", "uppfoljning"), validCommand("followUp", "A"));
      expect(continued.state.step).toBe("genomforandeplan");
      expect(continued.state.followUps).toEqual([
        { heldOn: "2026-08-10", items: ["dur-uppfoljning", "behov-syfte-mal"], continues: true },
      ]);
      expect(continued.state.orders.map((o) => [o.orderId, o.cycle])).toEqual([
        ["o-1", 0],
        ["o-2", 1],
      ]);
      expect(continued.effects).toEqual([
        { kind: "completeFollowUp" },
        { kind: "scheduleFollowUp", dueOn: "2027-02-10" },
        {
          kind: "placeOrder",
          orderId: "o-2",
          orderedOn: "2026-08-10",
          gpDueOn: gpDueDate("2026-08-10", "working"),
          gpRule: "working",
          jobbtorgUnit: "alfa",
        },
      ]);
      const back = run(continued.state, { kind: "gp", receivedOn: "2026-08-20", matchesOrder: true });
      expect(back.state.step).toBe("uppfoljning");
      expect(back.effects).toEqual([{ kind: "completeGp", orderId: "o-2" }]);
    });

    it("ending: on to avslut, the follow-up done and none scheduled", () => {
      const ended = run(atStep("C", "uppfoljning"), {
        kind: "followUp",
        heldOn: "2026-08-10",
        items: ["dur-uppfoljning", "behov-syfte-mal", "ratten-till-bistand"],
        continues: false,
      });
      expect(ended.state.step).toBe("avslut");
      expect(ended.state.followUpDueOn).toBeUndefined();
      expect(ended.effects).toEqual([{ kind: "completeFollowUp" }]);
    });

    it("cannot continue past the decision's period", () => {
      const error = errorOf(
        atStep("A", "uppfoljning"),
        { ...validCommand("followUp", "A"), heldOn: "2027-02-08" } as CaseCommand,
        {
          ...context,
          today: "2027-03-01",
        },
      );
      expect(error.code).toBe("CASE.DECISION_PERIOD_ENDED");
    });
  });

  describe("the flerpartsmöte booked through the meetings feature", () => {
    it("may lie ahead, and is cleared back to booking when cancelled before the decision", () => {
      const booked = run(atStep("A", "flerpartsmote"), {
        kind: "meeting",
        on: "2027-01-15",
        meetingId: "m-9",
      });
      expect(booked.state.step).toBe("kriterier");
      expect(nextDeadline(booked.state)).toEqual({ kind: "flerpartsmote", dueOn: "2027-01-15" });
      expect(errorOf(booked.state, { kind: "clearMeeting", meetingId: "m-other" }).code).toBe(
        "CASE.MEETING_NOT_FOUND",
      );
      const cleared = run(booked.state, { kind: "clearMeeting", meetingId: "m-9" });
      expect(cleared.state.step).toBe("flerpartsmote");
      expect(cleared.state.meeting).toBeUndefined();
    });

    it("has no flerpartsmöte for sysselsättning", () => {
      expect(errorOf(atStep("C", "dur"), validCommand("meeting", "C")).code).toBe("CASE.STEP_NOT_FOR_TYPE");
    });
  });

  it("withdrawal closes the case before the decision and cancels its reminders", () => {
    const withdrawn = run(atStep("D", "dur"), { kind: "withdraw", on: "2026-01-20" });
    expect(withdrawn.state.closed).toEqual({
      on: "2026-01-20",
      reason: "ansokan-aterkallad",
      closingMeetingHeld: false,
    });
    expect(withdrawn.effects).toEqual([{ kind: "cancelCase" }]);
    expect(nextDeadline(withdrawn.state)).toBeUndefined();
  });

  it("closing cannot be dated before the case's last event", () => {
    const error = errorOf(atStep("A", "avslut"), {
      kind: "close",
      closedOn: "2026-08-01",
      reason: "natverket-tar-over",
      closingMeetingHeld: true,
    });
    expect(error.code).toBe("CASE.DATE_TOO_EARLY");
  });
});

describe("case references", () => {
  const format = { pattern: /^[\p{L}\d][\p{L}\d ./:_-]{2,39}$/u, example: "FA-2026-0142" };
  it.each([
    ["FA-2026-0142", undefined],
    ["  SoF 2026/434 ", undefined],
    ["ärende 811218-9876", "CASE.REF_PERSONNUMMER"],
    ["19811218-9876", "CASE.REF_PERSONNUMMER"],
    ["701063-2391", "CASE.REF_PERSONNUMMER"],
    ["x", "CASE.REF_FORMAT"],
    ["<script>", "CASE.REF_FORMAT"],
  ] as const)("%j → %s", (raw, code) => {
    const result = checkCaseRef(raw, format);
    expect(result.ok ? undefined : result.error.code).toBe(code);
    if (!result.ok) expect(result.error.details.field).toBe("caseRef");
  });
});
