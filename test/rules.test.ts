import { describe, expect, it } from "vitest";
import {
  decisionCitations,
  evaluateAll,
  evaluateInsats,
  factsSchema,
  getInsats,
  insatsIds,
  insatser,
  type Facts,
  type InsatsId,
} from "../src/rules/index.js";
import { knowledgeEntries } from "../src/rules/knowledge.js";
import { allOf, between, isFalse, type Truth } from "../src/rules/logic.js";
import { citationText, sectionSummary, sourceDocument } from "../src/rules/sources.js";
import { cli } from "./support/cli.js";

const on = "2026-03-02";

/** A person who meets every criterion of the insats. */
const eligible: Record<InsatsId, Facts> = {
  "sis-socialpsykiatri": {
    socialpsykiatriTargetGroup: true,
    age: 34,
    bosattStockholm: true,
    working: false,
    receivesForsorjningsstod: false,
    specialistPsychiatryContact: true,
    primaryGoalWorkOrStudies: true,
    lastingSupportNeeds: true,
    wishesWorkOrStudies: true,
    consentsPsychiatryCoordination: true,
    workSpecialistAssessedReady: true,
    arbetsformedlingenCanOffer: false,
  },
  "lss-insteg": { lssPersonkrets: 1, wishesWorkOrStudies: true, receivesForsorjningsstod: false },
  "lss-sis": { lssPersonkrets: 2, wishesWorkOrStudies: true, receivesForsorjningsstod: false },
  sysselsattning: { socialpsykiatriTargetGroup: true, lacksDailyOccupationDueToPsychDisability: true },
  "uvas-kvinnor-sis": {
    reachedViaOutreach: true,
    age: 23,
    working: false,
    studying: false,
    receivesForsorjningsstod: false,
  },
  arbetsmarknadsradgivning: { reachedViaOutreach: true },
  "forebygga-skolavbrott": {
    age: 17,
    folkbokfordStockholm: true,
    studiesGymnasium: true,
    atRiskOfDropout: true,
  },
  bron: { folkbokfordStockholm: true, anpassadGymnasieskolaFinalYear: true },
  "etableringsstod-nyanlanda": { residencePermitRefugeeOrProtectionMonths: 12 },
  "ips-psykosvarden": { folkbokfordStockholm: true, enrolledParticipatingPsychosisClinic: true },
};

/** For every criterion: a fact change that fails it. */
const failing: Record<string, Facts> = {
  "alfa-malgrupp": { socialpsykiatriTargetGroup: false },
  "alfa-alder": { age: 65 },
  "alfa-bosatt": { bosattStockholm: false },
  "alfa-utanfor-arbetsmarknaden": { working: true },
  "alfa-forsorjningsstod": { receivesForsorjningsstod: true },
  "alfa-specialistpsykiatri": { specialistPsychiatryContact: false },
  "alfa-primart-mal": { primaryGoalWorkOrStudies: false },
  "alfa-varaktiga-stodbehov": { lastingSupportNeeds: false },
  "alfa-onskan": { wishesWorkOrStudies: false },
  "alfa-samtycke": { consentsPsychiatryCoordination: false },
  "alfa-arbetsspecialistens-bedomning": { workSpecialistAssessedReady: false },
  "alfa-arbetsformedlingen": { arbetsformedlingenCanOffer: true },
  "lss-personkrets-1-2": { lssPersonkrets: 3 },
  "insteg-onskan": { wishesWorkOrStudies: false },
  "insteg-forsorjningsstod": { receivesForsorjningsstod: true },
  "iwork-onskan": { wishesWorkOrStudies: false },
  "iwork-forsorjningsstod": { receivesForsorjningsstod: true },
  "sysselsattning-malgrupp": { socialpsykiatriTargetGroup: false },
  "sysselsattning-saknar-daglig-sysselsattning": { lacksDailyOccupationDueToPsychDisability: false },
  "uppsokande-nadd": { reachedViaOutreach: false },
  "uppsokande-malgrupp": { age: 31, gender: "man" },
  "uppsokande-forsorjningsstod": { receivesForsorjningsstod: true },
  "radgivning-uppsokande": { reachedViaOutreach: false },
  "skolavbrott-under-20": { age: 20 },
  "skolavbrott-folkbokford": { folkbokfordStockholm: false },
  "skolavbrott-gymnasiet": { studiesGymnasium: false },
  "skolavbrott-risk": { atRiskOfDropout: false },
  "bron-folkbokford": { folkbokfordStockholm: false },
  "bron-sista-aret": { anpassadGymnasieskolaFinalYear: false },
  "etablering-nagon-av": {
    residencePermitRefugeeOrProtectionMonths: 37,
    livesInShis: false,
    massflyktsdirektivet: false,
    relativePermitWithinSixYears: false,
  },
  "ips-folkbokford": { folkbokfordStockholm: false },
  "ips-psykosmottagning": { enrolledParticipatingPsychosisClinic: false },
};

