/**
 * The case workflow end to end through real HTTP with the connector stand-in: a scripted
 * conversation per case type from "ny ansökan" to avslut with one follow-up cycle, the
 * authorization matrix, duplicate invokes and double clicks, and the personnummer refusal.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import { followUpDue, gpDueDate } from "../src/deadlines/index.js";
import "../src/reminders/schema.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, inlineErrors, inputValue, verbs, type Card } from "./support/cards.js";
import { demoUsers, makeMessage, type DemoUser } from "./support/fixtures.js";

/** The case id and version a step card's actions carry. */
function keyOf(card: unknown): { caseId: string; v: number } {
  const action = executeActions(card).find(
    (a) => typeof a.data.caseId === "string" && typeof a.data.v === "number",
  );
  if (!action) throw new Error(`no case action on the card:\n${cardText(card)}`);
  return { caseId: action.data.caseId as string, v: action.data.v as number };
}

/** Starts a conversation: `ny ansökan`, then submits the form the bot posted. */
async function apply(
  t: TestApp,
  user: DemoUser,
  application: {
    caseRef: string;
    insats: string;
    receivedOn: string;
    gender: string;
    age: string;
    unit?: string;
  },
): Promise<Card> {
  t.connector.clear();
  await t.say(user, "ny ansökan");
  await t.connector.waitFor(() => t.connector.cards().length > 0);
  const form = t.connector.cards()[0]!;
  expect(cardText(form)).toContain("Registrera en ny ansökan");
  const create = executeActions(form).find((a) => a.verb === "case.create")!;
  return cardOf(await t.act(user, "case.create", { ...create.data, ...application }));
}

/** Clicks `verb` on `card` with the inputs `fields`, as Teams sends it. */
async function click(
  t: TestApp,
  user: DemoUser,
  card: Card,
  verb: string,
  fields: Record<string, unknown> = {},
) {
  const action = executeActions(card).find((a) => a.verb === verb);
  if (!action) throw new Error(`the card offers no ${verb}:\n${verbs(card).join(", ")}`);
  return t.act(user, verb, { ...action.data, ...fields });
}

async function step(
  t: TestApp,
  user: DemoUser,
  card: Card,
  verb: string,
  fields: Record<string, unknown> = {},
) {
  const next = cardOf(await click(t, user, card, verb, fields));
  // Every step answers with a confirmation, never with an inline error.
  expect(inlineErrors(next)).toEqual([]);
  return next;
}

const progress = (card: Card) => cardText(card).split("\n")[0];

async function ordersOf(t: TestApp, caseId: string) {
  return t.app.services.cases.repository.orders(caseId);
}

async function deadlinesOf(t: TestApp, caseId: string) {
  return t.app.services.store.db
    .selectFrom("deadlines")
    .select(["id", "kind", "due_on", "state", "jobbtorg_unit", "rule"])
    .where("case_id", "=", caseId)
    .orderBy("id")
    .execute();
}

const clockAt = (iso: string) => new ManualClock(new Date(iso));

