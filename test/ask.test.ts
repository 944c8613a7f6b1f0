/**
 * Question answering (src/rules/ask.ts): top-1 accuracy on the labelled set, and the behaviours
 * that matter beyond it — fact extraction, needs-facts, "det vet jag inte", channel secrecy, the
 * GP rule in force, typos and compounds, the CLI contract.
 */
import fs from "node:fs";
import { describe, expect, it, vi } from "vitest";
import { ask, type AskAnswer } from "../src/rules/ask.js";
import { extractFacts, readAge } from "../src/rules/ask-facts.js";
import { getEntry } from "../src/rules/knowledge.js";
import { compoundParts, joinLawReferences, searchTokens } from "../src/rules/retrieval.js";
import * as text from "../src/rules/text.js";
import { foldText, Vocabulary, damerauLevenshtein, maxTokenLength } from "../src/rules/text.js";
import { normaliseQuestion } from "../src/rules/ask.js";
import { cli } from "./support/cli.js";

interface Labelled {
  question: string;
  /** Entry ids (an insats id for a verdict) that answer it right; "unknown" also takes any not-in-sources entry. */
  expect: string[];
  contains?: string[];
  facts?: Record<string, unknown>;
  verdict?: string;
  /** How the short answer must begin ("Ja", "Nej", "Det beror"). */
  starts?: string;
}

const tuning = JSON.parse(fs.readFileSync("test/fixtures/questions-tuning.json", "utf8")) as Labelled[];
const heldOut = JSON.parse(fs.readFileSync("test/fixtures/questions-heldout.json", "utf8")) as Labelled[];
const on = "2026-03-02";

const idOf = (answer: AskAnswer): string => (answer.topic.kind === "unknown" ? "unknown" : answer.topic.id);

/** Right topic (a comparison of two insatser counts for either), and the answer says what it must. */
function correct(entry: Labelled, answer: AskAnswer): boolean {
  const id = idOf(answer);
  const topicOk =
    entry.expect.includes(id) ||
    id.split("+").some((part) => entry.expect.includes(part)) ||
    (entry.expect.includes("unknown") && getEntry(id)?.kind === "not-in-sources");
  const text = answer.answer.toLocaleLowerCase("sv-SE");
  return (
    topicOk &&
    (entry.contains ?? []).every((word) => text.includes(word.toLocaleLowerCase("sv-SE"))) &&
    (!entry.starts || answer.short.startsWith(entry.starts)) &&
    (!entry.verdict || answer.verdict?.verdict === entry.verdict)
  );
}

