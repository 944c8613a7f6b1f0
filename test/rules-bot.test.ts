/**
 * The rule module in Teams, end to end through HTTP: a free-text question gets an answer card;
 * Kolla behörighet opens a form with exactly the facts the insats reads, prefilled; a submission
 * gives a verdict, needs-facts asks only what is missing, invalid input comes back inline with the
 * values kept; channels never see a person's facts.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, type Card } from "./support/cards.js";
import { demoUsers } from "./support/fixtures.js";

/** Input ids and values on a card. */
function inputs(card: unknown): Record<string, unknown> {
  const found: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === "object") {
      const record = node as Record<string, unknown>;
      if (
        typeof record.type === "string" &&
        record.type.startsWith("Input.") &&
        typeof record.id === "string"
      )
        found[record.id] = record.value;
      Object.values(record).forEach(walk);
    }
  };
  walk(card);
  return found;
}

const anna = demoUsers.handlaggare;
let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t.close();
});
beforeEach(() => t.connector.clear());

async function question(text: string, scope: "personal" | "channel" = "personal"): Promise<Card> {
  await t.say(anna, text, { scope });
  await t.connector.waitFor(() => t.connector.cards().length > 0);
  return t.connector.cards()[0]!;
}

async function click(card: Card, title: string, fields: Record<string, unknown> = {}, scope?: "channel") {
  const action = executeActions(card).find((a) => a.title === title);
  if (!action) throw new Error(`no ${title} on the card`);
  return t.act(anna, action.verb, { ...action.data, ...fields }, scope ? { scope } : {});
}