describe("a full case of each type, through HTTP", () => {
  let t: TestApp;
  let clock: ManualClock;
  beforeAll(async () => {
    clock = clockAt("2026-03-02T09:00:00+01:00");
    t = await startTestApp({ clock, env: { SCHEDULER_INTERVAL_MS: "0" } });
  });
  afterAll(async () => {
    await t.close();
  });

  it("A, Alfa (socialpsykiatri): ny ansökan → … → beslut 4:1 + 4:2 → beställning → GP (komplettering) → uppföljning → avslut", async () => {
    clock.set(new Date("2026-03-02T09:00:00+01:00"));
    const anna = demoUsers.handlaggare;
    let card = await apply(t, anna, {
      caseRef: "FA-2026-0142",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: "30",
    });
    const { caseId } = keyOf(card);
    expect(progress(card)).toBe("Steg 2 av 11 · Informationsmöte");
    expect(cardText(card)).toContain("Ansökan FA-2026-0142 är registrerad.");
    expect(cardText(card)).toContain(
      "Källa: Tillämpningsanvisningar för sysselsättning och särskilt individanpassad stödinsats för att underlätta arbete och studier inom socialpsykiatri (Socialförvaltningen, oktober 2023, Dnr SOF 2023/434), bilaga 2, avsnittet ”Informationsmöte”",
    );

    card = await step(t, anna, card, "case.informationMeeting", { heldOn: "2026-01-12" });
    expect(progress(card)).toBe("Steg 3 av 11 · Målgruppstillhörighet");
    card = await step(t, anna, card, "case.targetGroup", { belongs: "true" });
    expect(progress(card)).toBe("Steg 4 av 11 · Utredning med DUR");
    expect(cardText(card)).toContain("Den enskilde är under 35 år");
    card = await step(t, anna, card, "case.dur", {
      areas: "arbete,psykisk-halsa",
      needsPurposeGoals: "true",
      completedOn: "2026-01-26",
    });
    expect(progress(card)).toBe("Steg 5 av 11 · Flerpartsmöte med Jobbtorg");
    expect(executeActions(card).find((a) => a.verb === "meeting.start")?.data).toEqual({ caseId });
    expect(cardText(card)).toContain("alfa@stockholm.se");
    card = await step(t, anna, card, "case.meeting", { meetingOn: "2026-02-02" });
    expect(progress(card)).toBe("Steg 6 av 11 · Kriterier");
    expect(cardText(card)).toContain("Arbetsspecialistens bedömning");
    card = await step(t, anna, card, "case.criteria", {
      met: "ja",
      specialistOn: "2026-02-03",
      specialistReady: "ja",
    });
    expect(progress(card)).toBe("Steg 7 av 11 · Beslut");

    const preview = cardOf(
      await click(t, anna, card, "case.decisionPreview", {
        outcome: "bifall",
        decidedOn: "2026-02-09",
        periodFrom: "2026-02-09",
        periodTo: "2027-02-08",
        amendmentReservation: "true",
      }),
    );
    const previewText = String(inputValue(preview, "previewCopy"));
    // Decided in 2026: the rule module cites the new act's numbering for that date, and says it
    // does not know the new number of 4 kap. 2 § rather than inventing one.
    expect(previewText).toContain("avslås enligt 11 kap. 1 § socialtjänstlagen (2025:400)");
    expect(previewText).not.toMatch(/prop\. 2024|motsvarighet/);
    expect(previewText).toContain("enligt 11 kap. 4 § socialtjänstlagen (2025:400)");
    expect(previewText).toContain("Ändringsförbehåll");
    expect(inputValue(preview, "periodTo")).toBe("2027-02-08");
    expect(keyOf(preview).v).toBe(keyOf(card).v);

    card = await step(t, anna, preview, "case.decide", {
      outcome: "bifall",
      decidedOn: "2026-02-09",
      periodFrom: "2026-02-09",
      periodTo: "2027-02-08",
      amendmentReservation: "true",
    });
    expect(progress(card)).toBe("Steg 8 av 11 · Beställning");
    const decision = String(inputValue(card, "decisionTextCopy"));
    expect(decision).toContain("Ärende: FA-2026-0142");
    expect(decision).toMatch(/förvaltningsbesvär[\s\S]*laglighetsprövning/);
    expect(cardText(card)).toContain(
      "15 arbetsdagar från beställningen, enligt tillämpningsanvisningarna för socialpsykiatrin, bilaga 2",
    );

    card = await step(t, anna, card, "case.order", { orderedOn: "2026-02-10", jobbtorgUnit: "alfa" });
    expect(progress(card)).toBe("Steg 9 av 11 · Genomförandeplan mottagen och granskad");
    const [order] = await ordersOf(t, caseId);
    expect(order).toMatchObject({
      jobbtorg_unit: "alfa",
      state: "ny",
      ordered_on: "2026-02-10",
      gp_rule: "working",
    });
    expect(cardText(card)).toContain(`Genomförandeplan senast ${gpDueDate("2026-02-10", "working")}`);

    card = await step(t, anna, card, "case.gp", { receivedOn: "2026-02-20", matchesOrder: "nej" });
    expect(progress(card)).toBe("Steg 9 av 11 · Genomförandeplan mottagen och granskad");
    expect(String(inputValue(card, "completionRequestCopy"))).toContain(
      "stämmer inte överens med beställningen",
    );
    card = await step(t, anna, card, "case.gp", { receivedOn: "2026-02-27", matchesOrder: "ja" });
    expect(progress(card)).toBe("Steg 10 av 11 · Uppföljning 1");
    expect(cardText(card)).toContain(`Uppföljning senast ${followUpDue("2026-02-09")}`);

    clock.set(new Date("2026-08-12T09:00:00+02:00"));
    card = await step(t, anna, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal,sip",
      heldOn: "2026-08-10",
      continues: "ja",
      orderedOn: "2026-08-10",
    });
    expect(progress(card)).toBe("Steg 9 av 11 · Genomförandeplan mottagen och granskad");
    card = await step(t, anna, card, "case.gp", { receivedOn: "2026-08-11", matchesOrder: "ja" });
    expect(progress(card)).toBe("Steg 10 av 11 · Uppföljning 2");
    card = await step(t, anna, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal",
      heldOn: "2026-08-12",
      continues: "nej",
    });
    expect(progress(card)).toBe("Steg 11 av 11 · Avslut");
    card = await step(t, anna, card, "case.close", {
      reason: "natverket-tar-over",
      closingMeetingHeld: "true",
      closedOn: "2026-08-12",
    });
    expect(progress(card)).toBe("Avslutat 2026-08-12");
    expect(verbs(card)).toEqual(["case.mine"]);

    const orders = await ordersOf(t, caseId);
    expect(orders.map((o) => [o.ordered_on, o.state])).toEqual([
      ["2026-02-10", "avslutad"],
      ["2026-08-10", "avslutad"],
    ]);
    const deadlines = await deadlinesOf(t, caseId);
    expect(deadlines.map((d) => [d.id, d.state])).toEqual(
      expect.arrayContaining([
        [`gp:${orders[0]!.id}`, "done"],
        [`gp:${orders[1]!.id}`, "done"],
        [`follow-up:${caseId}`, "done"],
      ]),
    );
    const audit = await t.app.services.audit.forCase("FA-2026-0142");
    expect(audit.map((entry) => entry.action)).toEqual([
      "case.open",
      "case.informationMeeting",
      "case.targetGroup",
      "case.dur",
      "case.meeting",
      "case.criteria",
      "case.decide",
      "case.order",
      "case.gp",
      "case.gp",
      "case.followUp",
      "case.gp",
      "case.followUp",
      "case.close",
    ]);
    expect(new Set(audit.map((entry) => entry.actor))).toEqual(new Set([anna.id]));
  });

  it("B, Iwork Insteg: four months, ordered from Iwork", async () => {
    clock.set(new Date("2026-03-02T09:00:00+01:00"));
    const lars = demoUsers.handlaggareLss;
    let card = await apply(t, lars, {
      caseRef: "BR-2026-0007",
      insats: "lss-insteg",
      receivedOn: "2026-01-07",
      gender: "man",
      age: "24",
    });
    const { caseId } = keyOf(card);
    card = await step(t, lars, card, "case.informationMeeting", { heldOn: "2026-01-14" });
    card = await step(t, lars, card, "case.targetGroup", { belongs: "true" });
    card = await step(t, lars, card, "case.dur", {
      areas: "arbete",
      needsPurposeGoals: "true",
      completedOn: "2026-01-28",
    });
    card = await step(t, lars, card, "case.meeting", { meetingOn: "2026-02-04" });
    expect(cardText(card)).not.toContain("Arbetsspecialistens bedömning");
    card = await step(t, lars, card, "case.criteria", { met: "ja" });
    expect(inputValue(card, "periodTo")).toBeUndefined();
    card = await step(t, lars, card, "case.decide", {
      outcome: "bifall",
      decidedOn: "2026-02-11",
      periodFrom: "2026-02-11",
    });
    expect(String(inputValue(card, "decisionTextCopy"))).toContain(
      "från och med den 11 februari 2026 till och med den 10 juni 2026",
    );
    expect(cardText(card)).toContain("Bromma");
    card = await step(t, lars, card, "case.order", { orderedOn: "2026-02-12" });
    expect((await ordersOf(t, caseId))[0]).toMatchObject({
      jobbtorg_unit: "iwork",
      decision_to: "2026-06-10",
    });
    card = await step(t, lars, card, "case.gp", { receivedOn: "2026-02-26", matchesOrder: "ja" });
    clock.set(new Date("2026-05-29T09:00:00+02:00"));
    card = await step(t, lars, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal,ratten-till-bistand",
      heldOn: "2026-05-27",
      continues: "ja",
    });
    card = await step(t, lars, card, "case.gp", { receivedOn: "2026-05-28", matchesOrder: "ja" });
    card = await step(t, lars, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal",
      heldOn: "2026-05-29",
      continues: "nej",
    });
    card = await step(t, lars, card, "case.close", {
      reason: "behov-upphort",
      closingMeetingHeld: "true",
      closedOn: "2026-05-29",
    });
    expect(progress(card)).toBe("Avslutat 2026-05-29");
    expect((await t.app.services.cases.get(caseId))?.closed).toBe(true);
  });

  it("C, sysselsättning: ten steps, no flerpartsmöte, delavslag with the hour interval, no Jobbtorg order", async () => {
    clock.set(new Date("2026-03-02T09:00:00+01:00"));
    const anna = demoUsers.handlaggare;
    let card = await apply(t, anna, {
      caseRef: "FA-2026-0150",
      insats: "sysselsattning",
      receivedOn: "2026-01-05",
      gender: "annat",
      age: "52",
    });
    const { caseId } = keyOf(card);
    expect(progress(card)).toBe("Steg 2 av 10 · Informationsmöte");
    card = await step(t, anna, card, "case.informationMeeting", { heldOn: "2026-01-12" });
    card = await step(t, anna, card, "case.targetGroup", { belongs: "true" });
    expect(cardText(card)).not.toContain("Den enskilde är under 35 år");
    card = await step(t, anna, card, "case.dur", {
      areas: "intressen",
      needsPurposeGoals: "true",
      completedOn: "2026-01-26",
    });
    expect(progress(card)).toBe("Steg 5 av 10 · Kriterier");
    card = await step(t, anna, card, "case.criteria", {
      met: "ja",
      orientation: "socialt-inriktad",
      appliedInterval: "22-40",
    });
    expect(progress(card)).toBe("Steg 6 av 10 · Beslut");
    card = await step(t, anna, card, "case.decide", {
      outcome: "delavslag",
      decidedOn: "2026-02-09",
      grantedInterval: "10-24",
      periodFrom: "2026-02-09",
    });
    const decision = String(inputValue(card, "decisionTextCopy"));
    expect(decision).toContain("med en omfattning av 10–24 timmar i veckan");
    expect(decision).toContain("avslås i övrigt (delavslag)");
    expect(decision).toContain("Hur du överklagar");
    expect(decision).not.toMatch(/4 kap\. 2 §|11 kap\. 4 §/);
    card = await step(t, anna, card, "case.order", { orderedOn: "2026-02-10" });
    expect(await ordersOf(t, caseId)).toEqual([]);
    expect(cardText(card)).toContain("till utföraren");
    // The provider is not Jobbtorg, but the plan is due all the same: the caseworker is reminded.
    const [gpDeadline] = (await deadlinesOf(t, caseId)).filter((d) => d.kind === "gp");
    expect(gpDeadline).toMatchObject({ state: "open", jobbtorg_unit: null, rule: "working" });
    const targets = await t.app.services.store.db
      .selectFrom("reminders")
      .select("target")
      .where("deadline_id", "=", gpDeadline!.id)
      .execute();
    expect(new Set(targets.map((r) => r.target.split(":")[0]))).toEqual(new Set(["user", "unit"]));
    expect(targets.some((r) => /alfa|iwork/.test(r.target))).toBe(false);
    card = await step(t, anna, card, "case.gp", { receivedOn: "2026-02-24", matchesOrder: "ja" });
    clock.set(new Date("2026-08-12T09:00:00+02:00"));
    card = await step(t, anna, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal,omfattning",
      heldOn: "2026-08-10",
      continues: "ja",
    });
    card = await step(t, anna, card, "case.gp", { receivedOn: "2026-08-12", matchesOrder: "ja" });
    card = await step(t, anna, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal",
      heldOn: "2026-08-12",
      continues: "nej",
    });
    card = await step(t, anna, card, "case.close", {
      reason: "behov-upphort",
      closingMeetingHeld: "false",
      closedOn: "2026-08-12",
    });
    expect(progress(card)).toBe("Avslutat 2026-08-12");
    const deadlines = await deadlinesOf(t, caseId);
    expect(deadlines.map((d) => d.kind).sort()).toEqual(["follow-up", "gp", "gp"]);
    expect(deadlines.filter((d) => d.state === "open")).toEqual([]);
  });

  it("D, the outreach groups: decided by arbetsmarknadsnämnden, the Jobbtorg unit chosen at ordering", async () => {
    clock.set(new Date("2026-03-02T09:00:00+01:00"));
    const maja = demoUsers.uppsokare;
    let card = await apply(t, maja, {
      caseRef: "JT-2026-0031",
      insats: "uvas-kvinnor-sis",
      receivedOn: "2026-01-08",
      gender: "kvinna",
      age: "21",
    });
    const { caseId } = keyOf(card);
    card = await step(t, maja, card, "case.informationMeeting", { heldOn: "2026-01-13" });
    card = await step(t, maja, card, "case.targetGroup", { belongs: "true" });
    card = await step(t, maja, card, "case.dur", {
      areas: "arbete,adl",
      needsPurposeGoals: "true",
      completedOn: "2026-01-27",
    });
    card = await step(t, maja, card, "case.meeting", { meetingOn: "2026-02-03" });
    card = await step(t, maja, card, "case.criteria", { met: "ja" });
    card = await step(t, maja, card, "case.decide", {
      outcome: "bifall",
      decidedOn: "2026-02-10",
      periodFrom: "2026-02-10",
      periodTo: "2026-12-31",
    });
    const decision = String(inputValue(card, "decisionTextCopy"));
    expect(decision).toContain("Beslutande: Arbetsmarknadsnämnden");
    expect(decision).toContain("avidentifierad form");
    expect(verbs(card)).toContain("case.order");
    card = await step(t, maja, card, "case.order", { orderedOn: "2026-02-11", jobbtorgUnit: "iwork" });
    expect((await ordersOf(t, caseId))[0]).toMatchObject({ jobbtorg_unit: "iwork", district: "Jobbtorg" });
    card = await step(t, maja, card, "case.gp", { receivedOn: "2026-02-25", matchesOrder: "ja" });
    clock.set(new Date("2026-08-12T09:00:00+02:00"));
    card = await step(t, maja, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal",
      heldOn: "2026-08-10",
      continues: "ja",
    });
    expect((await ordersOf(t, caseId)).map((o) => [o.jobbtorg_unit, o.state])).toEqual([
      ["iwork", "avslutad"],
      ["iwork", "ny"],
    ]);
    card = await step(t, maja, card, "case.gp", { receivedOn: "2026-08-11", matchesOrder: "ja" });
    card = await step(t, maja, card, "case.followUp", {
      items: "dur-uppfoljning,behov-syfte-mal",
      heldOn: "2026-08-12",
      continues: "nej",
    });
    card = await step(t, maja, card, "case.close", {
      reason: "natverket-tar-over",
      closingMeetingHeld: "true",
      closedOn: "2026-08-12",
    });
    expect(progress(card)).toBe("Avslutat 2026-08-12");
  });

  it("lists my open cases with next step and deadline, and the team's for the team leader", async () => {
    clock.set(new Date("2026-03-02T09:00:00+01:00"));
    const anna = demoUsers.handlaggare;
    await apply(t, anna, {
      caseRef: "FA-2026-0200",
      insats: "sysselsattning",
      receivedOn: "2026-02-20",
      gender: "man",
      age: "40",
    });
    t.connector.clear();
    await t.say(anna, "mina ärenden");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    const mine = t.connector.cards()[0]!;
    expect(cardText(mine)).toContain("FA-2026-0200");
    expect(cardText(mine)).toContain("Steg 2 av 10 · Informationsmöte");
    const opens = executeActions(mine).filter((a) => a.verb === "case.open");
    const newest = await t.app.services.cases.repository.findByRef("FA-2026-0200");
    expect(opens.map((a) => a.data.caseId)).toContain(newest?.id);
    // the four cases taken to avslut above are no longer listed
    expect(opens).toHaveLength(1);

    t.connector.clear();
    const mention = makeMessage(
      demoUsers.gruppledareSocialpsykiatri,
      "<at>Insatsguiden</at> teamets ärenden",
      {
        scope: "channel",
        channelId: "19:socialpsykiatri-farsta@thread.tacv2",
        serviceUrl: t.connector.url,
      },
    );
    mention.entities = [
      {
        type: "mention",
        text: "<at>Insatsguiden</at>",
        mentioned: { id: "28:insatsguiden-bot", name: "Insatsguiden" },
      },
    ];
    await t.post(mention);
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    const team = t.connector.cards()[0]!;
    expect(cardText(team)).toContain("FA-2026-0200");
    expect(cardText(team)).toContain("Handläggare: Anna Handläggare");
    // in a channel: no gender or age, and no button that would open a case card there
    expect(cardText(team)).not.toMatch(/kvinna|man,|år\b/);
    expect(verbs(team)).not.toContain("case.open");
  });
});

