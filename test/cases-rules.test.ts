/**
 * The målgrupp and kriterier cards and the decision text consult the rule module through the
 * narrow port in src/cases/rules.ts; here a stand-in plays the rule module, through HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRulesFrom, type RuleModule } from "../src/cases/rules-adapter.js";
import type { CaseRules, RuleCheck } from "../src/cases/rules.js";
import { ManualClock } from "../src/clock.js";
import { factDefinitions } from "../src/rules/index.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { demoUsers } from "./support/fixtures.js";

const yesNoUnknown = [
  { title: "Ja", value: "ja" },
  { title: "Nej", value: "nej" },
  { title: "Vet inte", value: "" },
];

/** Two criteria; each reads one fact. Records what it was asked. */
class StandInRules implements CaseRules {
  asked: Record<string, unknown>[] = [];
  questions(_insats: string, step: "malgrupp" | "kriterier") {
    return step === "malgrupp"
      ? [
          {
            key: "socialpsykiatriTargetGroup",
            label: "Tillhör socialpsykiatrins målgrupp?",
            options: yesNoUnknown,
          },
        ]
      : [
          {
            key: "specialistPsychiatryContact",
            label: "Pågående kontakt med specialistpsykiatrin?",
            options: yesNoUnknown,
          },
        ];
  }
  check(_insats: string, facts: Record<string, unknown>): RuleCheck {
    this.asked.push(facts);
    const rows = [
      {
        criterion: "malgrupp",
        key: "socialpsykiatriTargetGroup",
        text: "Tillhör socialpsykiatrins målgrupp",
      },
      {
        criterion: "psykiatri",
        key: "specialistPsychiatryContact",
        text: "Pågående kontakt med specialistpsykiatrin",
      },
    ].map((row) => ({
      criterion: row.criterion,
      text: row.text,
      outcome:
        facts[row.key] === undefined
          ? ("okänt" as const)
          : facts[row.key]
            ? ("uppfyllt" as const)
            : ("ej uppfyllt" as const),
      source: "003 §4.2.3",
    }));
    const unmet = rows.filter((row) => row.outcome === "ej uppfyllt").map((row) => row.criterion);
    const unknown = rows.filter((row) => row.outcome === "okänt").map((row) => row.criterion);
    return {
      verdict: unmet.length > 0 ? "not-eligible" : unknown.length > 0 ? "needs-facts" : "eligible",
      unmet,
      unknown,
      trace: rows,
    };
  }
  legalBasis() {
    return {
      rightToAssistance: "11 kap. 1 § socialtjänstlagen (2025:400)",
      beyondRight: "4 kap. 2 § socialtjänstlagen (2001:453) [motsvarighet i 2025:400 ej verifierad]",
    };
  }
  criteriaTexts() {
    return ["Pågående kontakt med specialistpsykiatrin vid ansökningstillfället."];
  }
}

