/**
 * Question answering (src/rules/ask.ts): top-1 accuracy on the labelled set, and the behaviours
 * that matter beyond it — fact extraction, needs-facts, "det vet jag inte", channel secrecy, the
 * GP rule in force, typos and compounds, the CLI contract.
 */
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { ask, type AskAnswer } from "../src/rules/ask.js";
import { extractFacts, readAge } from "../src/rules/ask-facts.js";
import { foldText, Vocabulary, damerauLevenshtein } from "../src/rules/text.js";
import { normaliseQuestion } from "../src/rules/ask.js";
import { cli } from "./support/cli.js";

interface Labelled {
  question: string;
  /** An insats id, `process:<topic>` or `unknown`. */
  topic: string;
  answerContains: string[];
  facts?: Record<string, unknown>;
  verdict?: string;
}

const labelled = JSON.parse(fs.readFileSync("test/fixtures/questions.json", "utf8")) as Labelled[];
const on = "2026-03-02";

const topicOf = (answer: AskAnswer): string =>
  answer.topic.kind === "insats"
    ? answer.topic.id
    : answer.topic.kind === "process"
      ? `process:${answer.topic.id}`
      : "unknown";

describe("the labelled question set", () => {
  it("has at least 80 varied questions over every insats, every process topic and unknowns", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(80);
    const topics = new Set(labelled.map((entry) => entry.topic));
    for (const topic of [
      "sis-socialpsykiatri",
      "lss-insteg",
      "lss-sis",
      "sysselsattning",
      "uvas-kvinnor-sis",
      "arbetsmarknadsradgivning",
      "forebygga-skolavbrott",
      "bron",
      "etableringsstod-nyanlanda",
      "ips-psykosvarden",
      "process:gp-tidsfrist",
      "process:uppfoljning",
      "process:timintervall",
      "process:beslutsfattare",
      "process:avslag-fore-bifall",
      "process:overklagande",
      "process:andringsforbehall",
      "process:flerpartsmote",
      "process:inga-krav",
      "process:informationsmote",
      "process:sip",
      "process:avslut",
      "unknown",
    ]) {
      expect(topics, topic).toContain(topic);
    }
  });

  it("answers at least 95 % top-1 correctly", () => {
    const wrong = labelled
      .map((entry) => ({ entry, got: topicOf(ask(entry.question, { on })) }))
      .filter(({ entry, got }) => entry.topic !== got);
    const accuracy = 1 - wrong.length / labelled.length;
    expect(
      accuracy,
      wrong.map(({ entry, got }) => `${entry.question}: ${got} ≠ ${entry.topic}`).join("\n"),
    ).toBeGreaterThanOrEqual(0.95);
  });

  it.each(labelled.map((entry) => [entry.question, entry] as const))(
    "%s — answer, facts and verdict",
    (_question, entry) => {
      const answer = ask(entry.question, { on });
      for (const word of entry.answerContains) {
        expect(answer.answer.toLocaleLowerCase("sv-SE")).toContain(word.toLocaleLowerCase("sv-SE"));
      }
      expect(answer.facts).toMatchObject(entry.facts ?? {});
      if (entry.verdict) expect(answer.verdict?.verdict).toBe(entry.verdict);
      if (entry.topic !== "unknown") expect(answer.citations.length).toBeGreaterThan(0);
    },
  );
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
    expect(facts("tillfälligt skydd från Ukraina").massflyktsdirektivet).toBe(true);
    expect(facts("inskriven på en psykosmottagning").enrolledParticipatingPsychosisClinic).toBe(true);
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
  it("gives a verdict when the facts settle it, with the unmet criterion and its source", () => {
    const answer = ask("Kan man ha försörjningsstöd och få stöd via Alfa?", { on });
    expect(answer.verdict).toEqual({
      insats: "sis-socialpsykiatri",
      verdict: "not-eligible",
      missingFacts: [],
    });
    expect(answer.answer).toMatch(/Nej/);
    expect(answer.citations.map((c) => c.source)).toContain("socialnamnden2023");
  });

  it("says eligible when every criterion is met", () => {
    const answer = ask("Går sista året på gymnasiesärskolan och är folkbokförd i Stockholms stad – Bron?", {
      on,
    });
    expect(answer.verdict?.verdict).toBe("eligible");
    expect(answer.answer).toMatch(/^Ja/m);
  });

  it("lists the criteria and only what is missing when the facts do not settle it", () => {
    const answer = ask("Får en 17-åring som riskerar att hoppa av gymnasiet stöd?", { on });
    expect(answer.insatser[0]).toBe("forebygga-skolavbrott");
    expect(answer.verdict).toEqual({
      insats: "forebygga-skolavbrott",
      verdict: "needs-facts",
      missingFacts: ["folkbokfordStockholm"],
    });
    expect(answer.answer).toContain("✓ Är under 20 år");
    expect(answer.answer).toContain("? Folkbokförd i Stockholms stad");
    expect(answer.answer).toContain("Saknas för ett besked: Folkbokförd i Stockholms stad");
  });

  it("says what the sources do not (Iwork's exact criteria) instead of inventing", () => {
    expect(ask("vilka kriterier har iwork", { on }).answer).toContain(
      "Källorna anger inte Iworks exakta kriterier",
    );
  });

  it("answers honestly when it does not know, and says what it can answer", () => {
    const answer = ask("Vad kostar ett busskort i Stockholm?", { on });
    expect(answer.topic.kind).toBe("unknown");
    expect(answer.insatser).toEqual([]);
    expect(answer.verdict).toBeNull();
    expect(answer.answer).toMatch(/^Det vet jag inte/);
    expect(answer.answer).toContain("Bron");
    expect(answer.answer).toContain("alfa@stockholm.se");
  });

  it("states the GP rule in force and names the other reading", () => {
    const working = ask("Hur lång tid har Jobbtorg på sig att skicka genomförandeplanen?", {
      on,
      gpRule: "working",
    });
    expect(working.answer).toContain("den inställda regeln: 15 arbetsdagar");
    const calendar = ask("Hur lång tid har Jobbtorg på sig att skicka genomförandeplanen?", {
      on,
      gpRule: "calendar",
    });
    expect(calendar.answer).toContain("den inställda regeln: 15 kalenderdagar");
    expect(calendar.citations.map((c) => c.section)).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Bilaga 1/), expect.stringMatching(/^Bilaga 2/)]),
    );
  });

  it("maps synonyms onto one insats (Alfa ↔ IPS, gymnasiesärskola ↔ anpassad gymnasieskola, nyanländ ↔ Welcome House)", () => {
    expect(ask("Vem får IPS via Jobbtorg?", { on }).insatser[0]).toBe("sis-socialpsykiatri");
    expect(ask("gymnasiesärskolans sista år", { on }).insatser[0]).toBe("bron");
    expect(ask("stöd till nyanlända", { on }).insatser[0]).toBe("etableringsstod-nyanlanda");
    expect(ask("unga 19–29 som varken arbetar eller studerar", { on }).insatser[0]).toBe("uvas-kvinnor-sis");
    expect(ask("stöd för LSS personkrets 1–2", { on }).insatser[0]).toBe("lss-sis");
  });

  it("finds the insats from the facts alone when none is named", () => {
    expect(
      ask("Har en 22-årig man som inte jobbar eller studerar rätt till något?", { on }).insatser[0],
    ).toBe("uvas-kvinnor-sis");
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
    expect(stdout).toContain("den inställda regeln: 15 kalenderdagar");
    expect(stdout).toContain("Källor:");
  });
});
