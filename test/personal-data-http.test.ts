/**
 * The personal-data guard through HTTP at every entry point that keeps or forwards free text:
 * "ny ansökan <ref>", the new-application card's case reference, "boka flerpartsmöte <ref>" and
 * the booking card's "Fler deltagare". Every notation is refused with a Swedish reason, never
 * echoed, never stored, never mailed; other inputs are kept.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import "../src/reminders/schema.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, inlineErrors, inputValue, type Card } from "./support/cards.js";
import { demoUsers, type DemoUser } from "./support/fixtures.js";
import { identityNotations, wrongCheckDigit } from "./support/identity-notations.js";

const notations = [...identityNotations, ...wrongCheckDigit];
const digitsOf = (text: string) => text.replace(/\D/g, "");

async function click(
  t: TestApp,
  user: DemoUser,
  card: Card,
  verb: string,
  fields: Record<string, unknown> = {},
) {
  const action = executeActions(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`the card offers no ${verb}`);
  return t.act(user, verb, { ...action.data, ...fields });
}

async function newForm(t: TestApp, user: DemoUser, args = ""): Promise<Card> {
  t.connector.clear();
  await t.say(user, `ny ansökan${args ? ` ${args}` : ""}`);
  await t.connector.waitFor(() => t.connector.cards().length > 0);
  return t.connector.cards()[0]!;
}

const application = {
  insats: "sis-socialpsykiatri",
  receivedOn: "2026-03-02",
  gender: "kvinna",
  age: "30",
};

/** Everything the store holds, as text: nothing of a refused number may be in it. */
async function storedText(t: TestApp): Promise<string> {
  const db = t.app.services.store.db;
  const [cases, audit, meetings] = await Promise.all([
    db.selectFrom("cases").select("case_ref").execute(),
    db.selectFrom("audit_log").selectAll().execute(),
    db.selectFrom("meetings").selectAll().execute(),
  ]);
  return JSON.stringify([cases, audit, meetings]);
}