const criteria = insatser.flatMap((insats) =>
  insats.criteria.map((criterion) => [insats.id, criterion] as const),
);

describe("the rule module's content", () => {
  it("says nothing a user sees in configuration names (IPS_PROJECT_END and the like)", () => {
    const shown = [
      ...insatser.flatMap((insats) => [insats.name, insats.description, ...insats.silences]),
      ...insatser.flatMap((insats) => insats.criteria.map((criterion) => criterion.text)),
      ...knowledgeEntries.flatMap((entry) => [entry.title, entry.answer, entry.more ?? ""]),
    ];
    for (const text of shown) expect(text).not.toMatch(/\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b/);
  });

  it("has every insats of DOMAIN.md A–E, each criterion cited by a document section with a summary", () => {
    expect(insatser.map((i) => i.id)).toEqual([...insatsIds]);
    for (const insats of insatser) {
      expect(insats.legalBasis.length).toBeGreaterThan(0);
      for (const criterion of insats.criteria) {
        // On any date: no citation of a criterion is tied to one act version.
        for (const date of ["2025-06-30", "2025-07-01", on]) {
          const trace = evaluateInsats(insats.id, {}, date).trace.find((r) => r.criterion === criterion.id);
          expect(trace?.citations.length, `${criterion.id} ${date}`).toBeGreaterThan(0);
        }
        for (const citation of criterion.citations) {
          const document = sourceDocument(citation.source);
          expect(document, criterion.id).toBeDefined();
          expect(
            document!.sections.map((s) => s.id),
            criterion.id,
          ).toContain(citation.section);
          expect(citation.summary ?? sectionSummary(citation), criterion.id).toBeTruthy();
        }
      }
      for (const citation of [...insats.legalBasis, ...(insats.period?.citations ?? [])]) {
        expect(
          sourceDocument(citation.source)?.sections.map((s) => s.id),
          insats.id,
        ).toContain(citation.section);
      }
    }
  });

  it("renders every citation as a document and a section, never a file name", () => {
    const all = insatser.flatMap((i) => [...i.legalBasis, ...i.criteria.flatMap((c) => c.citations)]);
    for (const citation of all) {
      const text = citationText(citation);
      expect(text).not.toMatch(/\.txt|00[0-4]_|prop\. 2024\/25:89|motsvarighet/);
      expect(text).toMatch(
        /\((Socialförvaltningen|Arbetsmarknadsförvaltningen|Farsta stadsdelsförvaltning|Bromma stadsdelsförvaltning)[^)]*\), (bilaga \d+, )?avsnitt/,
      );
    }
    expect(
      citationText({ source: "tillampningsanvisningar", section: "4.2.3 Handläggning och kriterier" }),
    ).toBe(
      "Tillämpningsanvisningar för sysselsättning och särskilt individanpassad stödinsats för att underlätta arbete och studier inom socialpsykiatri (Socialförvaltningen, oktober 2023, Dnr SOF 2023/434), avsnitt 4.2.3 Handläggning och kriterier",
    );
    // A seed file name still resolves to its document (older callers).
    expect(citationText({ source: "004_f3aae7c825b0d0d0.txt", section: "Ärendet" })).toContain(
      "(Bromma stadsdelsförvaltning, tjänsteutlåtande till Bromma stadsdelsnämnd, 2023-04-03, Dnr BRO 2023/126), avsnittet ”Ärendet”",
    );
  });

  it("sysselsättning requires socialpsykiatri's target group; tillhörighet is a note, not a criterion", () => {
    expect(evaluateInsats("sysselsattning", { socialpsykiatriTargetGroup: false }, on).verdict).toBe(
      "not-eligible",
    );
    const outreach = getInsats("uvas-kvinnor-sis");
    expect(outreach.criteria.map((c) => c.id)).not.toContain("uppsokande-tillhorighet");
    expect(outreach.silences.join(" ")).toMatch(/tillhörighet/);
  });

  it("has a failing case in this table for every criterion (no criterion untested)", () => {
    expect(Object.keys(failing).sort()).toEqual([...new Set(criteria.map(([, c]) => c.id))].sort());
  });

  it("says where the sources are silent instead of inventing criteria (Iwork, Insteg)", () => {
    for (const id of ["lss-insteg", "lss-sis"] as const) {
      expect(getInsats(id).silences.join(" ")).toMatch(/anger inte Iworks exakta kriterier/);
    }
  });

  it("keeps decisions, durations and combinations as data", () => {
    expect(getInsats("lss-insteg").durations.months).toBe(4);
    expect(getInsats("lss-sis").durations).toMatchObject({
      months: 24,
      longer: expect.stringMatching(/särskilda skäl/),
    });
    expect(getInsats("sis-socialpsykiatri").durations.followUpMonths).toBe(6);
    expect(getInsats("sis-socialpsykiatri").combinableWith).toContain("sysselsattning");
    expect(getInsats("lss-sis").combinableWith).toContain("daglig verksamhet");
    expect(getInsats("sysselsattning").hourIntervals).toEqual([
      { min: 1, max: 12 },
      { min: 10, max: 24 },
      { min: 22, max: 40 },
    ]);
    expect(getInsats("uvas-kvinnor-sis").decidedBy).toBe("arbetsmarknadsnämnd");
    expect(getInsats("sis-socialpsykiatri").decidedBy).toBe("stadsdelsnämnd");
    expect(insatser.filter((i) => !i.needsAssessment).map((i) => i.id)).toEqual([
      "arbetsmarknadsradgivning",
      "forebygga-skolavbrott",
      "bron",
      "etableringsstod-nyanlanda",
      "ips-psykosvarden",
    ]);
  });
});

