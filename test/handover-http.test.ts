/**
 * Handing work over through the bot: a team leader moves a caseworker's open cases to a
 * colleague of the unit (case, deadlines and unsent reminders follow; both are told; audited), a
 * Jobbtorg team leader moves a specialist's orders (the new assignee's chat gets the card), and
 * nobody moves work outside their unit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DirectoryUser } from "../src/directory/directory.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { alfaStepsUntilDecision, demoUsers, type DemoUser } from "./support/fixtures.js";

const intake = "19:alfa-intake@thread.tacv2";
const inChannel = { scope: "channel" as const, channelId: intake, conversationId: intake };
const personal = (user: DemoUser) => `a:personal-${user.id}`;

/** A type A case of Anna's (Farsta), decided and ordered from Jobbtorg Alfa. */
async function orderedCase(t: TestApp, caseRef: string): Promise<string> {
  const { cases, directory } = t.app.services;
  const anna = (await directory.findUser(demoUsers.handlaggare.id)) as DirectoryUser;
  let { record } = await cases.open(anna, {
    creationKey: `k-${caseRef}`,
    caseRef,
    insats: "sis-socialpsykiatri",
    receivedOn: "2026-01-05",
    gender: "kvinna",
    age: 30,
  });
  const steps = [
    ...alfaStepsUntilDecision,
    { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall", periodTo: "2027-02-08" },
  ];
  for (const step of steps) record = (await cases.act(anna, record.id, record.version, step as never)).record;
  const ordered = await t.act(demoUsers.handlaggare, "case.order", {
    caseId: record.id,
    v: record.version,
    orderedOn: "2026-02-10",
    jobbtorgUnit: "alfa",
  });
  expect(ordered.status).toBe(200);
  return record.id;
}

describe("handing work over through HTTP", () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    for (const user of [
      demoUsers.handlaggare,
      demoUsers.handlaggare2,
      demoUsers.gruppledareSocialpsykiatri,
      demoUsers.specialistAlfa,
      demoUsers.specialistAlfa2,
      demoUsers.gruppledareAlfa,
    ]) {
      await t.install(user);
    }
    expect((await t.say(demoUsers.gruppledareAlfa, "koppla kanal alfa", inChannel)).status).toBe(200);
  });

  afterEach(async () => {
    await t.close();
  });

  it("a team leader hands all of a caseworker's open cases to a colleague, and everything follows", async () => {
    const first = await orderedCase(t, "FA-2026-0142");
    const second = await orderedCase(t, "FA-2026-0143");
    const { store, cases, audit } = t.app.services;
    t.connector.clear();

    expect((await t.say(demoUsers.gruppledareSocialpsykiatri, "flytta ärenden")).status).toBe(200);
    const form = cardText(t.connector.cards(personal(demoUsers.gruppledareSocialpsykiatri)).at(-1));
    expect(form).toContain("Anna Handläggare (2 öppna ärenden)");
    expect(form).toContain("Peter Handläggare (0 öppna ärenden)");
    // Lars works in LSS Bromma: not Karin's unit, not offered.
    expect(form).not.toContain("Lars");

    const moved = await t.act(demoUsers.gruppledareSocialpsykiatri, "handover.cases", {
      fromId: demoUsers.handlaggare.id,
      toId: demoUsers.handlaggare2.id,
      caseRef: "",
      unit: "",
    });
    expect(moved.status).toBe(200);
    expect(cardText(moved.body.value)).toContain(
      "Du flyttade 2 ärenden från Anna Handläggare till Peter Handläggare: FA-2026-0142, FA-2026-0143.",
    );

    for (const id of [first, second])
      expect((await cases.load(id))?.caseworkerId).toBe(demoUsers.handlaggare2.id);
    const deadlines = await store.db
      .selectFrom("deadlines")
      .selectAll()
      .where("state", "=", "open")
      .execute();
    expect(deadlines.length).toBeGreaterThan(0);
    expect(new Set(deadlines.map((d) => d.caseworker_id))).toEqual(new Set([demoUsers.handlaggare2.id]));
    const reminders = await store.db
      .selectFrom("reminders")
      .select(["target", "idempotency_key"])
      .where("state", "=", "pending")
      .execute();
    expect(reminders.some((r) => r.target === `user:${demoUsers.handlaggare2.id}`)).toBe(true);
    expect(reminders.filter((r) => r.target === `user:${demoUsers.handlaggare.id}`)).toEqual([]);
    expect(reminders.every((r) => !r.idempotency_key.includes(demoUsers.handlaggare.id))).toBe(true);

    // Both are told, in their own chats.
    for (const user of [demoUsers.handlaggare, demoUsers.handlaggare2]) {
      const notice = cardText(t.connector.cards(personal(user)).at(-1));
      expect(notice).toContain("Ärenden har flyttats");
      expect(notice).toContain(
        "Karin Enhetschef flyttade 2 ärenden från Anna Handläggare till Peter Handläggare",
      );
    }
    expect((await audit.forCase("FA-2026-0142")).at(-1)).toMatchObject({
      action: "case.handover",
      actor: demoUsers.gruppledareSocialpsykiatri.id,
    });
    // Peter now works the cases; Anna no longer may.
    expect((await t.say(demoUsers.handlaggare2, "mina ärenden")).status).toBe(200);
    expect(cardText(t.connector.cards(personal(demoUsers.handlaggare2)).at(-1))).toContain("FA-2026-0143");
  });

  it("moves one case by reference and refuses a colleague outside the unit, keeping the choices", async () => {
    await orderedCase(t, "FA-2026-0142");
    await orderedCase(t, "FA-2026-0143");
    const outside = await t.act(demoUsers.gruppledareSocialpsykiatri, "handover.cases", {
      fromId: demoUsers.handlaggare.id,
      toId: demoUsers.handlaggareLss.id,
    });
    expect(cardText(outside.body.value)).toContain("Lars Handläggare arbetar inte i samma enhet");
    const one = await t.act(demoUsers.gruppledareSocialpsykiatri, "handover.cases", {
      fromId: demoUsers.handlaggare.id,
      toId: demoUsers.handlaggare2.id,
      caseRef: "FA-2026-0143",
    });
    expect(cardText(one.body.value)).toContain(
      "1 ärende från Anna Handläggare till Peter Handläggare: FA-2026-0143.",
    );
    expect(
      (await t.app.services.cases.repository.openForCaseworker(demoUsers.handlaggare.id)).map(
        (c) => c.caseRef,
      ),
    ).toEqual(["FA-2026-0142"]);
  });

  it("only team leaders of the unit move work", async () => {
    await orderedCase(t, "FA-2026-0142");
    const data = { fromId: demoUsers.handlaggare.id, toId: demoUsers.handlaggare2.id };
    for (const user of [demoUsers.handlaggare, demoUsers.gruppledareAlfa]) {
      const refused = await t.act(user, "handover.cases", data);
      expect(refused.body.value.code).toBe("HANDOVER.NOT_A_LEADER");
    }
    expect(await t.app.services.cases.repository.openForCaseworker(demoUsers.handlaggare.id)).toHaveLength(1);
  });

  it("a Jobbtorg team leader moves a specialist's orders; the new assignee's chat gets the card", async () => {
    const caseId = await orderedCase(t, "FA-2026-0142");
    const [order] = await t.app.services.cases.repository.orders(caseId);
    expect((await t.act(demoUsers.specialistAlfa, "order.take", { orderId: order!.id })).status).toBe(200);
    t.connector.clear();

    const refused = await t.act(demoUsers.gruppledareAlfa, "handover.orders", {
      unit: "alfa",
      fromId: demoUsers.specialistAlfa.id,
      toId: demoUsers.specialistIwork.id,
    });
    expect(cardText(refused.body.value)).toContain("Ida Jobbcoach arbetar inte i samma enhet");
    const moved = await t.act(demoUsers.gruppledareAlfa, "handover.orders", {
      unit: "alfa",
      fromId: demoUsers.specialistAlfa.id,
      toId: demoUsers.specialistAlfa2.id,
    });
    expect(cardText(moved.body.value)).toContain(
      "Du flyttade 1 beställning från Sara Arbetsspecialist till Omar Arbetsspecialist",
    );
    expect((await t.app.services.orders.get(order!.id))?.assignee).toBe(demoUsers.specialistAlfa2.id);
    const omar = t.connector.cards(personal(demoUsers.specialistAlfa2)).map(cardText);
    expect(omar.some((text) => text.includes("Tilldelad till Omar Arbetsspecialist"))).toBe(true);
    expect(omar.some((text) => text.includes("Beställningar har flyttats"))).toBe(true);
    expect(cardText(t.connector.cards(personal(demoUsers.specialistAlfa)).at(-1))).toContain(
      "Beställningar har flyttats",
    );

    const nils = await t.act(demoUsers.gruppledareIwork, "handover.orders", {
      unit: "alfa",
      fromId: demoUsers.specialistAlfa2.id,
      toId: demoUsers.specialistAlfa.id,
    });
    expect(nils.body.value.code).toBe("HANDOVER.NOT_A_LEADER");
  });
});