describe("the labelled question sets", () => {
  it("hold at least 200 questions, at least 60 of them held out, over every knowledge entry kind", () => {
    expect(tuning.length + heldOut.length).toBeGreaterThanOrEqual(200);
    expect(heldOut.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(tuning.flatMap((entry) => entry.expect.map((id) => getEntry(id)?.kind ?? id)));
    for (const kind of [
      "definition",
      "eligibility",
      "process",
      "deadline",
      "comparison",
      "not-in-sources",
      "unknown",
    ])
      expect(kinds, kind).toContain(kind);
  });

  it("every label names an entry of the knowledge base (or unknown)", () => {
    for (const entry of [...tuning, ...heldOut])
      for (const id of entry.expect) expect(id === "unknown" || getEntry(id) !== undefined, id).toBe(true);
  });

  // The held-out set is not asserted on: it was written before the knowledge base and is only
  // measured (see the note of issue 17), so tuning cannot creep into it through a failing test.
  it("answers at least 85 % of the tuning set right (topic, verdict, the words that must be there)", () => {
    const wrong = tuning
      .map((entry) => ({ entry, answer: ask(entry.question, { on, gpRule: "working" }) }))
      .filter(({ entry, answer }) => !correct(entry, answer));
    const accuracy = 1 - wrong.length / tuning.length;
    expect(
      accuracy,
      wrong
        .map(({ entry, answer }) => `${entry.question}: ${idOf(answer)} ≠ ${entry.expect.join("/")}`)
        .join("\n"),
    ).toBeGreaterThanOrEqual(0.85);
  });

  it("keeps every short answer within the card's 600 characters and cites every known answer", () => {
    for (const entry of tuning) {
      const answer = ask(entry.question, { on });
      expect(answer.short.length, entry.question).toBeLessThanOrEqual(600);
      if (answer.topic.kind !== "unknown" && getEntry(idOf(answer))?.kind !== "not-in-sources")
        expect(answer.citations.length, entry.question).toBeGreaterThan(0);
    }
  });
});

describe("fact extraction", () => {
  const facts = (text: string) => extractFacts(normaliseQuestion(text));

  it("reads ages in their common forms and not durations", () => {
    expect(facts("en 17-åring").age).toBe(17);
    expect(facts("hon är 24 år").age).toBe(24);
    expect(facts("en 30 åring").age).toBe(30);
    expect(facts("en kille på 19").age).toBe(19);
    expect(facts("har bott på SHIS i 3 år")).toEqual({ livesInShis: true, shisYears: 3 });
  });

  it.each<[string, number | { min?: number; max?: number }, string]>([
    ["Kan en kvinna över 65 få Alfa?", { min: 66 }, "över 65"],
    ["en person över 65 år", { min: 66 }, "över 65 år"],
    ["hon är under 20", { max: 19 }, "under 20"],
    ["äldre än 64", { min: 65 }, "äldre än 64"],
    ["yngre än 18", { max: 17 }, "yngre än 18"],
    ["mellan 20 och 29 år", { min: 20, max: 29 }, "mellan 20 och 29 år"],
    ["mellan 29 och 20", { min: 20, max: 29 }, "mellan 20 och 29 år"],
    ["20–29 år", { min: 20, max: 29 }, "20–29 år"],
    ["20-29 år", { min: 20, max: 29 }, "20–29 år"],
    ["19-29-åringar", { min: 19, max: 29 }, "19–29 år"],
    ["unga 19–29 som varken arbetar eller studerar", { min: 19, max: 29 }, "19–29 år"],
    ["minst 25", { min: 25 }, "minst 25"],
    ["högst 64 år", { max: 64 }, "högst 64 år"],
    ["65+", { min: 65 }, "65+"],
    ["65 år och äldre", { min: 65 }, "65 år och äldre"],
    ["19 år eller yngre", { max: 19 }, "19 år eller yngre"],
    ["i 20-årsåldern", { min: 20, max: 29 }, "i 20-årsåldern"],
    ["har inte fyllt 20", { max: 19 }, "har inte fyllt 20"],
    ["en kvinna som inte är över 65", { max: 65 }, "inte över 65"],
    ["30 år", 30, "30 år"],
    ["en 30-åring", 30, "30 år"],
    ["en 17-åring", 17, "17 år"],
    ["klienten fyller 65 nästa månad", 64, "64 år (fyller 65)"],
    ["hon fyllde 20 förra veckan", 20, "20 år"],
  ])("reads the age in %j with its bounds in whole years", (question, value, asGiven) => {
    expect(readAge(normaliseQuestion(question))).toEqual({ value, asGiven });
    expect(facts(question).age).toEqual(value);
  });

  it.each([
    "har bott på SHIS i 3 år",
    "har bott i Sverige i över 10 år",
    "har haft försörjningsstöd under 12 år",
    "uppehållstillstånd i över 36 månader",
    "fick uppehållstillstånd för över 10 år sedan",
    "mellan 10 och 24 timmar i veckan",
    "Klienten vill gå 30 timmar i veckan men har 10–24, vad gäller?",
    "genomförandeplanen senast inom högst 15 dagar",
    "stöd under 4 månader",
  ])("reads no age in %j (a duration or another unit)", (text) => {
    expect(facts(text).age).toBeUndefined();
  });

  it("turns statements round on negation and tells Stockholm from other municipalities", () => {
    expect(facts("har försörjningsstöd").receivesForsorjningsstod).toBe(true);
    expect(facts("har inte försörjningsstöd").receivesForsorjningsstod).toBe(false);
    expect(facts("utan ekonomiskt bistånd").receivesForsorjningsstod).toBe(false);
    expect(facts("folkbokförd i Stockholm").folkbokfordStockholm).toBe(true);
    expect(facts("folkbokförd i Nacka").folkbokfordStockholm).toBe(false);
    expect(facts("inte folkbokförd i stockholm").folkbokfordStockholm).toBe(false);
    expect(facts("varken arbetar eller studerar")).toMatchObject({ working: false, studying: false });
    expect(facts("arbetar inte").working).toBe(false);
  });

  it("reads personkrets, gender, permits, mass flight and psychosis clinics", () => {
    expect(facts("personkrets 2").lssPersonkrets).toBe(2);
    expect(facts("personkrets 1 eller 2").lssPersonkrets).toBeUndefined();
    expect(facts("en kvinna").gender).toBe("kvinna");
    expect(facts("kan man få").gender).toBeUndefined();
    expect(facts("uppehållstillstånd sedan 20 månader").residencePermitRefugeeOrProtectionMonths).toBe(20);
    // Colloquial forms: "skriven i", "Sthlm", "tänker sluta", "hoppat av" (dropped out: not studying).
    expect(facts("bor i Solna men är skriven i Stockholm")).toMatchObject({
      folkbokfordStockholm: true,
      bosattStockholm: false,
    });
    expect(facts("hen är folkbokförd i Sthlm").folkbokfordStockholm).toBe(true);
    expect(facts("går på gymnasiet och tänker sluta").atRiskOfDropout).toBe(true);
    expect(facts("22 år, hoppat av gymnasiet").studying).toBe(false);
    // A school said not to be the adapted one answers the Bron criterion: no.
    expect(facts("går sista året på vanligt gymnasium").anpassadGymnasieskolaFinalYear).toBe(false);
    expect(facts("går sista året på anpassad gymnasieskola").anpassadGymnasieskolaFinalYear).toBe(true);
    // Refugee status and asylum say a permit too; the duration nearest the permit is its age, an age is not.
    const permit = (text: string) => facts(text).residencePermitRefugeeOrProtectionMonths;
    expect(permit("kom hit som kvotflykting för två år sen")).toBe(24);
    expect(permit("fick asyl för 18 månader sedan")).toBe(18);
    expect(permit("han är 45 år och flykting")).toBeUndefined();
    expect(
      permit("arbetslös i 6 månader, bor i stockholm sedan länge och fick uppehållstillstånd för tre år sen"),
    ).toBe(36);
    expect(facts("tillfälligt skydd från Ukraina").massflyktsdirektivet).toBe(true);
    // The criterion is a clinic in the project: a clinic alone leaves it unknown.
    expect(facts("inskriven på en psykosmottagning").enrolledParticipatingPsychosisClinic).toBeUndefined();
    expect(
      facts("går på psykosmottagning men vill ha ips").enrolledParticipatingPsychosisClinic,
    ).toBeUndefined();
    expect(
      facts("inskriven på en psykosmottagning som deltar i projektet").enrolledParticipatingPsychosisClinic,
    ).toBe(true);
    expect(facts("hennes psykosmottagning är med i ips-projektet").enrolledParticipatingPsychosisClinic).toBe(
      true,
    );
  });

  it("keeps a negation inside its clause and knows Stockholm's districts from other municipalities", () => {
    expect(facts("kvinna utan utbildning som nåtts via uppsökande arbete").reachedViaOutreach).toBe(true);
    expect(facts("som inte har försörjningsstöd").receivesForsorjningsstod).toBe(false);
    expect(facts("bor i Farsta").bosattStockholm).toBe(true);
    expect(facts("bor i Haninge").bosattStockholm).toBe(false);
    expect(facts("folkbokförd i Södertälje").folkbokfordStockholm).toBe(false);
  });

  it("reads a relative's own permit N years after the relative's as the six-year rule, not the permit's age", () => {
    const within = facts("anhörig som fick uppehållstillstånd fem år efter sin make");
    expect(within.relativePermitWithinSixYears).toBe(true);
    expect(within.residencePermitRefugeeOrProtectionMonths).toBeUndefined();
    expect(facts("anhörig, fick tillstånd 8 år efter").relativePermitWithinSixYears).toBe(false);
    expect(facts("anhörig med uppehållstillstånd inom 6 år").relativePermitWithinSixYears).toBe(true);
  });

  it("survives typos in the words facts hang on", () => {
    expect(facts("har forsörjningstöd").receivesForsorjningsstod).toBe(true);
    expect(facts("folkbokförf i stockholm").folkbokfordStockholm).toBe(true);
  });
});

describe("answers", () => {
  it("gives the direct answer first: Nej with the unmet criterion, and what it read", () => {
    const answer = ask("Kan man ha försörjningsstöd och få stöd via Alfa?", { on });
    expect(answer.verdict).toEqual({
      insats: "sis-socialpsykiatri",
      verdict: "not-eligible",
      missingFacts: [],
    });
    expect(answer.short).toMatch(/^Nej\. Alfa kräver: får inte försörjningsstöd/);
    expect(answer.read).toBe("har försörjningsstöd");
    expect(answer.citations.map((c) => c.source)).toContain("socialnamnden2023");
  });

  it("says Ja when every criterion is met", () => {
    const answer = ask("Går sista året på gymnasiesärskolan och är folkbokförd i Stockholms stad – Bron?", {
      on,
    });
    expect(answer.verdict?.verdict).toBe("eligible");
    expect(answer.short).toMatch(/^Ja\./);
  });

  it("says it depends, naming only the criteria that decide, with every criterion behind Visa mer", () => {
    const answer = ask("Får en 17-åring som riskerar att hoppa av gymnasiet stöd?", { on });
    expect(answer.insatser[0]).toBe("forebygga-skolavbrott");
    expect(answer.verdict).toEqual({
      insats: "forebygga-skolavbrott",
      verdict: "needs-facts",
      missingFacts: ["folkbokfordStockholm"],
    });
    expect(answer.short).toMatch(/^Det beror på .*folkbokförd i Stockholms stad/);
    expect(answer.short).not.toContain("✓");
    expect(answer.deciding?.map((row) => row.text)).toEqual(["Folkbokförd i Stockholms stad"]);
    expect(answer.more).toContain("✓ Är under 20 år");
  });

  it.each([
    [
      "En kvinna, 45 år, nyanländ, nådd via uppsökande verksamhet och utan försörjningsstöd – särskilt individanpassad stödinsats?",
      "uvas-kvinnor-sis",
      "45 år, kvinna, inget försörjningsstöd, nådd via uppsökande",
    ],
    ["Eleven fyllde 20 förra veckan, kan hen få förebygga skolavbrott?", "forebygga-skolavbrott", "20 år"],
    [
      "Hon går på en psykosmottagning som inte är med i IPS-projektet, kan hon få IPS i psykosvården?",
      "ips-psykosvarden",
      "kvinna, inte inskriven på en psykosmottagning i projektet",
    ],
    [
      "AF har erbjudit honom ett program som passar, kan han få alfa?",
      "sis-socialpsykiatri",
      "man, Arbetsförmedlingen kan erbjuda en lämplig åtgärd",
    ],
  ])("reads the facts as a careful reader: %s", (question, insats, read) => {
    const answer = ask(question, { on });
    expect(answer.verdict?.insats).toBe(insats);
    expect(answer.read).toBe(read);
  });

  it("marks a criterion ✗ when the question denies it, never ✓ because it used its words", () => {
    const answer = ask(
      "Han är inskriven på en psykosmottagning som inte deltar i projektet – IPS i psykosvården?",
      { on },
    );
    expect(answer.verdict?.verdict).toBe("not-eligible");
    expect(answer.short).toMatch(/^Nej/);
  });

  it("reads a missing psychiatry contact as a no, in the words caseworkers use", () => {
    const answer = ask("kan jag bevilja alfa till någon som saknar psykiatrikontakt?", { on });
    expect(answer.verdict?.verdict).toBe("not-eligible");
    expect(answer.short).toMatch(/^Nej\. Alfa kräver: har en pågående kontakt med specialistpsykiatrin/);
  });

  it("answers 'måste man ha X för Y' from Y's criteria, stating nothing about anyone", () => {
    const must = ask("Måste hen ha kontakt med specialistpsykiatrin för att få Alfa?", { on });
    expect(must.verdict).toBeNull();
    expect(must.facts).toEqual({});
    expect(must.short).toMatch(/^Ja\. Alfa kräver: har en pågående kontakt med specialistpsykiatrin/);
    expect(ask("krävs det att man har försörjningsstöd för uvas?", { on }).short).toMatch(
      /^Nej – tvärtom\. .* kräver: får inte försörjningsstöd/,
    );
    expect(ask("måste man vara kvinna för att få alfa", { on }).short).toMatch(
      /^Nej, det är inget krav för Alfa/,
    );
    // Folkbokförd is not bosatt: the answer names the one Alfa asks for.
    expect(ask("Behöver personen vara folkbokförd i Stockholm för att få Alfa?", { on }).short).toBe(
      "Inte just det. Alfa kräver: bosatt i Stockholms stad.",
    );
  });

  it("gives an entry's Ja or Nej only to the question it replies to", () => {
    // "Nej" replies to "kan man tvinga…", not to "behöver vi samtycke…" (consent is required for Alfa).
    expect(ask("kan man tvinga någon att ta emot alfa", { on }).short).toMatch(
      /^Nej\. Insatserna är frivilliga/,
    );
    const consent = ask("behöver vi samtycke för att prata med psykiatrin", { on });
    expect(idOf(consent)).toBe("samtycke-frivillighet");
    expect(consent.short).toMatch(/^Insatserna är frivilliga/);
    expect(consent.short).toContain("för Alfa krävs samtycke till samordning");
    expect(ask("får jag skriva personnumret i kanalen", { on }).short).toMatch(/^Nej\./);
    expect(ask("får man skriva ärendenummer i kanalen?", { on }).short).not.toMatch(/^Nej/);
  });

  it("begins with Ja or Nej only when the question asks yes or no", () => {
    const which = ask("Vilka uppgifter får stå i en kanal i Teams?", { on });
    expect(idOf(which)).toBe("sekretess");
    expect(which.short).toMatch(/^Uppgifter om den enskilde/);
    expect(ask("får man skriva namn i kanalen?", { on }).short).toMatch(/^Nej\./);
    expect(idOf(ask("Hur många timmar kan man beviljas i sysselsättning max?", { on }))).toBe("timintervall");
  });

  it("answers a process question from its entry, not with criteria, even when it gives an age", () => {
    const answer = ask("vad ska jag fördjupa i DUR om klienten är 28", { on });
    expect(answer.verdict).toBeNull();
    expect(["under-35", "dur"]).toContain(idOf(answer));
  });

  it("answers a comparison with both sides", () => {
    const answer = ask("vad är skillnaden mellan insteg och iwork", { on });
    expect(answer.short).toContain("fyra månader");
    expect(answer.short).toContain("två år");
  });

  it("computes the GP date under both readings, the configured one first", () => {
    const working = ask("beställningen skickades 1 dec 2026, när ska planen senast komma?", {
      on,
      gpRule: "working",
    });
    expect(working.short).toMatch(/^Senast 22 december 2026 – 15 arbetsdagar/);
    expect(working.short).toContain("15 kalenderdagar");
    const calendar = ask("beställningen skickades 1 dec 2026, när ska planen senast komma?", {
      on,
      gpRule: "calendar",
    });
    expect(calendar.short).toMatch(/^Senast 16 december 2026 – 15 kalenderdagar/);
    expect(calendar.citations.map((c) => c.section)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Bilaga 1/), expect.stringMatching(/^Bilaga 2/)]),
    );
  });

  it("computes the next follow-up from the date the question gives (calendar months)", () => {
    expect(ask("beslutet fattades 31 augusti 2026, när är nästa uppföljning?", { on }).short).toMatch(
      /^Nästa uppföljning senast 28 februari 2027/,
    );
  });

  it("says plainly what the sources do not say, and names the new act's paragraphs", () => {
    expect(ask("vilka psykosmottagningar är med i projektet?", { on }).topic).toMatchObject({
      entryKind: "not-in-sources",
    });
    expect(ask("vad kostar iwork för stadsdelen", { on }).short).toMatch(/^Det står inte i underlagen/);
    expect(ask("vilken paragraf i nya lagen motsvarar 4 kap 2 §?", { on }).short).toContain("11 kap. 4 §");
  });

  it("answers honestly when nothing answers, says what it can, and never names a setting", () => {
    const answer = ask("Vem vann melodifestivalen?", { on });
    expect(answer.topic.kind).toBe("unknown");
    expect(answer.insatser).toEqual([]);
    expect(answer.verdict).toBeNull();
    expect(answer.short).toMatch(/^Det står inte i underlagen/);
    expect(answer.short).toContain("Fråga en expert");
    expect(answer.answer).toContain("alfa@stockholm.se");
    for (const entry of tuning)
      expect(ask(entry.question, { on }).answer).not.toMatch(/[A-Z]{2,}_[A-Z_]{2,}/);
  });

  it("reads hyphenated words as their parts in entries and questions alike, numbers ranges whole", () => {
    expect(searchTokens("Iwork-insatsen gäller 10-24 timmar")).toEqual([
      "iwork",
      "insatsen",
      "galler",
      "10-24",
      "timmar",
    ]);
    // beslutets-langd says "Iwork-insatsen": a question about Iwork's length finds it.
    expect(idOf(ask("hur länge gäller iwork", { on }))).toBe("beslutets-langd");
    expect(idOf(ask("vad är ett 4:2-beslut", { on }))).not.toBe("unknown");
  });

  it("counts a word and its synonyms as one thing asked about", () => {
    // "iwork" expands to lss and personkrets; entries full of those no longer outweigh the follow-up.
    expect(idOf(ask("Hur ofta ska Iwork följas upp?", { on }))).toBe("uppfoljning");
  });

  it("joins a law reference into one token without swallowing the next word", () => {
    expect(joinLawReferences("4 kap. 2 § sol")).toBe("4kap2 sol");
    expect(joinLawReferences("11 kap 5 socialtjanstlagen")).toBe("11kap5 socialtjanstlagen");
    expect(joinLawReferences("enligt 4:2-beslut")).toBe("enligt 4kap2-beslut");
    expect(idOf(ask("vad säger 11 kap. 5 §?", { on: "2026-11-29" }))).not.toBe("unknown");
  });

  it("maps synonyms and abbreviations (IPS → Alfa, gymnasiesärskola → Bron, GP, FK, 4:2)", () => {
    expect(ask("Vem får IPS via Jobbtorg?", { on }).insatser[0]).toBe("sis-socialpsykiatri");
    expect(ask("gymnasiesärskolans sista år", { on }).insatser[0]).toBe("bron");
    expect(ask("stöd till nyanlända", { on }).insatser[0]).toBe("etableringsstod-nyanlanda");
    expect(idOf(ask("vad gör fk", { on }))).toBe("forsakringskassan");
    expect(idOf(ask("kan ett 4:2-beslut laglighetsprövas?", { on }))).toBe("laglighetsprovning");
  });

  it("uses the rules in force on the date asked (new act from 1 July 2025)", () => {
    const before = ask("Vem kan få Bron?", { on: "2025-03-01" }).citations.map((c) => c.law);
    const after = ask("Vem kan få Bron?", { on: "2026-03-01" }).citations.map((c) => c.law);
    expect(after).toContain("11 kap. 5 §");
    expect(before).not.toContain("11 kap. 5 §");
  });
});