describe("evaluation", () => {
  it.each(insatsIds.map((id) => [id]))("%s: the complete fact set is eligible", (id) => {
    const result = evaluateInsats(id, eligible[id], on);
    expect(result.verdict).toBe("eligible");
    expect(result.trace.every((row) => row.outcome === "uppfyllt")).toBe(true);
  });

  it.each(criteria.map(([id, criterion]) => [criterion.id, id, criterion] as const))(
    "%s: met, unmet and unknown",
    (criterionId, id, criterion) => {
      const row = (facts: Facts) =>
        evaluateInsats(id, facts, on).trace.find((r) => r.criterion === criterionId)!;
      expect(row(eligible[id]).outcome).toBe("uppfyllt");

      const unmet = evaluateInsats(id, { ...eligible[id], ...failing[criterionId] }, on);
      expect(unmet.verdict).toBe("not-eligible");
      expect(unmet.unmet).toEqual([criterionId]);

      const withoutItsFacts = Object.fromEntries(
        Object.entries(eligible[id]).filter(([key]) => !criterion.condition.reads.includes(key as never)),
      ) as Facts;
      const unknown = evaluateInsats(id, withoutItsFacts, on);
      expect(row(withoutItsFacts).outcome).toBe("okänt");
      expect(unknown.verdict).toBe("needs-facts");
      expect(unknown.unknown.length).toBeGreaterThan(0);
      expect(criterion.condition.reads).toEqual(expect.arrayContaining(unknown.unknown));
    },
  );

  it("one unmet criterion settles not-eligible even when others are unknown", () => {
    const result = evaluateInsats("sis-socialpsykiatri", { receivesForsorjningsstod: true }, on);
    expect(result.verdict).toBe("not-eligible");
    expect(result.unmet).toEqual(["alfa-forsorjningsstod"]);
    expect(result.unknown).toContain("specialistPsychiatryContact");
  });

  it("an alternative holds as soon as one part holds, whatever the others", () => {
    expect(evaluateInsats("etableringsstod-nyanlanda", { massflyktsdirektivet: true }, on).verdict).toBe(
      "eligible",
    );
    const unsettled = evaluateInsats("etableringsstod-nyanlanda", { massflyktsdirektivet: false }, on);
    expect(unsettled.verdict).toBe("needs-facts");
    expect(unsettled.unknown).toEqual(
      expect.arrayContaining([
        "residencePermitRefugeeOrProtectionMonths",
        "livesInShis",
        "relativePermitWithinSixYears",
      ]),
    );
  });

  it.each<[string, InsatsId, Facts, "eligible" | "not-eligible" | "needs-facts"]>([
    ["UVAS at 19", "uvas-kvinnor-sis", { age: 19 }, "eligible"],
    ["UVAS at 18 (a man)", "uvas-kvinnor-sis", { age: 18, gender: "man" }, "not-eligible"],
    ["UVAS at 29", "uvas-kvinnor-sis", { age: 29 }, "eligible"],
    ["UVAS at 30 (a man)", "uvas-kvinnor-sis", { age: 30, gender: "man" }, "not-eligible"],
    [
      "UVAS at 30, gender unknown: the women's group could still apply",
      "uvas-kvinnor-sis",
      { age: 30 },
      "needs-facts",
    ],
    [
      "a woman of 45 with a weak position",
      "uvas-kvinnor-sis",
      { age: 45, gender: "kvinna", weakLabourMarketPosition: true },
      "eligible",
    ],
    [
      "a man of 45 with a weak position",
      "uvas-kvinnor-sis",
      { age: 45, gender: "man", weakLabourMarketPosition: true },
      "not-eligible",
    ],
    ["skolavbrott at 19", "forebygga-skolavbrott", { age: 19 }, "eligible"],
    ["skolavbrott at 20", "forebygga-skolavbrott", { age: 20 }, "not-eligible"],
    ["Alfa at 18", "sis-socialpsykiatri", { age: 18 }, "eligible"],
    ["Alfa at 17", "sis-socialpsykiatri", { age: 17 }, "not-eligible"],
    ["Alfa at 64", "sis-socialpsykiatri", { age: 64 }, "eligible"],
    ["Alfa at 65", "sis-socialpsykiatri", { age: 65 }, "not-eligible"],
    [
      "permit 36 months",
      "etableringsstod-nyanlanda",
      { residencePermitRefugeeOrProtectionMonths: 36 },
      "eligible",
    ],
    [
      "permit 37 months, nothing else",
      "etableringsstod-nyanlanda",
      {
        residencePermitRefugeeOrProtectionMonths: 37,
        livesInShis: false,
        massflyktsdirektivet: false,
        relativePermitWithinSixYears: false,
      },
      "not-eligible",
    ],
    [
      "SHIS 5 years",
      "etableringsstod-nyanlanda",
      { residencePermitRefugeeOrProtectionMonths: 40, livesInShis: true, shisYears: 5 },
      "eligible",
    ],
    [
      "SHIS 6 years, nothing else",
      "etableringsstod-nyanlanda",
      {
        residencePermitRefugeeOrProtectionMonths: 40,
        livesInShis: true,
        shisYears: 6,
        massflyktsdirektivet: false,
        relativePermitWithinSixYears: false,
      },
      "not-eligible",
    ],
    [
      "relative within six years",
      "etableringsstod-nyanlanda",
      { residencePermitRefugeeOrProtectionMonths: 80, relativePermitWithinSixYears: true },
      "eligible",
    ],
  ])("boundary: %s", (_name, id, change, verdict) => {
    const base = { ...eligible[id] };
    if (id === "uvas-kvinnor-sis" && change.gender) {
      delete base.working;
      delete base.studying;
    }
    expect(evaluateInsats(id, { ...base, ...change }, on).verdict).toBe(verdict);
  });

  it("IPS in psychosis care only while the project runs", () => {
    const facts = eligible["ips-psykosvarden"];
    expect(evaluateInsats("ips-psykosvarden", facts, "2026-03-02").verdict).toBe("eligible");
    expect(
      evaluateInsats("ips-psykosvarden", facts, "2026-03-02", { ipsProjectEnd: "2026-06-30" }).verdict,
    ).toBe("eligible");
    const after = evaluateInsats("ips-psykosvarden", facts, "2026-07-01", { ipsProjectEnd: "2026-06-30" });
    expect(after.verdict).toBe("not-eligible");
    expect(after.unmet).toEqual(["ips-psykosvarden-period"]);
  });

  it("the date picks the law version: 4 kap. SoL (2001:453) before July 2025, the new act after", () => {
    expect(decisionCitations("sis-socialpsykiatri", "2025-06-30")).toMatchObject({
      rejection: { law: "4 kap. 1 §", lawVersion: "socialtjänstlagen (2001:453)" },
      grant: { law: "4 kap. 2 §", lawVersion: "socialtjänstlagen (2001:453)" },
    });
    const after = decisionCitations("sis-socialpsykiatri", "2025-07-01");
    expect(after.rejection).toMatchObject({ law: "11 kap. 1 §", lawVersion: "socialtjänstlagen (2025:400)" });
    expect(after.grant).toMatchObject({ law: "11 kap. 4 §", lawVersion: "socialtjänstlagen (2025:400)" });
    // The sources predate the act: that the city's insats rests on 11 kap. 4 § is said to be our reading.
    expect(after.grant.note).toMatch(/anges inte i källorna/);
    expect(decisionCitations("sysselsattning", "2026-01-01")).toEqual({
      grant: expect.objectContaining({ law: "11 kap. 1 §" }),
    });
    expect(decisionCitations("bron", "2026-01-01").grant).toMatchObject({ law: "11 kap. 5 §" });
    expect(decisionCitations("bron", "2025-01-01").grant.note).toMatch(/Öppen insats/);
  });

  it("evaluates all insatser at once and refuses facts it does not know", () => {
    expect(evaluateAll({}, on)).toHaveLength(10);
    expect(factsSchema.safeParse({ age: "tjugo" }).success).toBe(false);
    expect(factsSchema.safeParse({ shoeSize: 42 }).success).toBe(false);
    expect(factsSchema.safeParse({ lssPersonkrets: 4 }).success).toBe(false);
  });
});

