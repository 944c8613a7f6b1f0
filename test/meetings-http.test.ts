/**
 * Booking a flerpartsmöte end to end through HTTP with the local outbox: from the case's step
 * card to the booking card, inline errors with the input kept, the booked meeting on the case
 * and its reminder, the .eml/.ics in DATA_DIR/outbox, a move across the DST change, a cancel,
 * double clicks, authorization and the command.
 */
import fs from "node:fs";
import path from "node:path";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { GraphBooker, msalTokenProvider } from "../src/meetings/graph-booker.js";
import { addWorkingDays } from "../src/deadlines/index.js";
import "../src/reminders/schema.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, inlineErrors, inputValue, walk, type Card } from "./support/cards.js";
import { demoUsers, type DemoUser } from "./support/fixtures.js";
import { GraphStandIn, TokenStandIn } from "./support/graph-standin.js";

async function click(
  t: TestApp,
  user: DemoUser,
  card: Card,
  verb: string,
  fields: Record<string, unknown> = {},
  replyToId?: string,
) {
  const action = executeActions(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`the card offers no ${verb}: ${executeActions(card).map((a) => a.verb)}`);
  return t.act(user, verb, { ...action.data, ...fields }, replyToId ? { replyToId } : {});
}

const emls = (dir: string) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".eml"))
        .sort()
    : [];

/** A case walked to the flerpartsmöte step through its cards; returns that card. */
async function caseAtMeetingStep(t: TestApp, user: DemoUser, caseRef: string): Promise<Card> {
  t.connector.clear();
  await t.say(user, "ny ansökan");
  await t.connector.waitFor(() => t.connector.cards().length > 0);
  const form = t.connector.cards()[0]!;
  let card = cardOf(
    await click(t, user, form, "case.create", {
      caseRef,
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-03-02",
      gender: "kvinna",
      age: "30",
    }),
  );
  card = cardOf(await click(t, user, card, "case.informationMeeting", { heldOn: "2026-03-05" }));
  card = cardOf(await click(t, user, card, "case.targetGroup", { belongs: "true" }));
  card = cardOf(
    await click(t, user, card, "case.dur", {
      areas: "arbete",
      needsPurposeGoals: "true",
      completedOn: "2026-03-12",
    }),
  );
  expect(cardText(card)).toContain("Flerpartsmöte");
  return card;
}

