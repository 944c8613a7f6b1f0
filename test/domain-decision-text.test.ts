import { describe, expect, it } from "vitest";
import type { CaseState, Decision } from "../src/domain/case.js";
import { periodEnd } from "../src/domain/case.js";
import { decisionText, legalBasisOn, type DecisionTextInput } from "../src/domain/decision-text.js";
import { containsIdentityNumber } from "../src/identity/personnummer.js";
import { cli } from "./support/cli.js";

function input(state: Partial<CaseState>, decision: Partial<Decision>): DecisionTextInput {
  return {
    caseRef: "FA-2026-0142",
    district: "Farsta",
    state: {
      type: "A",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: 30,
      step: "bestallning",
      orders: [],
      followUps: [],
      targetGroup: { belongs: true, confirmedOn: "2026-01-12" },
      ...state,
      decision: {
        decidedOn: "2026-11-28",
        outcome: "bifall",
        periodFrom: "2026-11-28",
        periodTo: "2027-11-27",
        specialReason: false,
        amendmentReservation: false,
        ...decision,
      },
    },
  } as DecisionTextInput;
}

describe("the law a decision cites follows its date", () => {
  it.each([
    ["2025-06-30", "4 kap. 1 § socialtjänstlagen (2001:453)", "4 kap. 2 § socialtjänstlagen (2001:453)"],
    ["2025-07-01", "11 kap. 1 § socialtjänstlagen (2025:400)", "11 kap. 4 § socialtjänstlagen (2025:400)"],
  ])("decided %s → %s / %s", (on, right, beyond) => {
    expect(legalBasisOn(on)).toEqual({ rightToAssistance: right, beyondRight: beyond });
    const text = decisionText(input({}, { decidedOn: on, periodFrom: on }));
    expect(text).toContain(`avslås enligt ${right}`);
    expect(text).toContain(`enligt ${beyond} från och med`);
  });

  it("never cites the bill or an unnamed counterpart", () => {
    for (const on of ["2025-06-30", "2025-07-01", "2026-11-28"]) {
      const text = decisionText(input({}, { decidedOn: on, periodFrom: on }));
      expect(text).not.toMatch(/motsvarighet|prop\. 2024\/25:89|enligt prop/);
    }
  });

  it("speaks the new act's words from 1 July 2025 and the old act's before", () => {
    const now = decisionText(input({}, {}));
    expect(now).toContain("skäliga levnadsförhållanden");
    expect(now).not.toMatch(/skälig levnadsnivå|bistånd/);
    const before = decisionText(input({}, { decidedOn: "2025-03-10", periodFrom: "2025-03-10" }));
    expect(before).toContain("skälig levnadsnivå");
  });
});

describe("decision texts for a case", () => {
  it("A grant: findings about the client, a marked individual assessment, no rule-module notes", () => {
    const text = decisionText(input({}, { amendmentReservation: true }));
    expect(text).toContain("Ärende: FA-2026-0142");
    expect(text).toContain("Beslutande: Farsta stadsdelsnämnd");
    expect(text).toContain("– du har en pågående kontakt med specialistpsykiatrin,");
    expect(text).toContain("[Individuell bedömning:");
    expect(text).toContain("från och med den 28 november 2026 till och med den 27 november 2027");
    expect(text).toContain("Ändringsförbehåll");
    expect(text).not.toMatch(/den enskildes|utan detta beslut|handläggaren bedömer/);
    expect(text.indexOf("Beslut 1")).toBeLessThan(text.indexOf("Beslut 2"));
  });

  it("appeal information is complete for both routes", () => {
    const text = decisionText(input({}, {}));
    expect(text).toContain("Skriv till Farsta stadsdelsnämnd");
    expect(text).toContain("inom tre veckor från den dag du fick del av beslutet");
    expect(text).toContain("vidare till förvaltningsrätten");
    expect(text).toContain("43–44 §§ förvaltningslagen (2017:900)");
    expect(text).toContain("laglighetsprövning enligt 13 kap. kommunallagen (2017:725)");
    expect(text).toContain("varje medlem av kommunen");
    expect(text).toContain("tillkännagavs på kommunens anslagstavla att protokollet");
    expect(text).toContain("prövar bara om beslutet är lagligt");
  });

  it("a rejection outside the target group says so and keeps both appeal routes", () => {
    const text = decisionText(
      input(
        { targetGroup: { belongs: false, confirmedOn: "2026-01-12" } },
        { outcome: "avslag", periodFrom: undefined, periodTo: undefined },
      ),
    );
    expect(text).toContain("avslås även vid prövning enligt 11 kap. 4 §");
    expect(text).toContain("du inte tillhör insatsens målgrupp");
    expect(text).not.toContain("Du beviljas");
    expect(text).toContain("laglighetsprövning");
    expect(text).toContain("Beslut 1, avslaget enligt 11 kap. 1 §, kan du överklaga till förvaltningsrätten");
  });

  it("D: arbetsmarknadsnämnden decides, the outreach group from the case, anonymised reporting", () => {
    const man = decisionText(input({ type: "D", insats: "uvas-kvinnor-sis", gender: "man", age: 24 }, {}));
    expect(man).toContain("Beslutande: Arbetsmarknadsnämnden");
    expect(man).toContain("du är mellan 19 och 29 år och varken arbetar eller studerar");
    expect(man).toContain("avidentifierad form");
    const woman = decisionText(
      input({ type: "D", insats: "uvas-kvinnor-sis", gender: "kvinna", age: 41 }, {}),
    );
    expect(woman).toContain("du har en svag ställning på arbetsmarknaden");
    const either = decisionText(
      input({ type: "D", insats: "uvas-kvinnor-sis", gender: "kvinna", age: 24 }, {}),
    );
    expect(either).toContain("[välj:");
  });

  it("never carries a personnummer or a client name field", () => {
    for (const outcome of ["bifall", "avslag"] as const) {
      const text = decisionText(input({}, { outcome }));
      expect(containsIdentityNumber(text)).toBe(false);
      expect(text).not.toMatch(/Namn:|Personnummer:/);
    }
  });
});