describe("an age given as a range or bound", () => {
  it("shows the age as the question gave it and judges the range: över 65 is too old for Alfa", () => {
    const answer = ask("Kan en kvinna över 65 i Farsta få Alfa?", { on });
    expect(answer.facts.age).toEqual({ min: 66 });
    expect(answer.ageAsGiven).toBe("över 65");
    expect(answer.answer).toContain("Uppgift ur frågan – ålder: över 65");
    expect(answer.verdict).toEqual({
      insats: "sis-socialpsykiatri",
      verdict: "not-eligible",
      missingFacts: [],
    });
    expect(answer.answer).toContain("✗ Är 18–64 år");
  });

  it("meets a criterion when the whole range lies inside it: under 20 for Förebygga skolavbrott", () => {
    const answer = ask("Får en elev under 20 som riskerar att hoppa av gymnasiet stöd?", { on });
    expect(answer.answer).toContain("✓ Är under 20 år");
    expect(answer.verdict?.missingFacts).toEqual(["folkbokfordStockholm"]);
  });

  it("says it depends on the exact age when the range straddles a bound", () => {
    const answer = ask("Kan en man mellan 25 och 40 år som varken arbetar eller studerar få UVAS?", { on });
    expect(answer.verdict?.verdict).toBe("needs-facts");
    expect(answer.verdict?.missingFacts).toContain("age");
    expect(answer.answer).toContain("? Ung 19–29 år");
    expect(answer.answer).toContain(
      "Ålder (år) – svaret beror på den exakta åldern (frågan anger mellan 25 och 40 år)",
    );
    // The same question with an exact age needs no age.
    const exact = ask("Kan en man på 27 år som varken arbetar eller studerar få UVAS?", { on });
    expect(exact.answer).toContain("Uppgift ur frågan – ålder: 27 år");
    expect(exact.verdict?.missingFacts).not.toContain("age");
  });

  it("never repeats the age in a channel", () => {
    const answer = ask("Kan en kvinna över 65 få Alfa?", { on, inChannel: true });
    expect(answer.ageAsGiven).toBeUndefined();
    expect(answer.answer).not.toContain("ålder:");
  });
});