describe("flerpartsmöte through HTTP with the local outbox", () => {
  let t: TestApp;
  let outbox: string;
  const anna = demoUsers.handlaggare;

  beforeAll(async () => {
    t = await startTestApp({
      clock: new ManualClock(new Date("2026-03-25T09:00:00+01:00")),
      env: { SCHEDULER_INTERVAL_MS: "0", MEETING_ALLOWED_DOMAINS: "stockholm.se,example.org" },
    });
    outbox = path.join(t.app.services.config.DATA_DIR, "outbox");
  });
  afterAll(async () => {
    await t.close();
  });

  it("books, moves across the DST change and cancels a meeting from the case", async () => {
    const stepCard = await caseAtMeetingStep(t, anna, "FA-2026-0501");
    const caseId = executeActions(stepCard).find((a) => a.verb === "meeting.start")!.data.caseId as string;

    // The booking card with its defaults; the outbox has no free/busy, so no slot search.
    const book = cardOf(await click(t, anna, stepCard, "meeting.start"));
    expect(cardText(book)).toContain("Boka flerpartsmöte – FA-2026-0501");
    expect(inputValue(book, "durationMinutes")).toBe("60");
    expect(inputValue(book, "windowFrom")).toBe("2026-03-25");
    expect(inputValue(book, "windowTo")).toBe(addWorkingDays("2026-03-25", 10));
    expect(inputValue(book, "jobbtorgUnit")).toBe("alfa");
    expect(cardText(book)).toContain("alfa@stockholm.se");
    expect(executeActions(book).map((a) => a.verb)).not.toContain("meeting.slots");

    const fields = {
      durationMinutes: "60",
      jobbtorgUnit: "alfa",
      specialistId: demoUsers.specialistAlfa.id,
      extraAttendees: "extern@example.org, inte-en-adress",
      clientAttends: "ja",
      proposedOn: "2026-03-27",
      proposedTime: "09:00",
    };
    // A bad address: inline Swedish error, everything typed kept.
    let answer = cardOf(await click(t, anna, book, "meeting.book", fields));
    expect(inlineErrors(answer)).toEqual(["inte-en-adress är ingen giltig e-postadress."]);
    expect(inputValue(answer, "extraAttendees")).toBe("extern@example.org, inte-en-adress");
    expect(inputValue(answer, "proposedOn")).toBe("2026-03-27");
    // A Saturday: the domain refuses, next to the date, input kept.
    answer = cardOf(
      await click(t, anna, answer, "meeting.book", {
        ...fields,
        extraAttendees: "extern@example.org",
        proposedOn: "2026-03-28",
      }),
    );
    expect(inlineErrors(answer)).toEqual([
      "Välj en tid inom arbetstid (08:00–17:00) på en arbetsdag – helger och helgdagar går inte.",
    ]);
    expect(inputValue(answer, "proposedOn")).toBe("2026-03-28");
    // No time at all.
    answer = cardOf(
      await click(t, anna, answer, "meeting.book", {
        ...fields,
        extraAttendees: "extern@example.org",
        proposedOn: "",
        proposedTime: "",
      }),
    );
    expect(inlineErrors(answer)).toEqual(["Välj en av de föreslagna tiderna eller ange datum och tid."]);
    expect(emls(outbox)).toEqual([]);

    // Booked: confirmation with where the invitation went.
    const good = { ...fields, extraAttendees: "Extern@Example.org" };
    const booked = cardOf(await click(t, anna, answer, "meeting.book", good));
    const text = cardText(booked);
    expect(text).toContain("Flerpartsmöte bokat – FA-2026-0501");
    expect(text).toContain("fredag 2026-03-27 09:00–10:00 (60 min)");
    expect(text).toContain("Handläggare, Jobbtorgs funktionsbrevlåda, Arbetsspecialist, Övrig deltagare");
    expect(text).toContain("Kallelsen gick till den lokala utkorgen");
    // The card names the local outbox, never the file it wrote (users see no file names).
    expect(text).toContain("den lokala utkorgen (mappen outbox i datakatalogen)");
    expect(text).not.toContain(".eml");
    expect(emls(outbox)).toHaveLength(1);
    // A double click books nothing new.
    expect(cardText(cardOf(await click(t, anna, answer, "meeting.book", good)))).toContain(
      "Flerpartsmöte bokat",
    );
    expect(emls(outbox)).toHaveLength(1);

    const mail = await simpleParser(fs.readFileSync(path.join(outbox, emls(outbox)[0]!)));
    expect(mail.subject).toBe("Flerpartsmöte, ärende FA-2026-0501");
    expect(mail.text).not.toContain("Anna");
    expect(mail.text).not.toContain("Sara");
    const to = (Array.isArray(mail.to) ? mail.to : [mail.to]).flatMap((a) => a!.value.map((v) => v.address));
    expect(to).toEqual([
      "anna.handlaggare@example.org",
      "alfa@stockholm.se",
      "sara.arbetsspecialist@example.org",
      "extern@example.org",
    ]);

    // The case moved on and shows the meeting; the caseworker is reminded the working day before.
    expect(await t.app.services.cases.get(caseId)).toMatchObject({
      step: "kriterier",
      meeting: { on: "2026-03-27" },
    });
    const meetingId = executeActions(booked).find((a) => a.verb === "meeting.cancel")!.data
      .meetingId as string;
    const deadline = await t.app.services.store.db
      .selectFrom("deadlines")
      .select(["kind", "due_on", "state"])
      .where("id", "=", `meeting:${meetingId}`)
      .executeTakeFirst();
    expect(deadline).toEqual({ kind: "meeting", due_on: "2026-03-27", state: "open" });
    // The case's own card offers moving or cancelling the booked meeting.
    const caseCard = (await t.act(anna, "case.open", { caseId })).body.value;
    expect(executeActions(caseCard).map((a) => a.verb)).toContain("meeting.start");
    t.connector.clear();
    await t.say(anna, "mina ärenden");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    expect(cardText(t.connector.cards()[0])).toContain("FA-2026-0501");

    // The case's button and the command both show the booked meeting, not a second booking.
    expect(cardText(cardOf(await click(t, anna, stepCard, "meeting.start")))).toContain(
      "Flerpartsmöte bokat – FA-2026-0501",
    );

    // Someone outside the case may not move or cancel it.
    const stranger = await click(t, demoUsers.specialistAlfa, booked, "meeting.cancel");
    expect(stranger.status).toBe(403);
    expect(JSON.stringify(stranger.body)).not.toContain("FA-2026-0501");

    // Move to the Monday after the DST change: a new REQUEST with SEQUENCE 1.
    const badMove = cardOf(
      await click(t, anna, booked, "meeting.reschedule", { newOn: "2026-03-30", newTime: "" }),
    );
    expect(inlineErrors(badMove)).toEqual(["Ange ett klockslag (TT:MM)."]);
    expect(inputValue(badMove, "newOn")).toBe("2026-03-30");
    const moved = cardOf(
      await click(t, anna, booked, "meeting.reschedule", { newOn: "2026-03-30", newTime: "09:00" }),
    );
    expect(cardText(moved)).toContain("Mötet är flyttat");
    expect(cardText(moved)).toContain("måndag 2026-03-30 09:00–10:00");
    const movedIcs = fs.readFileSync(path.join(outbox, emls(outbox)[1]!.replace(/\.eml$/, ".ics")), "utf8");
    expect(movedIcs).toContain("METHOD:REQUEST");
    expect(movedIcs).toContain("SEQUENCE:1");
    expect(movedIcs).toContain("DTSTART;TZID=Europe/Stockholm:20260330T090000");
    expect((await t.app.services.cases.get(caseId))?.meeting?.on).toBe("2026-03-30");
    // The old card's second click changes nothing.
    const stale = cardOf(
      await click(t, anna, booked, "meeting.reschedule", { newOn: "2026-03-31", newTime: "10:00" }),
    );
    expect(cardText(stale)).toContain("Mötet hade redan ändrats");
    expect(emls(outbox)).toHaveLength(2);

    // Cancel: METHOD:CANCEL, the case back at booking, the reminder gone.
    const cancelled = cardOf(await click(t, anna, moved, "meeting.cancel"));
    expect(cardText(cancelled)).toContain("Flerpartsmöte inställt – FA-2026-0501");
    expect(executeActions(cancelled).map((a) => a.verb)).toEqual(["case.open"]);
    const cancelIcs = fs.readFileSync(path.join(outbox, emls(outbox)[2]!.replace(/\.eml$/, ".ics")), "utf8");
    expect(cancelIcs).toContain("METHOD:CANCEL");
    expect(cancelIcs).toContain("SEQUENCE:2");
    expect(await t.app.services.cases.get(caseId)).toMatchObject({ step: "flerpartsmote" });
    const after = await t.app.services.store.db
      .selectFrom("deadlines")
      .select("state")
      .where("id", "=", `meeting:${meetingId}`)
      .executeTakeFirst();
    expect(after?.state).toBe("cancelled");

    // The command offers a new booking for the case.
    t.connector.clear();
    await t.say(anna, "boka flerpartsmöte FA-2026-0501");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    expect(cardText(t.connector.cards()[0])).toContain("Boka flerpartsmöte – FA-2026-0501");
  });

  it("the command explains what it needs and never takes a personnummer", async () => {
    const ask = async (text: string) => {
      t.connector.clear();
      await t.say(anna, text);
      await t.connector.waitFor(() => t.connector.activities().length > 0);
      return JSON.stringify(t.connector.activities());
    };
    expect(await ask("boka flerpartsmöte")).toContain("Skriv ärendereferensen efter kommandot");
    const refused = await ask("boka flerpartsmöte 19811218-9876");
    expect(refused).not.toContain("19811218-9876");
    expect(refused).toContain("personnummer");
    expect(await ask("boka flerpartsmote XX-0000-0000")).toContain("finns inte");
    // Another caseworker's case: no access.
    await caseAtMeetingStep(t, anna, "FA-2026-0502");
    t.connector.clear();
    await t.say(demoUsers.handlaggareLss, "boka flerpartsmöte FA-2026-0502");
    await t.connector.waitFor(() => t.connector.activities().length > 0);
    expect(JSON.stringify(t.connector.activities())).not.toContain("Boka flerpartsmöte – FA-2026-0502");
  });
});

