/**
 * Cards for the person and the place, through real HTTP (issue 15): welcome and help by role and
 * conversation, channel commands that point to the personal chat, a team leader's `frister`, the
 * LSS case's flerpartsmöte with Iwork and the age field's clear error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseRecord } from "../src/cases/repository.js";
import type { CaseAction } from "../src/cases/service.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, inlineErrors, inputValue } from "./support/cards.js";
import { alfaStepsUntilOrder, demoUsers, type DemoUser } from "./support/fixtures.js";

const inChannel = { scope: "channel" as const, channelId: "19:alfa-kanal@thread.tacv2" };

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
});

async function directoryUser(user: DemoUser): Promise<DirectoryUser> {
  return (await t.app.services.directory.findUser(user.id))!;
}

/** What the bot answered to one message: the texts and card texts it sent. */
async function answerTo(user: DemoUser, text: string, options = {}): Promise<string> {
  t.connector.clear();
  await t.say(user, text, options);
  await t.connector.waitFor(() => t.connector.activities().length > 0);
  return t.connector
    .activities()
    .map((a) => `${typeof a.text === "string" ? a.text : ""}\n${cardText(a.attachments ?? [])}`)
    .join("\n");
}

async function welcomeFor(user: DemoUser, options = {}): Promise<Record<string, unknown>> {
  t.connector.clear();
  await t.install(user, options);
  await t.connector.waitFor(() => t.connector.cards().length > 0);
  return t.connector.cards()[0]!;
}

async function caseOf(user: DemoUser, insats: CaseRecord["insats"], ref: string, actions: CaseAction[]) {
  const actor = await directoryUser(user);
  const { cases } = t.app.services;
  let { record } = await cases.open(actor, {
    creationKey: `k-${ref}`,
    caseRef: ref,
    insats,
    receivedOn: "2026-01-05",
    gender: "kvinna",
    age: 30,
  });
  for (const action of actions) record = (await cases.act(actor, record.id, record.version, action)).record;
  return record;
}

describe("welcome and help by role and place", () => {
  it("offers a caseworker Ny ansökan and Mina ärenden, a work specialist and a team leader neither", async () => {
    const anna = await welcomeFor(demoUsers.handlaggare);
    expect(executeActions(anna).map((a) => a.verb)).toEqual(["case.new", "case.mine", "help.show"]);
    expect(cardText(anna)).toContain("Hej Anna!");
    for (const user of [demoUsers.specialistAlfa, demoUsers.gruppledareAlfa]) {
      const card = await welcomeFor(user);
      expect(executeActions(card).map((a) => a.verb)).toEqual(["help.show"]);
    }
    expect(cardText(await welcomeFor(demoUsers.gruppledareAlfa))).toContain("Som gruppledare");
  });

  it("welcomes a team channel with how to link it, naming nobody", async () => {
    const card = await welcomeFor(demoUsers.gruppledareAlfa, inChannel);
    const text = cardText(card);
    // "<enhet>" would be swallowed as markup by the card renderer: the card spells it out.
    expect(text).toContain("koppla kanal och enhetens namn, t.ex. koppla kanal alfa");
    expect(text).not.toContain("Eva");
    expect(executeActions(card).map((a) => a.verb)).toEqual(["help.show"]);
  });

  it("lists each role's commands on the help card", async () => {
    const anna = await answerTo(demoUsers.handlaggare, "hjälp");
    expect(anna).toContain("ny ansökan");
    expect(anna).not.toContain("kö och tempo");
    expect(anna).toContain("frister");
    const sara = await answerTo(demoUsers.specialistAlfa, "hjälp");
    expect(sara).toContain("mina beställningar");
    expect(sara).not.toContain("ny ansökan");
    // Team leaders' and admins' commands are not a work specialist's.
    for (const other of ["flytta ärenden", "flytta beställningar", "misslyckade utskick", "försök igen"])
      expect(sara).not.toContain(other);
    const admin = await answerTo(demoUsers.admin, "hjälp");
    expect(admin).toContain("misslyckade utskick");
    const eva = await answerTo(demoUsers.gruppledareAlfa, "hjälp", inChannel);
    expect(eva).toContain("frister");
    expect(eva).toContain("koppla kanal");
    expect(eva).not.toContain("ny ansökan");
  });
});

describe("the new application card", () => {
  it("counts the steps of the insatser this caseworker can open, and chooses the only one", async () => {
    const anna = await answerTo(demoUsers.handlaggare, "ny ansökan");
    expect(anna).toContain("Steg 1 av 11 (10 för sysselsättning) · Ny ansökan");
    const maja = await answerTo(demoUsers.uppsokare, "ny ansökan");
    expect(maja).toContain("Steg 1 av 11 · Ny ansökan");
    expect(maja).not.toContain("sysselsättning");
    const find = (node: unknown): { value?: string } | undefined => {
      if (Array.isArray(node)) return node.map(find).find(Boolean);
      if (!node || typeof node !== "object") return undefined;
      const element = node as { id?: string; value?: string };
      return element.id === "insats" ? element : Object.values(node).map(find).find(Boolean);
    };
    expect(find(t.connector.cards().at(-1))?.value).toBe("uvas-kvinnor-sis");
    // Anna has two to choose from: none is chosen for her.
    await answerTo(demoUsers.handlaggare, "ny ansökan");
    expect(find(t.connector.cards().at(-1))?.value ?? "").toBe("");
  });
});