describe("in a channel", () => {
  const personal =
    "Kan en 24-årig kvinna med försörjningsstöd som har kontakt med specialistpsykiatrin och är folkbokförd i Stockholm få Alfa?";

  it("never repeats the person's facts nor gives a verdict about them", () => {
    const answer = ask(personal, { on, inChannel: true });
    expect(answer.insatser[0]).toBe("sis-socialpsykiatri");
    expect(answer.verdict).toBeNull();
    expect(answer.facts).toEqual({});
    expect(answer.result).toBeUndefined();
    expect(answer.answer).not.toMatch(/24|kvinna|Nej|Ja –|✓|✗/);
    expect(answer.answer).toContain("upprepar jag inga uppgifter");
    expect(answer.answer).toContain("pågående kontakt med specialistpsykiatrin"); // the criterion, in general
  });

  it("answers the same question with a verdict in a personal chat", () => {
    expect(ask(personal, { on }).verdict?.verdict).toBe("not-eligible");
  });
});

describe("text processing", () => {
  it("folds case, å/ä/ö and punctuation", () => {
    expect(foldText("Får en 17-åring STÖD? (Bron!)")).toBe("far en 17-aring stod bron");
    expect(foldText("GP:n")).toBe("gp");
  });

  it("measures Damerau-Levenshtein with transpositions", () => {
    expect(damerauLevenshtein("iwork", "iwrok")).toBe(1);
    expect(damerauLevenshtein("alfa", "alfa")).toBe(0);
    expect(damerauLevenshtein("bron", "skolavbrott", 2)).toBe(3);
  });

  it("corrects typos, splits compounds and leaves unknown words alone", () => {
    const vocabulary = new Vocabulary(["uppfoljning", "mote", "iwork", "alfa"]);
    expect(vocabulary.normalise("iwrok")).toEqual(["iwork"]);
    expect(vocabulary.normalise("uppfoljningsmote")).toEqual(["uppfoljning", "mote"]);
    expect(vocabulary.normalise("busskort")).toEqual(["busskort"]);
  });

  it("splits hyphenated words and compounds whose first part alone is known", () => {
    const vocabulary = new Vocabulary(["uvas", "insatsen", "insteg", "alfa"]);
    expect(vocabulary.normalise("uvas-insatsen")).toEqual(["uvas", "insatsen"]);
    expect(vocabulary.normalise("instegsperioden")).toEqual(["insteg", "perioden"]);
    expect(vocabulary.normalise("alfahandlaggaren")).toEqual(["alfa", "handlaggaren"]);
    // Too short a head or tail is not a compound.
    expect(vocabulary.normalise("alfan")).toEqual(["alfa"]);
  });

  it.each([
    ["hur lång är instegsperioden", "lss-insteg"],
    ["Vem beslutar om UVAS-insatsen?", "uvas-kvinnor-sis"],
    ["Hur länge kan Iwork-insatsen beviljas?", "lss-sis"],
  ])("a process question names its insats in a compound: %s", (question, insats) => {
    expect(ask(question, { on }).insatser[0]).toBe(insats);
  });
});

