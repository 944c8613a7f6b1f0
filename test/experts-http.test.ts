/**
 * The expert loop end to end through HTTP: an admin links the expert channel; "Fråga en expert"
 * on an answer card opens a form (personnummer refused inline, input kept); the question reaches
 * the channel without the asker's name; an expert answers in the card, the card shows it answered,
 * the asker gets the answer in the personal chat; "Spara i kunskapsbasen" makes it an
 * expert-written entry that answers later questions.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../src/clock.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, inputValue, type Card } from "./support/cards.js";
import { demoUsers, type DemoUser } from "./support/fixtures.js";

const expertChannel = "19:experter@thread.tacv2";
const inChannel = { scope: "channel" as const, channelId: expertChannel, conversationId: expertChannel };
const personal = (user: DemoUser) => `a:personal-${user.id}`;
const anna = demoUsers.handlaggare;
const expert = demoUsers.gruppledareAlfa;
const question = "Får en deltagare i Alfa ta med sin hund till arbetsplatsen?";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
  await t.install(anna);
});
afterAll(async () => {
  await t.close();
});

function action(card: Card, title: string) {
  const found = executeActions(card).find((a) => a.title === title);
  if (!found) throw new Error(`no ${title} on the card`);
  return found;
}

async function answerCard(text: string): Promise<Card> {
  t.connector.clear();
  await t.say(anna, text);
  await t.connector.waitFor(() => t.connector.cards(personal(anna)).length > 0);
  return t.connector.cards(personal(anna)).at(-1)!;
}

describe("the expert loop", () => {
  it("without an expert channel the form says so and keeps the question", async () => {
    const card = await answerCard(question);
    const form = cardOf(await t.act(anna, "expert.form", action(card, "Fråga en expert").data));
    const sent = cardOf(
      await t.act(anna, "expert.ask", { ...action(form, "Skicka till expert").data, question }),
    );
    expect(cardText(sent)).toContain("Ingen expertkanal är kopplad");
    expect(inputValue(sent, "question")).toBe(question);
  });

  it("only an admin links the expert channel, and only in a channel", async () => {
    t.connector.clear();
    await t.say(expert, "koppla expertkanal", inChannel);
    await t.say(demoUsers.admin, "koppla expertkanal");
    expect(t.connector.cards().map(cardText).join(" ")).not.toContain("Kanalen är expertkanal");
    await t.say(demoUsers.admin, "koppla expertkanal", inChannel);
    await t.connector.waitFor(() => t.connector.cards(expertChannel).length > 0);
    expect(cardText(t.connector.cards(expertChannel).at(-1))).toContain("Kanalen är expertkanal");
  });

  it("asks, answers, tells the asker and keeps the answer for later questions", async () => {
    // A known answer offers both; the honest unknown asks an expert directly.
    const known = await answerCard("Får en 17-åring som riskerar att hoppa av gymnasiet stöd?");
    expect(executeActions(known).map((a) => a.title)).toEqual(
      expect.arrayContaining(["Fråga en expert", "Svaret hjälpte inte"]),
    );
    const notHelpful = cardOf(await t.act(anna, "expert.form", action(known, "Svaret hjälpte inte").data));
    expect(cardText(notHelpful)).toContain("beskriv gärna vad svaret missade");
    const card = await answerCard(question);
    expect(cardText(card)).toContain("Det står inte i underlagen");
    expect(executeActions(card).map((a) => a.title)).not.toContain("Svaret hjälpte inte");
    const form = cardOf(await t.act(anna, "expert.form", action(card, "Fråga en expert").data));
    expect(cardText(form)).toContain("Skriv inga namn");
    expect(inputValue(form, "question")).toBe(question);

    // A personnummer, in any notation, is refused inline and the text is kept.
    const withNumber = `${question} Gäller 19850412-1234.`;
    const refused = cardOf(
      await t.act(anna, "expert.ask", { ...action(form, "Skicka till expert").data, question: withNumber }),
    );
    expect(cardText(refused)).toContain("personnummer");
    expect(inputValue(refused, "question")).toBe(withNumber);
    expect(await t.app.services.store.db.selectFrom("expert_questions").selectAll().execute()).toHaveLength(
      0,
    );

    t.connector.clear();
    const sent = cardOf(
      await t.act(anna, "expert.ask", { ...action(form, "Skicka till expert").data, question }),
    );
    expect(cardText(sent)).toContain("Frågan är skickad till experterna");
    await t.connector.waitFor(() => t.connector.cards(expertChannel).length > 0);
    const posted = t.connector.cards(expertChannel).at(-1)!;
    expect(cardText(posted)).toContain(question);
    expect(JSON.stringify(posted)).not.toContain("Anna");
    const [row] = await t.app.services.store.db.selectFrom("expert_questions").selectAll().execute();
    expect(row).toMatchObject({ asker_id: anna.id, reason: "unknown", state: "open" });

    // Only in the expert channel, with an answer; a personnummer in the answer is refused inline.
    const send = action(posted, "Skicka svar");
    expect((await t.act(expert, "expert.answer", { ...send.data, answer: "Nej." })).body.value).toBeDefined();
    expect(
      (await t.app.services.store.db.selectFrom("expert_questions").select("state").executeTakeFirst())
        ?.state,
    ).toBe("open");
    const empty = cardOf(
      await t.act(expert, "expert.answer", { ...send.data, answer: " ", citation: "" }, inChannel),
    );
    expect(cardText(empty)).toContain("Skriv ett svar.");
    // A client that sends no inputs at all (seen in the playground) gets a sentence, not zod's terms.
    const missing = cardText(cardOf(await t.act(expert, "expert.answer", { ...send.data }, inChannel)));
    expect(missing).toContain("Fyll i det här fältet.");
    expect(missing).not.toMatch(/string|undefined|förväntat/);
    const withNumber2 = cardOf(
      await t.act(
        expert,
        "expert.answer",
        { ...send.data, answer: "Gäller 850412-1234", citation: "" },
        inChannel,
      ),
    );
    expect(cardText(withNumber2)).toContain("personnummer");
    expect(inputValue(withNumber2, "answer")).toBe("Gäller 850412-1234");

    t.connector.clear();
    const answer = "Nej, inte utan arbetsgivarens medgivande; fråga arbetsplatsen först.";
    const answered = cardOf(
      await t.act(
        expert,
        "expert.answer",
        { ...send.data, answer, citation: "Alfas rutin för praktikplatser" },
        inChannel,
      ),
    );
    expect(cardText(answered)).toContain("Besvarad");
    expect(cardText(answered)).toContain(answer);
    expect(executeActions(answered).map((a) => a.title)).toEqual(["Spara i kunskapsbasen"]);
    await t.connector.waitFor(() => t.connector.cards(personal(anna)).length > 0);
    const told = cardText(t.connector.cards(personal(anna)).at(-1));
    expect(told).toContain("Svar från en expert");
    expect(told).toContain(answer);

    const saved = cardOf(
      await t.act(expert, "expert.save", action(answered, "Spara i kunskapsbasen").data, inChannel),
    );
    expect(cardText(saved)).toContain("sparat i kunskapsbasen");
    expect(executeActions(saved)).toEqual([]);

    const later = await answerCard("Får man ta med hund till arbetsplatsen i Alfa?");
    expect(cardText(later)).toContain("Svar från en expert");
    expect(cardText(later)).toContain("arbetsgivarens medgivande");
  });

  it("keeps a question the expert channel could not take and posts it once the channel answers again", async () => {
    const card = await answerCard(question);
    const form = cardOf(await t.act(anna, "expert.form", action(card, "Fråga en expert").data));
    t.connector.clear();
    t.connector.failNext({ status: 503 });
    const other = "Får en deltagare i Alfa ha sin cykel inne på arbetsplatsen?";
    const waiting = cardOf(
      await t.act(anna, "expert.ask", { ...action(form, "Skicka till expert").data, question: other }),
    );
    expect(cardText(waiting)).toContain("frågan är sparad och skickas dit så snart det går");
    expect(t.connector.delivered(expertChannel)).toHaveLength(0);
    // The outbox tries again after its backoff (src/outbox/dispatcher.ts): the question arrives, once.
    (t.clock as ManualClock).set(new Date(t.clock.now().getTime() + 2 * 60_000));
    await t.app.effects.tick();
    const posted = () => t.connector.delivered(expertChannel);
    expect(posted()).toHaveLength(1);
    expect(JSON.stringify(posted()[0])).toContain(other);
    const row = await t.app.services.store.db
      .selectFrom("expert_questions")
      .select("activity_id")
      .where("question", "=", other)
      .executeTakeFirstOrThrow();
    expect(row.activity_id).not.toBeNull();
    await t.app.effects.tick();
    expect(posted()).toHaveLength(1);
  });
});