describe("authorization, duplicates and refusals", () => {
  let t: TestApp;
  let caseCard: Card;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp({
      clock: clockAt("2026-03-02T09:00:00+01:00"),
      env: { SCHEDULER_INTERVAL_MS: "0" },
    });
    caseCard = await apply(t, demoUsers.handlaggare, {
      caseRef: "FA-2026-0300",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-02-02",
      gender: "kvinna",
      age: "41",
    });
    caseId = keyOf(caseCard).caseId;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Every verb that acts on an existing case, with data shaped as its card sends it. */
  const caseActions: [string, Record<string, unknown>][] = [
    ["case.open", {}],
    ["case.informationMeeting", { heldOn: "2026-02-10" }],
    ["case.targetGroupCheck", {}],
    ["case.targetGroup", { belongs: "true" }],
    ["case.dur", { areas: "arbete", needsPurposeGoals: "true", completedOn: "2026-02-10" }],
    ["case.meeting", { meetingOn: "2026-02-10" }],
    ["case.criteriaCheck", {}],
    ["case.criteria", { met: "ja", specialistOn: "2026-02-10", specialistReady: "ja" }],
    ["case.decisionPreview", { outcome: "bifall", decidedOn: "2026-02-10", periodTo: "2027-02-10" }],
    ["case.decide", { outcome: "bifall", decidedOn: "2026-02-10", periodTo: "2027-02-10" }],
    ["case.order", { orderedOn: "2026-02-10" }],
    ["case.gp", { receivedOn: "2026-02-10", matchesOrder: "ja" }],
    ["case.followUp", { items: "dur-uppfoljning,behov-syfte-mal", heldOn: "2026-02-10", continues: "ja" }],
    ["case.close", { reason: "behov-upphort", closingMeetingHeld: "true", closedOn: "2026-02-10" }],
    ["case.withdraw", { withdrawnOn: "2026-02-10" }],
  ];
  const allowed = new Set(["handlaggare", "gruppledareSocialpsykiatri", "admin"]);
  const roles = Object.entries(demoUsers).filter(([name]) => name !== "unknown");
  const matrix = roles.flatMap(([role, user]) =>
    caseActions.map(([verb, data]) => [role, verb, user, data] as const),
  );

  it.each(matrix)("%s × %s", async (role, verb, user, data) => {
    // A stale version: whoever is allowed gets the current card and changes nothing.
    const result = await t.act(user, verb, { caseId, v: 99, ...data });
    if (allowed.has(role)) {
      expect(result.status).toBe(200);
      expect(result.body.type).toBe("application/vnd.microsoft.card.adaptive");
      expect(cardText(result.body.value)).toContain("FA-2026-0300");
    } else {
      expect(result.status).toBe(403);
      expect(result.body).toMatchObject({
        type: "application/vnd.microsoft.error",
        value: { code: "USER.FORBIDDEN" },
      });
      expect(JSON.stringify(result.body)).not.toContain("FA-2026-0300");
    }
  });

  it("the matrix changed nothing, and an unknown user only gets the access message", async () => {
    expect((await t.app.services.cases.get(caseId))?.version).toBe(1);
    expect((await t.app.services.audit.forCase("FA-2026-0300")).map((e) => e.action)).toEqual(["case.open"]);
    const stranger = await t.act(demoUsers.unknown, "case.open", { caseId });
    expect(stranger.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(stranger.body.value)).toMatch(/finns inte i Insatsguidens katalog/);
  });

  it("acts on cases and meetings only in the personal chat: from a channel, a Swedish message and no change", async () => {
    const personalOnly: [string, Record<string, unknown>][] = [
      ...caseActions,
      ["case.new", {}],
      ["case.create", { draftId: "kanal-1", caseRef: "FA-2026-0301", insats: "sis-socialpsykiatri" }],
      ["case.mine", {}],
      ["meeting.start", {}],
      ["meeting.slots", { draftId: "kanal-2", durationMinutes: "60" }],
      ["meeting.book", { draftId: "kanal-3", proposedOn: "2026-03-10", proposedTime: "10:00" }],
      ["meeting.reschedule", { meetingId: "m-1", seq: "0", proposedOn: "2026-03-11", proposedTime: "10:00" }],
      ["meeting.cancel", { meetingId: "m-1", seq: "0" }],
    ];
    for (const [verb, data] of personalOnly) {
      // The current version and valid data: in the personal chat this would act.
      const result = await t.act(
        demoUsers.handlaggare,
        verb,
        { caseId, v: 1, ...data },
        { scope: "channel" },
      );
      expect(result.body.type, verb).toBe("application/vnd.microsoft.activity.message");
      expect(String(result.body.value), verb).toContain("bara i din personliga chatt");
      expect(JSON.stringify(result.body), verb).not.toContain("FA-2026-0300");
    }
    expect((await t.app.services.cases.get(caseId))?.version).toBe(1);
    expect((await t.app.services.audit.forCase("FA-2026-0300")).map((e) => e.action)).toEqual(["case.open"]);
    expect(await t.app.services.cases.repository.findByRef("FA-2026-0301")).toBeUndefined();
  });

  it("lets only caseworkers register applications, for their unit's insatser", async () => {
    const specialist = await t.act(demoUsers.specialistAlfa, "case.new", {});
    expect(String(specialist.body.value)).toContain("Bara handläggare");
    const lars = cardOf(
      await t.act(demoUsers.handlaggareLss, "case.create", {
        draftId: "draft-lars",
        caseRef: "BR-1",
        insats: "sis-socialpsykiatri",
        receivedOn: "2026-02-02",
        gender: "man",
        age: "30",
      }),
    );
    expect(cardText(lars)).toContain("Din enhet (lss) handlägger inte den insatsen.");
    expect(inputValue(lars, "caseRef")).toBe("BR-1");
  });

  it("a double click (same card, twice at once) has one effect; the answer no longer offers the button", async () => {
    const card = await apply(t, demoUsers.handlaggare, {
      caseRef: "FA-2026-0301",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-02-02",
      gender: "man",
      age: "45",
    });
    const id = keyOf(card).caseId;
    const clicks = await Promise.all([
      click(t, demoUsers.handlaggare, card, "case.informationMeeting", { heldOn: "2026-02-09" }),
      click(t, demoUsers.handlaggare, card, "case.informationMeeting", { heldOn: "2026-02-09" }),
    ]);
    const texts = clicks.map((c) => cardText(cardOf(c)));
    expect(texts.filter((text) => text.includes("Informationsmötet är registrerat."))).toHaveLength(1);
    expect(texts.filter((text) => text.includes("redan registrerat"))).toHaveLength(1);
    for (const c of clicks) expect(verbs(cardOf(c))).not.toContain("case.informationMeeting");
    const events = await t.app.services.cases.repository.events(id);
    expect(events.map((e) => e.action)).toEqual(["open", "informationMeeting"]);

    // Teams re-sending the same invoke later: still one effect.
    const again = cardOf(
      await click(t, demoUsers.handlaggare, card, "case.informationMeeting", { heldOn: "2026-02-09" }),
    );
    expect(cardText(again)).toContain("redan registrerat");
    expect((await t.app.services.cases.get(id))?.version).toBe(2);
  });

  it("a double click on Skicka beställning creates one order and one GP deadline", async () => {
    let card = await apply(t, demoUsers.handlaggare, {
      caseRef: "FA-2026-0302",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: "38",
    });
    const id = keyOf(card).caseId;
    card = await step(t, demoUsers.handlaggare, card, "case.informationMeeting", { heldOn: "2026-01-12" });
    card = await step(t, demoUsers.handlaggare, card, "case.targetGroup", { belongs: "true" });
    card = await step(t, demoUsers.handlaggare, card, "case.dur", {
      areas: "",
      needsPurposeGoals: "true",
      completedOn: "2026-01-26",
    });
    card = await step(t, demoUsers.handlaggare, card, "case.meeting", { meetingOn: "2026-02-02" });
    card = await step(t, demoUsers.handlaggare, card, "case.criteria", {
      met: "ja",
      specialistOn: "2026-02-03",
      specialistReady: "ja",
    });
    card = await step(t, demoUsers.handlaggare, card, "case.decide", {
      outcome: "bifall",
      decidedOn: "2026-02-09",
      periodTo: "2027-02-08",
    });
    await Promise.all([
      click(t, demoUsers.handlaggare, card, "case.order", { orderedOn: "2026-02-10" }),
      click(t, demoUsers.handlaggare, card, "case.order", { orderedOn: "2026-02-10" }),
    ]);
    expect(await ordersOf(t, id)).toHaveLength(1);
    expect((await deadlinesOf(t, id)).filter((d) => d.kind === "gp")).toHaveLength(1);
  });

  it("Klar on a GP reminder is the caseworker's check; on a follow-up reminder it points to the card", async () => {
    const anna = demoUsers.handlaggare;
    let card = await apply(t, anna, {
      caseRef: "FA-2026-0305",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "man",
      age: "50",
    });
    const id = keyOf(card).caseId;
    card = await step(t, anna, card, "case.informationMeeting", { heldOn: "2026-01-12" });
    card = await step(t, anna, card, "case.targetGroup", { belongs: "true" });
    card = await step(t, anna, card, "case.dur", {
      areas: "",
      needsPurposeGoals: "true",
      completedOn: "2026-01-26",
    });
    card = await step(t, anna, card, "case.meeting", { meetingOn: "2026-02-02" });
    card = await step(t, anna, card, "case.criteria", {
      met: "ja",
      specialistOn: "2026-02-03",
      specialistReady: "ja",
    });
    card = await step(t, anna, card, "case.decide", {
      outcome: "bifall",
      decidedOn: "2026-02-09",
      periodTo: "2027-02-08",
    });
    await step(t, anna, card, "case.order", { orderedOn: "2026-02-10" });
    const [order] = await ordersOf(t, id);
    const reminderFor = async (deadlineId: string) =>
      t.app.services.store.db
        .selectFrom("reminders")
        .select("id")
        .where("deadline_id", "=", deadlineId)
        .where("target", "=", `user:${anna.id}`)
        .executeTakeFirstOrThrow();

    const gpReminder = await reminderFor(`gp:${order!.id}`);
    const done = await t.act(anna, "reminder.done", { reminderId: gpReminder.id });
    expect(done.status).toBe(200);
    expect(await t.app.services.cases.get(id)).toMatchObject({ step: "uppfoljning" });
    expect((await ordersOf(t, id))[0]).toMatchObject({ state: "gp-skickad", gp_sent_on: "2026-03-02" });

    const followUpReminder = await reminderFor(`follow-up:${id}`);
    const refused = await t.act(anna, "reminder.done", { reminderId: followUpReminder.id });
    expect(refused.body).toMatchObject({ value: { code: "CASE.FOLLOW_UP_NEEDS_CHECKLIST" } });
    expect(await t.app.services.cases.get(id)).toMatchObject({ step: "uppfoljning" });
    const deadline = await t.app.services.store.db
      .selectFrom("deadlines")
      .select("state")
      .where("id", "=", `follow-up:${id}`)
      .executeTakeFirstOrThrow();
    expect(deadline.state).toBe("open");
  });

  it("submitting the new-application card twice registers one case", async () => {
    t.connector.clear();
    await t.say(demoUsers.handlaggare, "ny ansökan");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    const create = executeActions(t.connector.cards()[0]).find((a) => a.verb === "case.create")!;
    const data = {
      ...create.data,
      caseRef: "FA-2026-0303",
      insats: "sysselsattning",
      receivedOn: "2026-02-02",
      gender: "man",
      age: "33",
    };
    const [first, second] = await Promise.all([
      t.act(demoUsers.handlaggare, "case.create", data),
      t.act(demoUsers.handlaggare, "case.create", data),
    ]);
    expect(keyOf(cardOf(first)).caseId).toBe(keyOf(cardOf(second)).caseId);
    const rows = await t.app.services.store.db
      .selectFrom("cases")
      .select("id")
      .where("case_ref", "=", "FA-2026-0303")
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses a personnummer in the case reference, explains why, and never echoes or stores it", async () => {
    t.connector.clear();
    await t.say(demoUsers.handlaggare, "ny ansökan 811218-9876");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    const form = t.connector.cards()[0]!;
    expect(cardText(form)).toContain("innehåller ett personnummer eller samordningsnummer");
    expect(JSON.stringify(form)).not.toContain("811218-9876");

    const create = executeActions(form).find((a) => a.verb === "case.create")!;
    for (const caseRef of ["ärende 19811218-9876", "701063-2391"]) {
      const refused = cardOf(
        await t.act(demoUsers.handlaggare, "case.create", {
          ...create.data,
          caseRef,
          insats: "sis-socialpsykiatri",
          receivedOn: "2026-02-02",
          gender: "kvinna",
          age: "30",
        }),
      );
      expect(cardText(refused)).toContain("Insatsguiden tar aldrig emot personnummer");
      expect(JSON.stringify(refused)).not.toContain(caseRef);
      expect(inputValue(refused, "caseRef")).toBe("");
      expect(inputValue(refused, "age")).toBe("30");
    }
    const stored = await t.app.services.store.db.selectFrom("cases").select("case_ref").execute();
    expect(stored.map((row) => row.case_ref).join(" ")).not.toMatch(/9876|2391/);
  });

  it("answers invalid input with the same card, inline Swedish errors and the values kept", async () => {
    const empty = cardOf(
      await click(t, demoUsers.handlaggare, caseCard, "case.informationMeeting", { heldOn: "" }),
    );
    expect(cardText(empty)).toContain("Ange ett datum (ÅÅÅÅ-MM-DD).");
    expect(progress(empty)).toBe("Steg 2 av 11 · Informationsmöte");

    const early = cardOf(
      await click(t, demoUsers.handlaggare, caseCard, "case.informationMeeting", { heldOn: "2026-01-01" }),
    );
    expect(cardText(early)).toContain("Datumet kan inte ligga före ansökan kom in (2 februari 2026).");
    expect(inputValue(early, "heldOn")).toBe("2026-01-01");

    const young = await apply(t, demoUsers.handlaggare, {
      caseRef: "FA-2026-0304",
      insats: "sysselsattning",
      receivedOn: "2026-02-02",
      gender: "kvinna",
      age: "22",
    });
    let youngCard = await step(t, demoUsers.handlaggare, young, "case.informationMeeting", {
      heldOn: "2026-02-09",
    });
    youngCard = await step(t, demoUsers.handlaggare, youngCard, "case.targetGroup", { belongs: "true" });
    const refused = cardOf(
      await click(t, demoUsers.handlaggare, youngCard, "case.dur", {
        areas: "intressen",
        needsPurposeGoals: "true",
        completedOn: "2026-02-16",
      }),
    );
    expect(cardText(refused)).toContain(
      "under 35 år: livsområdet arbete, utbildning och sysselsättning ska alltid fördjupas",
    );
    expect(inputValue(refused, "areas")).toBe("intressen");
    expect(inputValue(refused, "needsPurposeGoals")).toBe("true");
    expect(inputValue(refused, "completedOn")).toBe("2026-02-16");
    expect(keyOf(refused).v).toBe(keyOf(youngCard).v);
  });

  it("keeps case cards out of channels", async () => {
    const result = await t.act(demoUsers.handlaggare, "case.open", { caseId }, { scope: "channel" });
    expect(result.body.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(result.body.value)).toContain("personliga chatt");
  });
});
