/**
 * One source for the insats names users see about a case (src/domain/case-types.ts,
 * insatsShortNames): the case card, the lists and the reminders name a case's insats alike.
 */
import { describe, expect, it } from "vitest";
import { caseListItem, unitLabels } from "../cards/cases.js";
import { describeRole } from "../src/directory/describe.js";
import { allUnits, unitNames } from "../src/directory/directory.js";
import { caseInsatsIds, insatsShortNames } from "../src/domain/case-types.js";
import { channelTitle, insatsLabel, reminderCard } from "../src/reminders/messages.js";
import type { Deadline } from "../src/reminders/repository.js";

const deadline: Deadline = {
  id: "gp:o-1",
  kind: "gp",
  case_id: "c-1",
  case_ref: "FA-2026-0142",
  insats: "sis-socialpsykiatri",
  due_on: "2026-03-20",
  starts_at: null,
  rule: "working",
  caseworker_id: "a1",
  caseworker_unit: "socialpsykiatri",
  district: "Farsta",
  jobbtorg_unit: "alfa",
  state: "open",
  created_at: 0,
  closed_at: null,
};

describe("the insats name of a case", () => {
  it.each(caseInsatsIds)("%s is named alike on reminders and case cards", (id) => {
    expect(insatsLabel(id)).toBe(insatsShortNames[id]);
  });

  it("a GP reminder names the insats as the case list does", () => {
    const context = { today: "2026-03-16", staffName: () => "Anna", insatsName: insatsLabel };
    const card = JSON.stringify(reminderCard({ id: 1, kind: "gp-before" }, deadline, context, false));
    const row = caseListItem(
      {
        id: "c-1",
        caseRef: "FA-2026-0142",
        type: "A",
        insats: "sis-socialpsykiatri",
        caseworkerId: "a1",
        unit: "socialpsykiatri",
        district: "Farsta",
        step: "genomforandeplan",
        cycle: 0,
        nextDueKind: "genomforandeplan",
        nextDueOn: "2026-03-20",
      },
      { today: "2026-03-16", open: true },
    );
    expect(row.insats).toBe("Alfa (socialpsykiatri)");
    expect(card).toContain(`"value":"${row.insats}"`);
  });
});

describe("the name of a unit", () => {
  it.each(allUnits)("%s is named alike on case cards, channels, reminders and roles", (unit) => {
    const name = unitNames[unit];
    expect(unitLabels[unit]).toBe(name);
    expect(channelTitle(unit)).toBe(name);
    const role =
      unit === "alfa" || unit === "iwork"
        ? ({ role: "arbetsspecialist", unit } as const)
        : ({ role: "handlaggare", unit, district: "Farsta" } as const);
    expect(describeRole(role).scope.startsWith(name)).toBe(true);
  });

  it("a GP reminder names the provider as the case card's order does", () => {
    const context = { today: "2026-03-16", staffName: () => "Anna", insatsName: insatsLabel };
    const card = JSON.stringify(reminderCard({ id: 1, kind: "gp-before" }, deadline, context, false));
    expect(card).toContain("Jobbtorg Alfa ska skicka genomförandeplanen");
    expect(card).toContain('"value":"Jobbtorg Alfa"');
  });
});