describe("flerpartsmöte through HTTP with the Graph adapter (stand-in)", () => {
  let t: TestApp;
  const standIn = new GraphStandIn("graph-token");
  const app = { tenantId: "stockholm-tenant", clientId: "insatsguiden-app", clientSecret: "hemlig" };
  let entra: TokenStandIn;
  const anna = demoUsers.handlaggare;

  beforeAll(async () => {
    const baseUrl = await standIn.start();
    entra = await TokenStandIn.start({ ...app, token: "graph-token" });
    t = await startTestApp({
      clock: new ManualClock(new Date("2026-03-27T07:00:00+01:00")),
      env: { SCHEDULER_INTERVAL_MS: "0", MEETING_ANSWER_WITHIN_MS: "1000" },
    });
    // What meetingBookerFor builds from GRAPH_*, with msal's transport trusting the stand-in's
    // certificate (Node's fetch cannot be given a CA at run time).
    const tokens = msalTokenProvider({
      ...app,
      authorityHost: entra.authorityHost,
      networkClient: entra.networkClient(),
    });
    t.app.services.meetings.useBooker(new GraphBooker({ tokens, baseUrl, sleep: async () => {} }));
  });
  afterAll(async () => {
    await t.close();
    await standIn.close();
    await entra.close();
  });

  it("searches common free slots, books the chosen one as a Teams meeting and shows the link", async () => {
    // Friday 27 March: the mailbox is busy all morning, the caseworker after lunch.
    standIn.busy.set("alfa@stockholm.se", [
      { start: new Date("2026-03-27T07:00:00Z"), end: new Date("2026-03-27T11:00:00Z"), status: "busy" },
    ]);
    standIn.busy.set("anna.handlaggare@example.org", [
      { start: new Date("2026-03-27T12:00:00Z"), end: new Date("2026-03-27T16:00:00Z"), status: "busy" },
    ]);
    standIn.fail({ status: 429, retryAfter: "1" });
    const stepCard = await caseAtMeetingStep(t, anna, "FA-2026-0601");
    const book = cardOf(await click(t, anna, stepCard, "meeting.start"));
    expect(executeActions(book).map((a) => a.verb)).toContain("meeting.slots");
    const fields = {
      durationMinutes: "60",
      windowFrom: "2026-03-27",
      windowTo: "2026-03-27",
      jobbtorgUnit: "alfa",
      clientAttends: "nej",
    };
    const withSlots = cardOf(await click(t, anna, book, "meeting.slots", fields));
    let choices: { title: string; value: string }[] = [];
    walk(withSlots, (r) => {
      if (r.id === "slot") choices = r.choices as typeof choices;
    });
    // 08:00–12:00 and 13:00–17:00 CET are taken: only 12:00–13:00 is common and free.
    expect(choices).toEqual([{ title: "fredag 2026-03-27 12:00–13:00", value: "2026-03-27T11:00:00.000Z" }]);
    expect(inputValue(withSlots, "windowFrom")).toBe("2026-03-27");
    expect(cardText(withSlots)).toContain("1 ledig tid hittades.");
    // A specialist whose calendar Graph cannot read: said on the card, not taken as free time.
    standIn.unreadable.add("sara.arbetsspecialist@example.org");
    const unsure = cardOf(
      await click(t, anna, book, "meeting.slots", { ...fields, specialistId: demoUsers.specialistAlfa.id }),
    );
    expect(cardText(unsure)).toContain(
      "1 ledig tid hittades. Kalendern för sara.arbetsspecialist@example.org kunde inte läsas – tiderna tar inte hänsyn till den.",
    );

    const booked = cardOf(
      await click(t, anna, withSlots, "meeting.book", { ...fields, slot: choices[0]!.value }),
    );
    expect(cardText(booked)).toContain("Flerpartsmöte bokat – FA-2026-0601");
    expect(cardText(booked)).toContain("https://teams.microsoft.com/l/meetup-join/");
    expect(cardText(booked)).toContain("Kallelsen gick till kalendern för alfa@stockholm.se");
    const created = standIn.requests.find((r) => r.method === "POST" && r.path.endsWith("/events"));
    expect(created?.body).toMatchObject({
      start: { dateTime: "2026-03-27T12:00:00", timeZone: "W. Europe Standard Time" },
      isOnlineMeeting: true,
    });
    // A slow Graph: the invoke answers "Ställer in mötet…" at once; the card is replaced when done.
    const release = standIn.hold();
    const pending = cardOf(await click(t, anna, booked, "meeting.cancel", {}, "card-activity-7"));
    expect(cardText(pending)).toContain("Ställer in mötet…");
    t.connector.clear();
    release();
    await t.connector.waitFor(() => t.connector.requests.some((r) => r.method === "PUT"));
    const update = t.connector.requests.find((r) => r.method === "PUT")!;
    expect(update.activityId).toBe("card-activity-7");
    expect(cardText(t.connector.cards()[0])).toContain("Flerpartsmöte inställt – FA-2026-0601");
    expect(standIn.requests.at(-1)?.path).toMatch(/\/cancel$/);
    // One app-only token from the token endpoint served every Graph call (msal's cache).
    expect(entra.tokenRequests).toHaveLength(1);
  });
});
