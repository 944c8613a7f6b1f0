import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { silentLogger } from "../src/log.js";
import { createServices } from "../src/main.js";
import { ageBand, DecisionRegister, legalBasisOf, registerEntryOf, toCsv } from "../src/register/register.js";
import type { AppServices } from "../src/services.js";
import { cli } from "./support/cli.js";
import { alfaStepsUntilDecision, demoUsers } from "./support/fixtures.js";
import { dialects, freshStore } from "./support/stores.js";

describe("register helpers", () => {
  it("bands ages and never keeps the age itself", () => {
    expect([18, 19, 24, 25, 29, 30, 44, 64, 65, 70].map(ageBand)).toEqual([
      "under 19",
      "19–24",
      "19–24",
      "25–29",
      "25–29",
      "30–34",
      "40–44",
      "60–64",
      "65+",
      "65+",
    ]);
  });

  it("names the paragraphs a decision rests on", () => {
    const legalBasis = { rightToAssistance: "4 kap. 1 §", beyondRight: "4 kap. 2 §" };
    expect(legalBasisOf({ caseType: "D", outcome: "bifall", legalBasis })).toBe("4 kap. 2 §");
    expect(legalBasisOf({ caseType: "D", outcome: "avslag", legalBasis })).toBe("4 kap. 1 §");
    expect(legalBasisOf({ caseType: "A", outcome: "delavslag", legalBasis })).toBe("4 kap. 2 §; 4 kap. 1 §");
    expect(legalBasisOf({ caseType: "C", outcome: "bifall", legalBasis })).toBe("4 kap. 1 §");
  });

  it("writes RFC 4180 CSV", () => {
    expect(toCsv(["a", "b"], [["x, y", 'say "hi"']])).toBe('a,b\r\n"x, y","say ""hi"""\r\n');
  });
});

describe.each(dialects)("decision register on %s", (dialect) => {
  it("filters by date and case type and sums per gender and insats", async () => {
    const store = await freshStore(dialect);
    try {
      const decisions = new DecisionRegister(store);
      const register = {
        record: (fact: Parameters<typeof registerEntryOf>[0]) => decisions.record(registerEntryOf(fact)),
      };
      const legalBasis = { rightToAssistance: "4 kap. 1 §", beyondRight: "4 kap. 2 §" };
      const base = { caseType: "D", insats: "uvas-kvinnor-sis", legalBasis } as const;
      await register.record({
        ...base,
        decidedOn: "2026-01-31",
        outcome: "bifall",
        gender: "kvinna",
        age: 22,
      });
      await register.record({
        ...base,
        decidedOn: "2026-02-01",
        outcome: "bifall",
        gender: "kvinna",
        age: 22,
      });
      await register.record({ ...base, decidedOn: "2026-02-28", outcome: "avslag", gender: "man", age: 31 });
      await register.record({
        ...base,
        caseType: "A",
        insats: "sis-socialpsykiatri",
        decidedOn: "2026-02-10",
        outcome: "delavslag",
        gender: "kvinna",
        age: 40,
      });
      const range = { from: "2026-02-01", to: "2026-02-28" };
      expect(
        (await decisions.decisions({ ...range, caseTypes: ["D"] })).map((r) => [
          r.decidedOn,
          r.outcome,
          r.ageBand,
        ]),
      ).toEqual([
        ["2026-02-01", "bifall", "19–24"],
        ["2026-02-28", "avslag", "30–34"],
      ]);
      expect(await decisions.genderSummary(range)).toEqual([
        { gender: "kvinna", insats: "sis-socialpsykiatri", decisions: 1, granted: 1 },
        { gender: "kvinna", insats: "uvas-kvinnor-sis", decisions: 1, granted: 1 },
        { gender: "man", insats: "uvas-kvinnor-sis", decisions: 1, granted: 0 },
      ]);
    } finally {
      await store.close();
    }
  });
});