describe("a question in the personal chat", () => {
  it("answers directly first, what it read, the deciding criterion, citations and the buttons", async () => {
    const card = await question("Får en 17-åring som riskerar att hoppa av gymnasiet stöd?");
    const text = cardText(card);
    expect(text).toContain("Förebygga skolavbrott");
    expect(text).toMatch(/Det beror på .*folkbokförd i Stockholms stad/);
    expect(text).toContain("Jag läste: 17 år");
    expect(text).toMatch(/\?\s*Folkbokförd i Stockholms stad/);
    expect(text).toMatch(/Visa mer[\s\S]*✓ Är under 20 år/);
    expect(text).toContain("Saknas: Folkbokförd i Stockholms stad");
    expect(text).toContain(
      "(Arbetsmarknadsförvaltningen, tjänsteutlåtande till arbetsmarknadsnämnden, 18 februari 2025), avsnitt 2 Förebygga skolavbrott",
    );
    expect(text).not.toMatch(/\.txt/);
    expect(executeActions(card).map((a) => [a.title, a.verb])).toEqual([
      ["Kolla behörighet", "rules.form"],
      ["Visa källa", "rules.source"],
      ["Fråga en expert", "expert.form"],
      ["Svaret hjälpte inte", "expert.form"],
    ]);
  });

  it("shows at most three deciding criteria on the card and the rest under Visa mer", async () => {
    const card = await question("min klient fyller 65 nästa månad, kan han få Alfa?");
    const text = cardText(card);
    expect(text).toContain("Jag läste: 64 år (fyller 65), man");
    expect(text).toContain("Det som avgör (3 av");
    const beforeMore = text.split("Visa mer")[0]!;
    expect(beforeMore.match(/\?\s/g)?.length ?? 0).toBeLessThanOrEqual(3);
    expect(beforeMore).not.toContain("Saknas");
    expect(text).toMatch(/Visa mer[\s\S]*\? Samtycker till att insatsen samordnas/);
  });

  it("Kolla behörighet → a form with exactly the insats's facts, prefilled → the verdict", async () => {
    const answer = await question("Får en 17-åring som riskerar att hoppa av gymnasiet stöd?");
    const form = cardOf(await click(answer, "Kolla behörighet"));
    expect(inputs(form)).toEqual({
      age: "17",
      folkbokfordStockholm: "",
      studiesGymnasium: "ja",
      atRiskOfDropout: "ja",
    });
    const verdict = cardOf(
      await click(form, "Kolla behörighet", { ...inputs(form), folkbokfordStockholm: "ja" }),
    );
    expect(cardText(verdict)).toContain("Uppfyller kriterierna för Förebygga skolavbrott");
    expect(cardText(verdict)).not.toContain("Saknas");
  });

  it("an age range is shown as given, says it depends on the exact age, and the form asks the exact age", async () => {
    const answer = await question(
      "Kan en man mellan 25 och 40 år som varken arbetar eller studerar få UVAS?",
    );
    const text = cardText(answer);
    expect(text).toContain("Uppgift ur frågan – ålder: mellan 25 och 40 år");
    expect(text).toMatch(/\?\s*Ung 19–29 år/);
    expect(text).toContain(
      "Ålder (år) – svaret beror på den exakta åldern (frågan anger mellan 25 och 40 år)",
    );
    const form = cardOf(await click(answer, "Kolla behörighet"));
    expect(inputs(form)).toMatchObject({ age: "", gender: "man", working: "nej", studying: "nej" });
    const verdict = cardOf(
      await click(form, "Kolla behörighet", {
        ...inputs(form),
        age: "27",
        reachedViaOutreach: "ja",
        receivesForsorjningsstod: "nej",
        bosattStockholm: "ja",
      }),
    );
    expect(cardText(verdict)).toContain("Uppfyller kriterierna för Uppsökande (UVAS/kvinnor)");
  });

  it("not eligible names the unmet criterion", async () => {
    const form = cardOf(await t.act(anna, "rules.form", { insats: "bron", facts: {} }));
    const verdict = cardOf(
      await click(form, "Kolla behörighet", {
        folkbokfordStockholm: "nej",
        anpassadGymnasieskolaFinalYear: "ja",
      }),
    );
    expect(cardText(verdict)).toContain("Uppfyller inte kriterierna för Bron");
    expect(cardText(verdict)).toMatch(/✗\s*Folkbokförd i Stockholms stad/);
  });

  it("needs-facts asks only for what is missing, and keeps what is known", async () => {
    const form = cardOf(await t.act(anna, "rules.form", { insats: "forebygga-skolavbrott", facts: {} }));
    const partial = cardOf(await click(form, "Kolla behörighet", { age: "18", folkbokfordStockholm: "ja" }));
    expect(cardText(partial)).toContain("Det behövs fler uppgifter");
    expect(Object.keys(inputs(partial)).sort()).toEqual(["atRiskOfDropout", "studiesGymnasium"]);
    const done = cardOf(
      await click(partial, "Kolla behörighet", { studiesGymnasium: "ja", atRiskOfDropout: "ja" }),
    );
    expect(cardText(done)).toContain("Uppfyller kriterierna för Förebygga skolavbrott");
  });

  it("invalid input comes back on the same form with inline Swedish errors and the values kept", async () => {
    const form = cardOf(await t.act(anna, "rules.form", { insats: "etableringsstod-nyanlanda", facts: {} }));
    // Teams submits every input of the card, the untouched ones empty.
    const result = await click(form, "Kolla behörighet", {
      ...inputs(form),
      residencePermitRefugeeOrProtectionMonths: "tre",
      livesInShis: "kanske",
      massflyktsdirektivet: "nej",
    });
    const again = cardOf(result);
    const text = cardText(again);
    expect(text).toContain("Ange hur många månader gammalt tillståndet är");
    expect(text).toContain("Välj Ja, Nej eller Vet inte.");
    expect(inputs(again)).toMatchObject({
      residencePermitRefugeeOrProtectionMonths: "tre",
      livesInShis: "kanske",
      massflyktsdirektivet: "nej",
    });
    expect(Object.keys(inputs(again)).sort()).toEqual(Object.keys(inputs(form)).sort());
  });

  it("Visa källa shows document, section, a summary and the law paragraph in force, never a file name", async () => {
    const answer = await question("vem kan få bron");
    const source = cardOf(await click(answer, "Visa källa"));
    const text = cardText(source);
    expect(text).toContain(
      "Källa: Tillhandahållande av insatser utan individuell behovsprövning i samband med ikraftträdande av ny socialtjänstlag (Arbetsmarknadsförvaltningen, tjänsteutlåtande till arbetsmarknadsnämnden, 18 februari 2025), avsnitt 3 Bron - stöd till unga som går sista året i anpassad gymnasieskola",
    );
    expect(text).toContain("studerar sista året på anpassad gymnasieskola");
    expect(text).toContain("11 kap. 5 § socialtjänstlagen (2025:400)");
    expect(text).not.toMatch(/\.txt|00[0-4]_/);
  });

  it("answers process questions and says honestly what it does not know", async () => {
    expect(cardText(await question("När ska genomförandeplanen ha kommit in?"))).toContain("15 arbetsdagar");
    t.connector.clear();
    const unknown = await question("Hur blir vädret i helgen?");
    expect(cardText(unknown)).toContain("Det står inte i underlagen");
    expect(executeActions(unknown).map((a) => a.verb)).not.toContain("rules.form");
  });

  it("refuses a question with a personnummer and never echoes it", async () => {
    await t.say(anna, "Kan 19121212-1212 få Alfa?");
    await t.connector.waitFor(() => t.connector.activities().length > 0);
    const reply = JSON.stringify(t.connector.activities());
    expect(reply).toContain("personnummer");
    expect(reply).not.toContain("19121212");
    expect(t.connector.cards()).toEqual([]);
  });
});

describe("in a channel", () => {
  const personalQuestion =
    "Kan en 24-årig kvinna med försörjningsstöd som har kontakt med specialistpsykiatrin få Alfa?";

  it("answers with the criteria in general and repeats no personal facts", async () => {
    const card = await question(personalQuestion, "channel");
    const json = JSON.stringify(card);
    expect(cardText(card)).toContain("pågående kontakt med specialistpsykiatrin");
    expect(json).not.toMatch(/24-årig|\b24 år|kvinna|"receivesForsorjningsstod"|Uppfyller/);
    expect(executeActions(card).find((a) => a.verb === "rules.form")?.data).toEqual({
      insats: "sis-socialpsykiatri",
      facts: {},
    });
  });

  it("keeps the eligibility form out of the channel", async () => {
    const card = await question(personalQuestion, "channel");
    const result = await click(card, "Kolla behörighet", {}, "channel");
    expect(result.status).toBe(200);
    expect(String(result.body.value)).toContain("personliga chatt");
    const check = await t.act(
      anna,
      "rules.check",
      { insats: "bron", folkbokfordStockholm: "ja" },
      { scope: "channel" },
    );
    expect(String(check.body.value)).toContain("personliga chatt");
  });
});