describe("text of any length", () => {
  it("answers a 25,000-character word, and never splits, corrects or stems a token longer than a word", () => {
    const stem = vi.spyOn(text, "stem");
    const long = "b".repeat(25_000);
    const answer = ask(long, { on });
    expect(answer.topic.kind).toBe("unknown");
    expect(stem.mock.calls.every(([token]) => token.length <= maxTokenLength)).toBe(true);
    stem.mockRestore();
    expect(compoundParts("a".repeat(maxTokenLength + 1))).toEqual([]);
    expect(normaliseQuestion(`${"x".repeat(50)} alfa`)).toBe("alfa");
  });

  it("reads only a bounded prefix of a long message: a question after 28 KB of noise is not read", () => {
    const noise = Array.from({ length: 4000 }, (_, i) => `ord${i % 97}x`).join(" ");
    expect(ask(`${noise} Vem kan få Alfa?`, { on }).topic.kind).toBe("unknown");
    expect(idOf(ask(`Vem kan få Alfa? ${noise}`, { on }))).toBe("sis-socialpsykiatri");
  });

  it("keeps the stem cache bounded however many different words it sees", () => {
    for (let i = 0; i < 30_000; i += 1)
      text.stem(`ordet${i}x`.replace(/\d/g, (d) => "abcdefghij"[Number(d)]!));
    expect(text.stemCacheSize()).toBeLessThanOrEqual(20_000);
  });
});