describe("personnummer in free text through HTTP", () => {
  let t: TestApp;
  let outbox: string;
  const anna = demoUsers.handlaggare;

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2026-03-25T09:00:00+01:00")) });
    outbox = path.join(t.app.services.config.DATA_DIR, "outbox");
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(notations)("ny ansökan %j: an empty form with the reason", async (number) => {
    const form = await newForm(t, anna, number);
    expect(cardText(form)).toContain("innehåller ett personnummer eller samordningsnummer");
    expect(digitsOf(JSON.stringify(form))).not.toContain(digitsOf(number));
  });

  it.each(notations)(
    "case.create with case reference %j: refused inline, other inputs kept",
    async (number) => {
      const form = await newForm(t, anna);
      const refused = cardOf(
        await click(t, anna, form, "case.create", { ...application, caseRef: `FA ${number}` }),
      );
      expect(cardText(refused)).toContain("Insatsguiden tar aldrig emot personnummer");
      expect(inputValue(refused, "caseRef")).toBe("");
      expect(inputValue(refused, "age")).toBe("30");
      expect(digitsOf(JSON.stringify(refused))).not.toContain(digitsOf(number));
      expect(digitsOf(await storedText(t))).not.toContain(digitsOf(number));
    },
  );

  it("case.create refuses a client's name as a case reference", async () => {
    const form = await newForm(t, anna);
    const refused = cardOf(
      await click(t, anna, form, "case.create", { ...application, caseRef: "Zlatan Klientsson" }),
    );
    expect(inlineErrors(refused)).toEqual([expect.stringContaining("Ärendereferensen har fel format")]);
    expect(await storedText(t)).not.toContain("Klientsson");
  });

  it.each(notations)("boka flerpartsmöte %j: refused, never looked up or echoed", async (number) => {
    t.connector.clear();
    await t.say(anna, `boka flerpartsmöte ${number}`);
    await t.connector.waitFor(() => t.connector.activities().length > 0);
    const [answer] = t.connector.activities();
    expect(answer?.text).toContain("personnummer");
    expect(digitsOf(JSON.stringify(answer))).not.toContain(digitsOf(number));
  });

  it("boka flerpartsmöte answers another unit's case exactly as a missing one (no existence oracle)", async () => {
    const form = await newForm(t, anna);
    await click(t, anna, form, "case.create", { ...application, caseRef: "FA-2026-0900" });
    const answerTo = async (ref: string) => {
      t.connector.clear();
      await t.say(demoUsers.handlaggareLss, `boka flerpartsmöte ${ref}`);
      await t.connector.waitFor(() => t.connector.activities().length > 0);
      return t.connector.activities()[0]?.text;
    };
    const elsewhere = await answerTo("FA-2026-0900");
    expect(elsewhere).toBe("Ärendet finns inte i Insatsguiden.");
    expect(await answerTo("FA-2099-9999")).toBe(elsewhere);
  });

  describe("the booking card's Fler deltagare", () => {
    let book: Card;
    beforeAll(async () => {
      const form = await newForm(t, anna);
      let card = cardOf(
        await click(t, anna, form, "case.create", { ...application, caseRef: "FA-2026-0901" }),
      );
      card = cardOf(await click(t, anna, card, "case.informationMeeting", { heldOn: "2026-03-05" }));
      card = cardOf(await click(t, anna, card, "case.targetGroup", { belongs: "true" }));
      card = cardOf(
        await click(t, anna, card, "case.dur", {
          areas: "arbete",
          needsPurposeGoals: "true",
          completedOn: "2026-03-12",
        }),
      );
      book = cardOf(await click(t, anna, card, "meeting.start"));
      expect(cardText(book)).toContain("Boka flerpartsmöte – FA-2026-0901");
    });

    const fields = {
      durationMinutes: "60",
      jobbtorgUnit: "alfa",
      clientAttends: "nej",
      proposedOn: "2026-03-27",
      proposedTime: "09:00",
    };
    const emls = () =>
      fs.existsSync(outbox) ? fs.readdirSync(outbox).filter((f) => f.endsWith(".eml")) : [];

    it.each([
      ...notations,
      ...notations.map((n) => `${n.replace(/\s/g, "")}@stockholm.se`),
      "19640823-3234@x.se",
    ])("%j: refused inline, not echoed, nothing booked or mailed", async (extra) => {
      const answer = cardOf(
        await click(t, anna, book, "meeting.book", {
          ...fields,
          extraAttendees: `kollega@stockholm.se, ${extra}`,
        }),
      );
      expect(inlineErrors(answer)).toEqual([expect.stringContaining("ser ut som ett personnummer")]);
      expect(inputValue(answer, "proposedOn")).toBe("2026-03-27");
      expect(inputValue(answer, "proposedTime")).toBe("09:00");
      expect(digitsOf(JSON.stringify(answer))).not.toContain(digitsOf(extra));
      expect(emls()).toEqual([]);
      expect(await t.app.services.store.db.selectFrom("meetings").selectAll().execute()).toEqual([]);
    });

    it("refuses an address outside the allowed domains and the directory, with every input kept", async () => {
      const answer = cardOf(
        await click(t, anna, book, "meeting.book", { ...fields, extraAttendees: "extern@gmail.com" }),
      );
      expect(inlineErrors(answer)).toEqual([
        "extern@gmail.com kan inte bjudas in: kallelser går bara till adresser i katalogen eller på stockholm.se.",
      ]);
      expect(inputValue(answer, "extraAttendees")).toBe("extern@gmail.com");
      expect(inputValue(answer, "proposedOn")).toBe("2026-03-27");
      expect(emls()).toEqual([]);
    });

    it("books with an allowed address and a directory address", async () => {
      const answer = cardOf(
        await click(t, anna, book, "meeting.book", {
          ...fields,
          extraAttendees: "Kollega@Stockholm.se, sara.arbetsspecialist@example.org",
        }),
      );
      expect(cardText(answer)).toContain("Flerpartsmötet är bokat.");
      expect(emls()).toHaveLength(1);
    });
  });
});