function actionData(card: unknown, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (record.type === "Action.Execute" && record.verb === verb)
        found = record.data as Record<string, unknown>;
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} on the card`);
  return found;
}

describe("the case cards with the rule module", () => {
  let t: TestApp;
  let rules: StandInRules;
  beforeAll(async () => {
    rules = new StandInRules();
    t = await startTestApp({
      clock: new ManualClock(new Date("2026-03-02T09:00:00+01:00")),
      env: { SCHEDULER_INTERVAL_MS: "0" },
      rules,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it("shows the verdict and trace, records the confirmation with the verdict, never the answers", async () => {
    const anna = demoUsers.handlaggare;
    const { record } = await t.app.services.cases.open((await t.app.services.directory.findUser(anna.id))!, {
      creationKey: "rules-1",
      caseRef: "FA-2026-0400",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: 30,
    });
    let card = (
      await t.act(anna, "case.informationMeeting", { caseId: record.id, v: 1, heldOn: "2026-01-12" })
    ).body.value;
    expect(cardText(card)).toContain("Tillhör socialpsykiatrins målgrupp?");

    const checked = (
      await t.act(anna, "case.targetGroupCheck", {
        ...actionData(card, "case.targetGroupCheck"),
        fact_socialpsykiatriTargetGroup: "ja",
      })
    ).body.value;
    expect(cardText(checked)).toContain("Regelmodulens bedömning: fler uppgifter behövs");
    expect(cardText(checked)).toMatch(/uppfyllt\nTillhör socialpsykiatrins målgrupp\n003 §4\.2\.3/);
    expect(rules.asked.at(-1)).toEqual({ socialpsykiatriTargetGroup: true, age: 30, gender: "kvinna" });
    expect((await t.app.services.cases.get(record.id))?.version).toBe(2);

    card = (
      await t.act(anna, "case.targetGroup", {
        ...actionData(checked, "case.targetGroup"),
        belongs: "true",
        fact_socialpsykiatriTargetGroup: "ja",
      })
    ).body.value;
    const stored = await t.app.services.cases.load(record.id);
    expect(stored?.state.targetGroup).toMatchObject({ belongs: true, ruleVerdict: "needs-facts" });
    const row = await t.app.services.store.db
      .selectFrom("cases")
      .select("state")
      .where("id", "=", record.id)
      .executeTakeFirstOrThrow();
    expect(row.state).not.toContain("socialpsykiatriTargetGroup");

    card = (
      await t.act(anna, "case.dur", {
        ...actionData(card, "case.dur"),
        areas: "arbete",
        needsPurposeGoals: "true",
        completedOn: "2026-01-26",
      })
    ).body.value;
    card = (
      await t.act(anna, "case.meeting", { ...actionData(card, "case.meeting"), meetingOn: "2026-02-02" })
    ).body.value;
    expect(cardText(card)).toContain("Pågående kontakt med specialistpsykiatrin?");

    // The rule module says a criterion is unmet: "uppfyllda" is refused inline, answers kept.
    const contradicted = (
      await t.act(anna, "case.criteria", {
        ...actionData(card, "case.criteria"),
        fact_socialpsykiatriTargetGroup: "ja",
        fact_specialistPsychiatryContact: "nej",
        specialistOn: "2026-02-03",
        specialistReady: "ja",
        met: "ja",
      })
    ).body.value;
    expect(cardText(contradicted)).toContain("Regelmodulen visar att minst ett kriterium inte är uppfyllt");
    expect(cardText(contradicted)).toContain("Regelmodulens bedömning: minst ett villkor är inte uppfyllt");
    expect(JSON.stringify(contradicted)).toContain('"value":"nej"');

    card = (
      await t.act(anna, "case.criteria", {
        ...actionData(card, "case.criteria"),
        fact_socialpsykiatriTargetGroup: "ja",
        fact_specialistPsychiatryContact: "ja",
        specialistOn: "2026-02-03",
        specialistReady: "ja",
        met: "ja",
      })
    ).body.value;
    expect((await t.app.services.cases.load(record.id))?.state.criteria).toMatchObject({
      met: true,
      ruleVerdict: "eligible",
    });

    card = (
      await t.act(anna, "case.decide", {
        ...actionData(card, "case.decide"),
        outcome: "bifall",
        decidedOn: "2026-02-09",
        periodFrom: "2026-02-09",
        periodTo: "2027-02-08",
      })
    ).body.value;
    const text = JSON.stringify(card);
    expect(text).toContain("avslås enligt 11 kap. 1 § socialtjänstlagen (2025:400)");
    // The grant states findings about the client, not the rule module's criterion labels.
    expect(text).toContain("– du har en pågående kontakt med specialistpsykiatrin,");
    expect(text).toContain("[Individuell bedömning:");
  });
});

describe("caseRulesFrom: the workflow's port over a module shaped as src/rules exports it", () => {
  const citation = (section: string, law?: string, lawVersion?: string) => ({
    source: "003_4c615ea3040924b7.txt",
    section,
    ...(law ? { law } : {}),
    ...(lawVersion ? { lawVersion } : {}),
  });
  const criteria = [
    { id: "malgrupp", text: "Tillhör socialpsykiatrins målgrupp", facts: ["socialpsykiatriTargetGroup"] },
    { id: "alder", text: "18–64 år", facts: ["age"] },
    {
      id: "psykiatri",
      text: "Pågående kontakt med specialistpsykiatrin",
      facts: ["specialistPsychiatryContact"],
    },
    { id: "specialist", text: "Bedöms kunna börja arbeta", facts: ["workSpecialistAssessedReady"] },
  ];
  const module: RuleModule = {
    factDefinitions,
    factsSchema: { safeParse: (value: unknown) => ({ success: true as const, data: value }) },
    getInsats: () => ({ name: "Alfa", criteria }),
    evaluateInsats: (_id, facts, _on) => {
      const given = facts as Record<string, unknown>;
      const trace = criteria.map((c) => {
        const value =
          c.id === "alder"
            ? typeof given.age === "number"
              ? given.age >= 18 && given.age <= 64
              : undefined
            : given[c.facts[0]!];
        return {
          criterion: c.id,
          text: c.text,
          outcome:
            value === undefined
              ? ("okänt" as const)
              : value
                ? ("uppfyllt" as const)
                : ("ej uppfyllt" as const),
          citations: [citation("4.2.3 Handläggning och kriterier")],
        };
      });
      const unmet = trace.filter((r) => r.outcome === "ej uppfyllt").map((r) => r.criterion);
      const unknown = criteria
        .filter((c) => c.facts.some((f) => given[f] === undefined))
        .flatMap((c) => c.facts);
      return {
        verdict: unmet.length ? "not-eligible" : unknown.length ? "needs-facts" : "eligible",
        unmet,
        unknown,
        trace,
      };
    },
    decisionCitations: (id) =>
      id === "sysselsattning"
        ? { grant: citation("2.3 Beslut och uppföljning", "11 kap. 1 §", "socialtjänstlagen (2025:400)") }
        : {
            rejection: citation(
              "4.2.3 Handläggning och kriterier",
              "11 kap. 1 §",
              "socialtjänstlagen (2025:400)",
            ),
            grant: citation(
              "4.2.3 Handläggning och kriterier",
              "11 kap. 4 §",
              "socialtjänstlagen (2025:400)",
            ),
          },
  };
  const rules = caseRulesFrom(module);

  it("asks the target-group facts in målgrupp and the rest in kriterier, never what the case knows", () => {
    expect(rules.questions("sis-socialpsykiatri", "malgrupp").map((q) => q.key)).toEqual([
      "socialpsykiatriTargetGroup",
    ]);
    expect(rules.questions("sis-socialpsykiatri", "kriterier").map((q) => [q.key, q.label])).toEqual([
      ["specialistPsychiatryContact", "Pågående kontakt med specialistpsykiatrin?"],
    ]);
  });

  it("in målgrupp, judges by the target group and the case's own facts, not the kriterier questions", () => {
    const check = rules.check(
      "sis-socialpsykiatri",
      { socialpsykiatriTargetGroup: true, age: 30 },
      "2026-03-02",
      "malgrupp",
    );
    expect(check.verdict).toBe("eligible");
    expect(check.unknown).toEqual([]);
    expect(check.trace.map((row) => row.criterion)).toEqual(["malgrupp", "alder"]);
    const old = rules.check(
      "sis-socialpsykiatri",
      { socialpsykiatriTargetGroup: true, age: 70 },
      "2026-03-02",
      "malgrupp",
    );
    expect(old).toMatchObject({ verdict: "not-eligible", unmet: ["alder"] });
  });

  it("in kriterier, judges by the criteria asked there (the target group is confirmed)", () => {
    const facts = { specialistPsychiatryContact: true, workSpecialistAssessedReady: true, age: 30 };
    expect(rules.check("sis-socialpsykiatri", facts, "2026-03-02", "malgrupp").verdict).toBe("needs-facts");
    expect(rules.check("sis-socialpsykiatri", facts, "2026-03-02", "malgrupp").unknown).toEqual([
      "socialpsykiatriTargetGroup",
    ]);
    const check = rules.check("sis-socialpsykiatri", facts, "2026-03-02", "kriterier");
    expect(check.verdict).toBe("eligible");
    const source =
      "Tillämpningsanvisningar för sysselsättning och särskilt individanpassad stödinsats för att underlätta arbete och studier inom socialpsykiatri (Socialförvaltningen, oktober 2023, Dnr SOF 2023/434), avsnitt 4.2.3 Handläggning och kriterier";
    expect(check.trace.map((row) => [row.criterion, row.outcome, row.source])).toEqual([
      ["alder", "uppfyllt", source],
      ["psykiatri", "uppfyllt", source],
      ["specialist", "uppfyllt", source],
    ]);
    const unmet = rules.check(
      "sis-socialpsykiatri",
      { ...facts, specialistPsychiatryContact: false },
      "2026-03-02",
      "kriterier",
    );
    expect(unmet).toMatchObject({ verdict: "not-eligible", unmet: ["psykiatri"] });
  });

  it("labels the decision paragraphs from the citations for the date", () => {
    expect(rules.legalBasis("sis-socialpsykiatri", "2026-02-09")).toEqual({
      rightToAssistance: "11 kap. 1 § socialtjänstlagen (2025:400)",
      beyondRight: "11 kap. 4 § socialtjänstlagen (2025:400)",
    });
    expect(rules.legalBasis("sysselsattning", "2026-02-09").rightToAssistance).toBe(
      "11 kap. 1 § socialtjänstlagen (2025:400)",
    );
    expect(rules.criteriaTexts("sis-socialpsykiatri", "2026-02-09")).toHaveLength(4);
  });
});