describe("report decisions / report gender from the case workflow", () => {
  let dataDir: string;
  let services: AppServices;

  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-report-"));
    services = await createServices(loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent" }), {
      clock: new ManualClock(new Date("2026-03-02T09:00:00+01:00")),
      log: silentLogger,
    });
  });

  afterEach(async () => {
    await services.store.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  async function decide(
    userId: string,
    open: {
      caseRef: string;
      insats: "uvas-kvinnor-sis" | "sis-socialpsykiatri";
      gender: "kvinna" | "man";
      age: number;
    },
    steps: Record<string, unknown>[],
  ): Promise<void> {
    const user = (await services.directory.findUser(userId)) as DirectoryUser;
    let { record } = await services.cases.open(user, {
      creationKey: open.caseRef,
      receivedOn: "2026-01-08",
      ...open,
    });
    for (const step of steps) {
      record = (await services.cases.act(user, record.id, record.version, step as never)).record;
    }
    expect(record.state.decision).toBeDefined();
  }

  it("exports the decisions without anything identifying, as CSV", async () => {
    const granted = [
      { kind: "informationMeeting", heldOn: "2026-01-13" },
      { kind: "targetGroup", belongs: true },
      { kind: "dur", completedOn: "2026-01-27", areas: ["arbete"], needsPurposeGoals: true },
      { kind: "meeting", on: "2026-02-03" },
      { kind: "criteria", met: true },
      { kind: "decide", decidedOn: "2026-02-10", outcome: "bifall", periodTo: "2026-12-31" },
    ];
    await decide(
      demoUsers.uppsokare.id,
      { caseRef: "JT-2026-0031", insats: "uvas-kvinnor-sis", gender: "kvinna", age: 21 },
      granted,
    );
    await decide(
      demoUsers.uppsokare.id,
      { caseRef: "JT-2026-0032", insats: "uvas-kvinnor-sis", gender: "man", age: 27 },
      [
        { kind: "informationMeeting", heldOn: "2026-01-13" },
        { kind: "targetGroup", belongs: false },
        { kind: "decide", decidedOn: "2026-02-12", outcome: "avslag" },
      ],
    );
    await decide(
      demoUsers.handlaggare.id,
      { caseRef: "FA-2026-0142", insats: "sis-socialpsykiatri", gender: "kvinna", age: 30 },
      [
        ...alfaStepsUntilDecision,
        { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall", periodTo: "2027-02-08" },
      ],
    );
    const env = { DATA_DIR: dataDir, LOG_LEVEL: "silent" };

    const decisions = await cli(
      ["report", "decisions", "--from", "2026-02-01", "--to", "2026-02-28", "--csv"],
      env,
    );
    expect(decisions.code).toBe(0);
    const lines = decisions.stdout.trimEnd().split("\r\n");
    expect(lines[0]).toBe("beslutsdatum,insats,beslut,lagrum,kön,åldersgrupp");
    expect(lines).toHaveLength(3); // the two type D decisions, not the A case
    expect(lines[1]).toMatch(/^2026-02-10,Uppsökande \(UVAS\/kvinnor\),bifall,.+,kvinna,19–24$/);
    expect(lines[2]).toMatch(/^2026-02-12,Uppsökande \(UVAS\/kvinnor\),avslag,.+,man,25–29$/);
    // Nothing identifying: no case reference, no exact age, no staff, no case id.
    const all = decisions.stdout;
    for (const forbidden of ["JT-2026", "FA-2026", ",21", ",27", demoUsers.uppsokare.id, "Maja"]) {
      expect(all).not.toContain(forbidden);
    }
    const stored = await services.store.db.selectFrom("decision_register").selectAll().execute();
    expect(Object.keys(stored[0]!).sort()).toEqual(
      ["age_band", "case_type", "decided_on", "gender", "id", "insats", "legal_basis", "outcome"].sort(),
    );
    const caseIds = (await services.store.db.selectFrom("cases").select("id").execute()).map((r) => r.id);
    expect(JSON.stringify(stored)).not.toMatch(new RegExp(caseIds.join("|")));

    const gender = await cli(
      ["report", "gender", "--from", "2026-02-01", "--to", "2026-02-28", "--csv"],
      env,
    );
    expect(gender.code).toBe(0);
    expect(gender.stdout).toBe(
      "insats,kön,beslut,beviljade\r\n" +
        "Alfa (socialpsykiatri),kvinna,1,1\r\n" +
        "Uppsökande (UVAS/kvinnor),kvinna,1,1\r\n" +
        "Uppsökande (UVAS/kvinnor),man,1,0\r\n",
    );

    const json = await cli(["report", "gender", "--from", "2026-02-11", "--to", "2026-02-28"], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ rows: [{ gender: "man", decisions: 1, granted: 0 }] });
    expect((await cli(["report", "decisions", "--from", "2026-02-28", "--to", "2026-02-01"], env)).code).toBe(
      2,
    );
    expect((await cli(["report", "decisions", "--from", "1/2", "--to", "2026-02-01"], env)).code).toBe(2);
    expect((await cli(["report", "gender", "--to", "2026-02-01"], env)).code).toBe(2);
  });
});