describe("commands in a channel", () => {
  it.each(["ny ansökan", "mina ärenden", "ny ansökan FA-2026-0999 kvinna 19850101-1234"])(
    "'%s' points to the personal chat and echoes nothing",
    async (text) => {
      const answer = await answerTo(demoUsers.handlaggare, text, inChannel);
      expect(answer).toContain("personliga chatt");
      expect(answer).not.toContain("FA-2026-0999");
      expect(answer).not.toContain("19850101");
      expect(answer).not.toContain("Det vet jag inte");
      expect(t.connector.cards()).toEqual([]);
    },
  );

  it("team commands work there", async () => {
    const answer = await answerTo(demoUsers.gruppledareSocialpsykiatri, "teamets ärenden", inChannel);
    expect(answer).toContain("Teamets ärenden");
  });
});

describe("frister", () => {
  it("gives the unit's open deadlines now, overdue first, and drops a plan Jobbtorg has sent", async () => {
    const record = await caseOf(demoUsers.handlaggare, "sis-socialpsykiatri", "FA-2026-0777", [
      ...alfaStepsUntilOrder,
    ]);
    const karin = await answerTo(demoUsers.gruppledareSocialpsykiatri, "frister");
    expect(karin).toContain("Försenade");
    expect(karin).toContain("FA-2026-0777");
    expect(karin).toMatch(/Genomförandeplan/);
    // Eva leads Jobbtorg Alfa: the same GP deadline in her channel, refs and dates only.
    const eva = await answerTo(demoUsers.gruppledareAlfa, "frister", inChannel);
    expect(eva).toContain("FA-2026-0777");
    expect(eva).not.toMatch(/kvinna|30 år/);
    // Anna leads no unit: she gets her own cases' deadlines; Peter, in the same unit, not hers.
    const anna = await answerTo(demoUsers.handlaggare, "frister");
    expect(anna).toContain("dina ärenden");
    expect(anna).toContain("FA-2026-0777");
    expect(await answerTo(demoUsers.handlaggare2, "frister")).not.toContain("FA-2026-0777");
    // Sara, a work specialist at Alfa, sees the plans her unit owes.
    expect(await answerTo(demoUsers.specialistAlfa, "frister")).toContain("FA-2026-0777");

    const sara = await directoryUser(demoUsers.specialistAlfa);
    const [order] = await t.app.services.orders.forCase(record.id);
    await t.app.services.orders.take(sara, order!.id);
    await t.app.services.orders.gpSent(sara, order!.id, "2026-02-20");
    expect(await answerTo(demoUsers.gruppledareSocialpsykiatri, "frister")).not.toContain("FA-2026-0777");
  });
});

describe("the LSS case's flerpartsmöte", () => {
  it("is booked with Jobbtorg Iwork's mailbox, the only unit offered", async () => {
    const record = await caseOf(demoUsers.handlaggareLss, "lss-sis", "BR-2026-0555", [
      { kind: "informationMeeting", heldOn: "2026-01-07" },
      { kind: "targetGroup", belongs: true },
      { kind: "dur", completedOn: "2026-01-12", areas: ["arbete"], needsPurposeGoals: true },
    ]);
    const card = cardOf(await t.act(demoUsers.handlaggareLss, "meeting.start", { caseId: record.id }));
    const text = cardText(card);
    expect(text).toContain("iwork@stockholm.se");
    expect(text).not.toContain("alfa@stockholm.se");
    expect(inputValue(card, "jobbtorgUnit")).toBe("iwork");
  });
});

describe("the new application's age", () => {
  it.each([
    ["150", "Ange en ålder mellan 16 och 110 år."],
    ["", "Ange åldern i år."],
  ])("age '%s' comes back with a clear error and the input kept", async (age, message) => {
    t.connector.clear();
    await t.say(demoUsers.handlaggare, "ny ansökan");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    const create = executeActions(t.connector.cards()[0]).find((a) => a.verb === "case.create")!;
    const card = cardOf(
      await t.act(demoUsers.handlaggare, "case.create", {
        ...create.data,
        caseRef: "FA-2026-0888",
        insats: "sis-socialpsykiatri",
        receivedOn: "2026-03-02",
        gender: "kvinna",
        age,
      }),
    );
    expect(inlineErrors(card)).toContain(message);
    expect(inputValue(card, "age")).toBe(age);
  });
});