describe("CLI ask", () => {
  it("prints exactly the issue's contract", async () => {
    const { code, stdout } = await cli([
      "ask",
      "Får en 17-åring som riskerar att hoppa av gymnasiet stöd?",
      "--json",
    ]);
    expect(code).toBe(0);
    const body = JSON.parse(stdout) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(["answer", "citations", "insatser", "question", "verdict"]);
    expect(body.insatser).toEqual(["forebygga-skolavbrott"]);
    expect(body.verdict).toEqual({
      insats: "forebygga-skolavbrott",
      verdict: "needs-facts",
      missingFacts: ["folkbokfordStockholm"],
    });
  });

  it("answers null and an empty list for a question about nothing it knows", async () => {
    const { code, stdout } = await cli(["ask", "Hur blir vädret?", "--json"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ insatser: [], verdict: null, citations: [] });
  });

  it("refuses a missing question and a bad date with usage errors", async () => {
    expect((await cli(["ask", "--json"])).code).toBe(2);
    expect((await cli(["ask", "vad är bron", "--on", "igår"])).code).toBe(2);
  });

  it("applies GP_DEADLINE_RULE from the environment", async () => {
    const { stdout } = await cli(["ask", "När ska genomförandeplanen komma?"], {
      GP_DEADLINE_RULE: "calendar",
    });
    expect(stdout).toContain("Insatsguiden räknar med 15 kalenderdagar");
    expect(stdout).toContain("Källor:");
  });
});