describe("an age known only as a range (from a question: över 65, under 20, mellan 25 och 40)", () => {
  it.each<[string, NonNullable<Facts["age"]>, number | undefined, number | undefined, Truth]>([
    ["an exact age inside", 25, 18, 29, true],
    ["an exact age outside", 30, 18, 29, false],
    ["20–29 wholly inside 18–29", { min: 20, max: 29 }, 18, 29, true],
    ["18–64 inside 18–64: the bounds are inclusive", { min: 18, max: 64 }, 18, 64, true],
    ["under 20 (≤ 19) inside ≤ 19", { max: 19 }, undefined, 19, true],
    ["minst 25 (≥ 25) inside ≥ 18", { min: 25 }, 18, undefined, true],
    ["över 65 (≥ 66) wholly outside ≤ 64", { min: 66 }, undefined, 64, false],
    ["65–70 wholly outside 18–64, by one year", { min: 65, max: 70 }, 18, 64, false],
    ["yngre än 18 (≤ 17) wholly below 18–64", { max: 17 }, 18, 64, false],
    ["mellan 25 och 40 straddles 20–29", { min: 25, max: 40 }, 20, 29, undefined],
    ["under 30 (≤ 29) straddles 18–29: a 15-year-old is under 30 too", { max: 29 }, 18, 29, undefined],
    ["högst 64 (≤ 64) straddles 18–64", { max: 64 }, 18, 64, undefined],
  ])("%s", (_name, age, min, max, truth) => {
    expect(between("age", min, max).test({ age })).toBe(truth);
  });

  it("names the age as missing only when the range leaves the criterion open", () => {
    expect(between("age", 20, 29).missing({ age: { min: 25, max: 40 } })).toEqual(["age"]);
    expect(between("age", 20, 29).missing({ age: { min: 20, max: 29 } })).toEqual([]);
    expect(between("age", 20, 29).missing({ age: { min: 66 } })).toEqual([]);
    // Inside a combination: only what is open, not the age that already holds.
    const uvas = allOf(between("age", 19, 29), isFalse("working"));
    expect(uvas.missing({ age: { min: 20, max: 25 } })).toEqual(["working"]);
    expect(uvas.missing({ age: { min: 25, max: 40 }, working: false })).toEqual(["age"]);
  });

  it.each<[string, InsatsId, Facts["age"], "eligible" | "not-eligible" | "needs-facts", string[]]>([
    ["Alfa, över 65", "sis-socialpsykiatri", { min: 66 }, "not-eligible", []],
    ["Alfa, mellan 25 och 40", "sis-socialpsykiatri", { min: 25, max: 40 }, "eligible", []],
    [
      "Alfa, 60–70: depends on the exact age",
      "sis-socialpsykiatri",
      { min: 60, max: 70 },
      "needs-facts",
      ["age"],
    ],
    ["skolavbrott, under 20", "forebygga-skolavbrott", { max: 19 }, "eligible", []],
    ["skolavbrott, äldre än 19", "forebygga-skolavbrott", { min: 20 }, "not-eligible", []],
    ["UVAS, 20–29", "uvas-kvinnor-sis", { min: 20, max: 29 }, "eligible", []],
  ])("%s, everything else met", (_name, id, age, verdict, unknown) => {
    const result = evaluateInsats(id, { ...eligible[id], age }, on);
    expect(result.verdict).toBe(verdict);
    expect(result.unknown).toEqual(unknown);
  });

  it("UVAS for a man of 25–40 who neither works nor studies depends on his exact age", () => {
    const facts: Facts = { ...eligible["uvas-kvinnor-sis"], age: { min: 25, max: 40 }, gender: "man" };
    const result = evaluateInsats("uvas-kvinnor-sis", facts, on);
    expect(result.verdict).toBe("needs-facts");
    expect(result.unknown).toContain("age");
    expect(evaluateInsats("uvas-kvinnor-sis", { ...facts, age: 27 }, on).verdict).toBe("eligible");
    expect(evaluateInsats("uvas-kvinnor-sis", { ...facts, age: 35 }, on).verdict).toBe("not-eligible");
  });

  it("keeps a single age a number and accepts a range of whole years with at least one bound", () => {
    expect(factsSchema.parse({ age: 30 })).toEqual({ age: 30 });
    expect(factsSchema.parse({ age: { min: 66 } })).toEqual({ age: { min: 66 } });
    expect(factsSchema.safeParse({ age: { min: 20, max: 29 } }).success).toBe(true);
    expect(factsSchema.safeParse({ age: {} }).success).toBe(false);
    expect(factsSchema.safeParse({ age: { min: 30, max: 20 } }).success).toBe(false);
    expect(factsSchema.safeParse({ age: { min: 20.5 } }).success).toBe(false);
    expect(factsSchema.safeParse({ age: { min: 20, to: 29 } }).success).toBe(false);
  });
});

