import { describe, expect, it } from "vitest";
import type { CaseState, Decision } from "../src/domain/case.js";
import { decisionText, defaultLegalBasis, type DecisionTextInput } from "../src/domain/decision-text.js";
import { containsIdentityNumber } from "../src/identity/personnummer.js";

function input(
  state: Partial<CaseState>,
  decision: Partial<Decision>,
  extra: Partial<DecisionTextInput> = {},
) {
  return {
    caseRef: "FA-2026-0142",
    insatsName: "särskilt individanpassad stödinsats för att underlätta arbete eller studier",
    legal: defaultLegalBasis,
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
        decidedOn: "2026-02-09",
        outcome: "bifall",
        periodFrom: "2026-02-09",
        periodTo: "2027-02-08",
        specialReason: false,
        amendmentReservation: false,
        ...decision,
      },
    },
    ...extra,
  } as DecisionTextInput;
}

describe("decision texts, A/B/D: 4:1 rejection then the 4:2 trial", () => {
  it("A grant: the standard 4:1 motivation, the 4:2 grant with criteria and period, both appeal routes", () => {
    const text = decisionText(
      input(
        {},
        { amendmentReservation: true },
        { criteriaTexts: ["Pågående kontakt med specialistpsykiatrin."] },
      ),
    );
    expect(text).toContain("Ärende: FA-2026-0142");
    expect(text).toContain("Beslutsdatum: 9 februari 2026");
    expect(text).toContain("Beslutande: Farsta stadsdelsnämnd");
    expect(text).toContain("avslås enligt 4 kap. 1 § socialtjänstlagen (2001:453)");
    expect(text).toContain("ingår därför inte i rätten till bistånd");
    expect(text).toContain(
      "Du beviljas särskilt individanpassad stödinsats för att underlätta arbete eller studier enligt 4 kap. 2 § socialtjänstlagen (2001:453) under perioden 9 februari 2026 – 8 februari 2027.",
    );
    expect(text).toContain("– Pågående kontakt med specialistpsykiatrin.");
    expect(text).toContain("Ändringsförbehåll");
    expect(text).toMatch(/avslå din ansökan enligt 4 kap\. 1 §.*förvaltningsbesvär/);
    expect(text).toMatch(
      /4 kap\. 2 §.*kan inte överklagas genom förvaltningsbesvär.*laglighetsprövning enligt 13 kap\. kommunallagen/s,
    );
    // the 4:1 rejection comes before the 4:2 grant
    expect(text.indexOf("1. Beslut enligt")).toBeLessThan(text.indexOf("2. Beslut enligt"));
  });

  it("uses the paragraph labels it is given for the decision date (the rule module's citations)", () => {
    const text = decisionText(
      input(
        {},
        {},
        {
          legal: {
            rightToAssistance: "11 kap. 1 § socialtjänstlagen (2025:400)",
            beyondRight: "[4 kap. 2 § SoL, ny motsvarighet ej verifierad]",
          },
        },
      ),
    );
    expect(text).toContain("avslås enligt 11 kap. 1 § socialtjänstlagen (2025:400)");
    expect(text).not.toContain("2001:453");
  });

  it("leaves out ändringsförbehåll unless chosen", () => {
    expect(decisionText(input({}, {}))).not.toContain("Ändringsförbehåll");
  });

  it("Insteg: four months", () => {
    const text = decisionText(
      input(
        { type: "B", insats: "lss-insteg" },
        { periodTo: "2026-06-09" },
        { insatsName: "särskilt individanpassat stöd till arbete eller studier Insteg", district: "Bromma" },
      ),
    );
    expect(text).toContain("under perioden 9 februari 2026 – 9 juni 2026");
    expect(text).toContain("inledande period om fyra månader");
  });

  it("lss-sis: two years, or longer with special reasons stated in the decision", () => {
    const normal = decisionText(input({ type: "B", insats: "lss-sis" }, { periodTo: "2028-02-09" }));
    expect(normal).toContain("beviljas för två år");
    const longer = decisionText(
      input({ type: "B", insats: "lss-sis" }, { periodTo: "2029-02-09", specialReason: true }),
    );
    expect(longer).toContain(
      "längre tid än två år eftersom det finns särskilda skäl: [ange de särskilda skälen]",
    );
  });

  it("rejection under both paragraphs when outside the target group, with both appeal routes", () => {
    const text = decisionText(
      input(
        { targetGroup: { belongs: false, confirmedOn: "2026-01-12" } },
        { outcome: "avslag", periodFrom: undefined, periodTo: undefined },
      ),
    );
    expect(text).toContain("avslås även vid prövning enligt 4 kap. 2 §");
    expect(text).toContain("inte tillhör insatsens målgrupp");
    expect(text).toContain("förvaltningsbesvär");
    expect(text).toContain("laglighetsprövning");
    expect(text).not.toContain("Du beviljas");
  });

  it("D: decided by arbetsmarknadsnämnden, reported in anonymised form (002)", () => {
    const text = decisionText(input({ type: "D", insats: "uvas-kvinnor-sis" }, {}));
    expect(text).toContain("Beslutande: arbetsmarknadsnämnden");
    expect(text).toContain("avidentifierad form");
  });
});

describe("decision texts, C: sysselsättning under 4 kap. 1 §", () => {
  const c = (decision: Partial<Decision>) =>
    decisionText(
      input(
        { type: "C", insats: "sysselsattning" },
        { orientation: "arbetsrehabiliterande", appliedInterval: "22-40", periodTo: undefined, ...decision },
        { insatsName: "sysselsättning" },
      ),
    );

  it("bifall: the granted interval, no appeal section", () => {
    const text = c({ outcome: "bifall", grantedInterval: "22-40" });
    expect(text).toContain(
      "Du beviljas sysselsättning (arbetsrehabiliterande sysselsättning) enligt 4 kap. 1 § socialtjänstlagen (2001:453) med en omfattning av 22–40 timmar i veckan från och med 9 februari 2026.",
    );
    expect(text).not.toContain("Så kan du överklaga");
    expect(text).not.toContain("4 kap. 2 §");
  });

  it("delavslag: the granted interval, the rest rejected, appeal information", () => {
    const text = c({ outcome: "delavslag", grantedInterval: "10-24" });
    expect(text).toContain("med en omfattning av 10–24 timmar i veckan");
    expect(text).toContain("Din ansökan om 22–40 timmar i veckan avslås i övrigt (delavslag).");
    expect(text).toContain("Så kan du överklaga");
    expect(text).toContain("förvaltningsrätten");
  });

  it("avslag: appeal information", () => {
    const text = c({ outcome: "avslag", periodFrom: undefined });
    expect(text).toContain(
      "Din ansökan om sysselsättning om 22–40 timmar i veckan enligt 4 kap. 1 § socialtjänstlagen (2001:453) avslås.",
    );
    expect(text).toContain("Så kan du överklaga");
  });
});

it("never carries a personnummer or a client name field", () => {
  for (const outcome of ["bifall", "avslag"] as const) {
    const text = decisionText(input({}, { outcome }));
    expect(containsIdentityNumber(text)).toBe(false);
    expect(text).not.toMatch(/Namn:|Personnummer:/);
  }
});