describe("decision periods include both ends", () => {
  it.each([
    ["2026-11-28", 24, "2028-11-27"],
    ["2026-11-28", 4, "2027-03-27"],
    ["2027-03-01", 4, "2027-06-30"],
    ["2026-10-31", 4, "2027-02-28"],
    ["2028-02-29", 24, "2030-02-28"],
  ])("%s + %i months ends %s", (from, months, end) => {
    expect(periodEnd(from, months)).toBe(end);
  });
});

describe("decision text CLI", () => {
  it("prints JSON with the text and the dated paragraphs it cites", async () => {
    const result = await cli([
      "decision",
      "text",
      "--insats",
      "lss-sis",
      "--outcome",
      "bifall",
      "--decided",
      "2026-11-28",
      "--district",
      "Farsta",
      "--json",
    ]);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout) as { text: string; legalBasis: Record<string, unknown>[] };
    expect(json.text).toContain("till och med den 27 november 2028");
    expect(json.legalBasis).toContainEqual({
      law: "11 kap. 4 §",
      act: "socialtjänstlagen (2025:400)",
      from: "2025-07-01",
      to: null,
    });
    expect(json.legalBasis).toContainEqual({
      law: "13 kap.",
      act: "kommunallagen (2017:725)",
      from: "2018-01-01",
      to: null,
    });
    for (const ref of json.legalBasis) expect(Object.keys(ref).sort()).toEqual(["act", "from", "law", "to"]);
  });

  it("cites SoL (2001:453) for a decision before 1 July 2025", async () => {
    const result = await cli([
      "decision",
      "text",
      "--insats",
      "sysselsattning",
      "--outcome",
      "avslag",
      "--decided",
      "2025-06-30",
      "--json",
    ]);
    const json = JSON.parse(result.stdout) as { legalBasis: { law: string; act: string; to: string }[] };
    expect(json.legalBasis[0]).toEqual({
      law: "4 kap. 1 §",
      act: "socialtjänstlagen (2001:453)",
      from: null,
      to: "2025-06-30",
    });
  });

  it.each([
    [["--outcome", "bifall", "--decided", "2026-11-28"], "--insats saknas"],
    [["--insats", "alfa", "--outcome", "bifall", "--decided", "2026-11-28"], "--insats måste vara en av"],
    [
      ["--insats", "bron", "--outcome", "bifall", "--decided", "2026-11-28"],
      "utan individuell behovsprövning",
    ],
    [["--insats", "lss-sis", "--outcome", "ja", "--decided", "2026-11-28"], "--outcome måste vara en av"],
    [["--insats", "lss-sis", "--outcome", "bifall", "--decided", "28/11/2026"], "ÅÅÅÅ-MM-DD"],
    [["--insats", "lss-sis", "--outcome", "delavslag", "--decided", "2026-11-28"], "delavslag finns bara"],
    [
      ["--insats", "lss-sis", "--outcome", "avslag", "--decided", "2026-11-28", "--andringsforbehall"],
      "beviljar",
    ],
    [
      ["--insats", "lss-insteg", "--outcome", "bifall", "--decided", "2026-11-28", "--to", "2027-03-28"],
      "fyra månader",
    ],
    [["--insats", "sis-socialpsykiatri", "--outcome", "bifall", "--decided", "2026-11-28"], "--to saknas"],
    [
      [
        "--insats",
        "sysselsattning",
        "--outcome",
        "delavslag",
        "--decided",
        "2026-11-28",
        "--interval",
        "22-40",
        "--applied-interval",
        "10-24",
      ],
      "lägre än det sökta",
    ],
    [
      ["--insats", "sysselsattning", "--outcome", "bifall", "--decided", "2026-11-28", "--interval", "5-10"],
      "--interval måste vara en av",
    ],
    [
      ["--insats", "lss-sis", "--outcome", "bifall", "--decided", "2026-11-28", "--bogus"],
      "okänd flagga --bogus",
    ],
  ])("%j → exit 2 with a Swedish message", async (args, message) => {
    const result = await cli(["decision", "text", ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stdout).toBe("");
  });
});