describe("insatsguiden rules", () => {
  it("lists every insats with decider, needs assessment and citations as JSON", async () => {
    const result = await cli(["rules", "list", "--json"]);
    expect(result.code).toBe(0);
    const list = JSON.parse(result.stdout) as {
      id: string;
      decidedBy: string;
      needsAssessment: boolean;
      citations: unknown[];
    }[];
    expect(list.map((i) => i.id)).toEqual([...insatsIds]);
    expect(list.every((i) => i.citations.length > 0)).toBe(true);
  });

  it("checks facts from stdin on a date: one result per insats with the trace", async () => {
    const facts = JSON.stringify({
      age: 17,
      folkbokfordStockholm: true,
      studiesGymnasium: true,
      atRiskOfDropout: true,
    });
    const result = await cli(["rules", "check", "--facts", "-", "--on", "2026-03-02", "--json"], {}, facts);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as {
      on: string;
      results: { insats: string; verdict: string; unmet: string[]; unknown: string[]; trace: unknown[] }[];
    };
    expect(output.on).toBe("2026-03-02");
    expect(output.results).toHaveLength(10);
    expect(output.results.find((r) => r.insats === "forebygga-skolavbrott")).toMatchObject({
      verdict: "eligible",
      unmet: [],
      unknown: [],
    });
    expect(output.results.find((r) => r.insats === "sis-socialpsykiatri")).toMatchObject({
      verdict: "not-eligible",
      unmet: ["alfa-alder"],
    });
  });

  it("reads IPS_PROJECT_END from the environment", async () => {
    const facts = JSON.stringify(eligible["ips-psykosvarden"]);
    const result = await cli(
      ["rules", "check", "--facts", "-", "--on", "2027-01-01", "--json"],
      { IPS_PROJECT_END: "2026-12-31" },
      facts,
    );
    const ips = (
      JSON.parse(result.stdout) as { results: { insats: string; verdict: string }[] }
    ).results.find((r) => r.insats === "ips-psykosvarden");
    expect(ips?.verdict).toBe("not-eligible");
  });

  it.each([
    [["rules", "check", "--facts", "-"], '{"age": "tjugo"}', /age/],
    [["rules", "check", "--facts", "-"], "inte json", /inte giltig JSON/],
    [["rules", "check", "--facts", "-", "--on", "2026-13-01"], "{}", /--on/],
    [["rules", "check"], "", /--facts saknas/],
  ])("refuses %j with a Swedish usage error (exit 2)", async (args, stdin, message) => {
    const result = await cli(args, {}, stdin);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
