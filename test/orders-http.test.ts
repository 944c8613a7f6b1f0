import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DirectoryUser } from "../src/directory/directory.js";
import { renderOrderChannelCard } from "../cards/orders.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, verbs, type Card } from "./support/cards.js";
import { demoUsers, type DemoUser } from "./support/fixtures.js";

const intake = "19:alfa-intake@thread.tacv2";
const inChannel = { scope: "channel" as const, channelId: intake, conversationId: intake };
const personal = (user: DemoUser) => `a:personal-${user.id}`;

function errorLine(card: Card): string | undefined {
  const body = card.body as { type: string; color?: string; size?: string; text?: string }[];
  return body.find((b) => b.type === "TextBlock" && b.color === "Attention" && b.size === "Small")?.text;
}

/** A decided type A case of Anna's (Farsta), through the case workflow, ready to order. */
async function decidedCase(t: TestApp): Promise<{ caseId: string; version: number }> {
  const { cases, directory } = t.app.services;
  const anna = (await directory.findUser(demoUsers.handlaggare.id)) as DirectoryUser;
  let { record } = await cases.open(anna, {
    creationKey: "k-1",
    caseRef: "FA-2026-0142",
    insats: "sis-socialpsykiatri",
    receivedOn: "2026-01-05",
    gender: "kvinna",
    age: 30,
  });
  const steps = [
    { kind: "informationMeeting", heldOn: "2026-01-12" },
    { kind: "targetGroup", belongs: true, ruleVerdict: "eligible" },
    { kind: "dur", completedOn: "2026-01-26", areas: ["arbete"], needsPurposeGoals: true },
    { kind: "meeting", on: "2026-02-02" },
    {
      kind: "criteria",
      met: true,
      ruleVerdict: "eligible",
      specialistAssessment: { on: "2026-02-03", ready: true },
    },
    { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall", periodTo: "2027-02-08" },
  ];
  for (const step of steps) record = (await cases.act(anna, record.id, record.version, step as never)).record;
  return { caseId: record.id, version: record.version };
}

describe("orders to Jobbtorg through HTTP", () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp();
    for (const user of [demoUsers.handlaggare, demoUsers.specialistAlfa, demoUsers.specialistAlfa2]) {
      await t.install(user);
    }
    expect((await t.say(demoUsers.gruppledareAlfa, "koppla kanal alfa", inChannel)).status).toBe(200);
    t.connector.clear();
  });

  afterEach(async () => {
    await t.close();
  });

  async function order(): Promise<{ caseId: string; orderId: string; channelActivity: string }> {
    const { caseId, version } = await decidedCase(t);
    const ordered = await t.act(demoUsers.handlaggare, "case.order", {
      caseId,
      v: version,
      orderedOn: "2026-02-10",
      jobbtorgUnit: "alfa",
    });
    expect(ordered.status).toBe(200);
    const [row] = await t.app.services.cases.repository.orders(caseId);
    const posts = t.connector.requests.filter((r) => r.method === "POST" && r.conversationId === intake);
    expect(posts).toHaveLength(1);
    const [copy] = await t.app.services.orders.repository.cards(row!.id);
    return { caseId, orderId: row!.id, channelActivity: copy!.activityId };
  }

  const updatesOf = (activityId: string) =>
    t.connector.requests.filter((r) => r.method === "PUT" && r.activityId === activityId);

  it("caseworker orders → channel card → two specialists race → GP sent → caseworker reviews → follow-up", async () => {
    const { caseId, orderId, channelActivity } = await order();

    // The intake channel's card: reference, insats, district, period, GP date and rule, state, days left.
    const [posted] = t.connector.cards(intake);
    const text = cardText(posted);
    for (const expected of [
      "FA-2026-0142",
      "Alfa (socialpsykiatri)",
      "Farsta",
      "2026-02-09 – 2027-02-08",
      "2026-03-03 (15 arbetsdagar från beställningen (003 Bilaga 2))",
      "Ny – ingen har tagit den än",
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/Arbetsdagar kvar\n1/);
    expect(text).not.toMatch(/kvinna|30 år|Anna/);
    const refresh = posted!.refresh as { userIds: string[]; action: { verb: string } };
    expect(refresh.action.verb).toBe("order.refresh");
    expect(refresh.userIds).toEqual(
      expect.arrayContaining(
        [demoUsers.specialistAlfa, demoUsers.specialistAlfa2, demoUsers.gruppledareAlfa].map(
          (u) => `29:${u.id}`,
        ),
      ),
    );
    expect(refresh.userIds).not.toContain(`29:${demoUsers.specialistIwork.id}`);

    // Unit members get the detailed view; others keep the channel's version.
    const detail = cardOf(await t.act(demoUsers.specialistAlfa, "order.refresh", { orderId }, inChannel));
    expect(verbs(detail)).toEqual(["order.take"]);
    expect(cardText(detail)).toContain("Anna Handläggare");
    const outsider = cardOf(await t.act(demoUsers.specialistIwork, "order.refresh", { orderId }, inChannel));
    expect(verbs(outsider)).toEqual([]);
    expect(cardText(outsider)).not.toContain("Anna Handläggare");
    const lead = cardOf(await t.act(demoUsers.gruppledareAlfa, "order.refresh", { orderId }, inChannel));
    expect(verbs(lead)).toEqual(["order.assign"]);

    // Two specialists take it at once: exactly one wins.
    const [sara, omar] = await Promise.all([
      t.act(demoUsers.specialistAlfa, "order.take", { orderId }, inChannel),
      t.act(demoUsers.specialistAlfa2, "order.take", { orderId }, inChannel),
    ]);
    const results = [
      { user: demoUsers.specialistAlfa, card: cardOf(sara) },
      { user: demoUsers.specialistAlfa2, card: cardOf(omar) },
    ];
    const winners = results.filter((r) => cardText(r.card).includes("Ärendet är ditt."));
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.user;
    const loser = results.find((r) => r.user !== winner)!;
    expect(errorLine(loser.card)).toBe(`Beställningen är redan tilldelad till ${winner.name}.`);
    expect(verbs(loser.card)).toEqual([]);
    expect(verbs(winners[0]!.card)).toEqual(["order.gpSent", "order.followUp", "order.close"]);

    // The channel copy is updated in place, and the winner gets the order in their chat.
    await t.connector.waitFor(() => updatesOf(channelActivity).length >= 1);
    expect(cardText(t.connector.cards(intake).at(-1))).toContain(`Tilldelad till ${winner.name}`);
    const personalPosts = t.connector.requests.filter(
      (r) => r.method === "POST" && r.conversationId === personal(winner),
    );
    expect(personalPosts).toHaveLength(1);
    const [, personalCopy] = await t.app.services.orders.repository.cards(orderId);
    expect(personalCopy!.conversationKey).toBe(`user:${winner.id}`);

    // GP sent: a date in the future is refused inline, with the input kept.
    const future = cardOf(await t.act(winner, "order.gpSent", { orderId, sentOn: "2026-03-09" }, inChannel));
    expect(errorLine(future)).toBe("Datumet kan inte ligga i framtiden.");
    expect(JSON.stringify(future)).toContain('"value":"2026-03-09"');
    const badDate = cardOf(await t.act(winner, "order.gpSent", { orderId, sentOn: "27/2" }, inChannel));
    expect(errorLine(badDate)).toBe("Ange ett datum (ÅÅÅÅ-MM-DD).");
    t.connector.clear();
    const sent = cardOf(await t.act(winner, "order.gpSent", { orderId, sentOn: "2026-02-27" }));
    expect(cardText(sent)).toContain("Genomförandeplan skickad 2026-02-27");
    expect(await t.app.services.reminders.repository.getDeadline(`gp:${orderId}`)).toMatchObject({
      state: "done",
    });
    // Every copy updated, none re-posted; the caseworker is told and can open the case to review.
    expect(updatesOf(channelActivity)).toHaveLength(1);
    expect(updatesOf(personalCopy!.activityId)).toHaveLength(1);
    expect(t.connector.requests.filter((r) => r.method === "POST" && r.conversationId === intake)).toEqual(
      [],
    );
    const toAnna = t.connector.cards(personal(demoUsers.handlaggare));
    expect(toAnna).toHaveLength(1);
    expect(cardText(toAnna[0])).toContain("Genomförandeplanen är skickad");
    expect(verbs(toAnna[0])).toEqual(["case.open"]);
    const review = cardOf(await t.act(demoUsers.handlaggare, "case.open", { caseId }));
    expect(verbs(review)).toContain("case.gp");

    // A repeated click changes nothing and tells nobody twice.
    t.connector.clear();
    cardOf(await t.act(winner, "order.gpSent", { orderId, sentOn: "2026-02-27" }));
    expect(t.connector.requests).toEqual([]);

    // Follow-up request: the caseworker is notified once.
    const followUp = cardOf(await t.act(winner, "order.followUp", { orderId }));
    expect(cardText(followUp)).toContain("Uppföljning begärd");
    cardOf(await t.act(winner, "order.followUp", { orderId }));
    const notices = t.connector.cards(personal(demoUsers.handlaggare));
    expect(notices.map((c) => cardText(c).split("\n")[0])).toEqual(["Jobbtorg begär uppföljning"]);

    const actions = (await t.app.services.audit.forCase("FA-2026-0142")).map((a) => a.action);
    expect(actions.filter((a) => a.startsWith("order."))).toEqual([
      "order.taken",
      "order.gp-sent",
      "order.follow-up",
    ]);

    // Efterstöd, then closing.
    expect(cardText(cardOf(await t.act(winner, "order.efterstod", { orderId })))).toContain(
      "Efterstöd sedan 2026-03-02",
    );
    const closed = cardOf(await t.act(winner, "order.close", { orderId }));
    expect(cardText(closed)).toContain("Avslutad 2026-03-02");
    expect(verbs(closed)).toEqual([]);
  });

  it("authorization: other units, caseworkers and unknown users are refused; leaders and admins assign", async () => {
    const { orderId } = await order();
    const refused = async (user: DemoUser, verb: string, data: Record<string, unknown> = {}) => {
      const result = await t.act(user, verb, { orderId, ...data });
      expect(result.status).toBe(403);
      expect(result.body.value.code).toBe("USER.FORBIDDEN");
    };
    await refused(demoUsers.specialistIwork, "order.take");
    await refused(demoUsers.handlaggare, "order.take");
    await refused(demoUsers.gruppledareIwork, "order.assign", { assignee: demoUsers.specialistAlfa.id });
    await refused(demoUsers.specialistAlfa, "order.assign", { assignee: demoUsers.specialistAlfa.id });
    await refused(demoUsers.specialistIwork, "order.open");
    const unknown = await t.act(demoUsers.unknown, "order.take", { orderId });
    expect(unknown.body.type).toBe("application/vnd.microsoft.activity.message");

    // A leader cannot take, only assign — to a specialist of the unit.
    const leaderTakes = cardOf(await t.act(demoUsers.gruppledareAlfa, "order.take", { orderId }));
    expect(errorLine(leaderTakes)).toContain("Som gruppledare använder du **Tilldela**");
    const wrongAssignee = cardOf(
      await t.act(demoUsers.gruppledareAlfa, "order.assign", {
        orderId,
        assignee: demoUsers.specialistIwork.id,
      }),
    );
    expect(errorLine(wrongAssignee)).toBe("Välj en arbetsspecialist på enheten.");
    const noAssignee = cardOf(await t.act(demoUsers.gruppledareAlfa, "order.assign", { orderId }));
    expect(errorLine(noAssignee)).toBe("Välj en arbetsspecialist.");
    const assigned = cardOf(
      await t.act(demoUsers.gruppledareAlfa, "order.assign", {
        orderId,
        assignee: demoUsers.specialistAlfa2.id,
      }),
    );
    expect(cardText(assigned)).toContain(`Tilldelad till ${demoUsers.specialistAlfa2.name}`);
    // Someone else in the unit cannot report the plan for Omar.
    const notYours = cardOf(
      await t.act(demoUsers.specialistAlfa, "order.gpSent", { orderId, sentOn: "2026-03-02" }),
    );
    expect(errorLine(notYours)).toContain("tilldelad en annan arbetsspecialist");
    const admin = cardOf(
      await t.act(demoUsers.admin, "order.assign", { orderId, assignee: demoUsers.specialistAlfa.id }),
    );
    expect(cardText(admin)).toContain(`Tilldelad till ${demoUsers.specialistAlfa.name}`);
    // Bad data never answers 5xx.
    const garbage = await t.act(demoUsers.specialistAlfa, "order.take", { orderId: 42 });
    expect(garbage.status).toBeLessThan(500);
    const missing = await t.act(demoUsers.specialistAlfa, "order.take", { orderId: "no-such-order" });
    expect(missing.status).toBe(400);
    expect(missing.body.value.code).toBe("ORDER.NOT_FOUND");
  });

  it("queues: nya beställningar, mina beställningar and the leaders' kö och tempo", async () => {
    const { orderId } = await order();
    t.connector.clear();
    await t.say(demoUsers.specialistAlfa2, "nya beställningar");
    let [list] = t.connector.cards(personal(demoUsers.specialistAlfa2));
    expect(cardText(list)).toContain("Nya beställningar (1)");
    expect(cardText(list)).toContain("FA-2026-0142 · Alfa (socialpsykiatri) · Farsta");
    expect(cardText(list)).toContain("1 arbetsdag kvar");
    expect(verbs(list)).toEqual(["order.open"]);

    await t.act(demoUsers.specialistAlfa2, "order.take", { orderId });
    t.connector.clear();
    await t.say(demoUsers.specialistAlfa2, "mina beställningar");
    [list] = t.connector.cards(personal(demoUsers.specialistAlfa2));
    expect(cardText(list)).toContain("Mina beställningar (1)");
    await t.say(demoUsers.specialistIwork, "nya beställningar");
    expect(cardText(t.connector.cards(personal(demoUsers.specialistIwork))[0])).toContain(
      "Nya beställningar (0)",
    );

    await t.act(demoUsers.specialistAlfa2, "order.gpSent", { orderId, sentOn: "2026-02-27" });
    t.connector.clear();
    await t.say(demoUsers.gruppledareAlfa, "kö och tempo");
    const speed = cardText(t.connector.cards(personal(demoUsers.gruppledareAlfa))[0]);
    expect(speed).toContain("Jobbtorg Alfa");
    expect(speed).toContain(`${demoUsers.specialistAlfa2.name}\n1 öppna`);
    expect(speed).toContain("(1 planer): median 13 arbetsdagar, längst 13");

    t.connector.clear();
    await t.say(demoUsers.specialistAlfa, "kö och tempo");
    expect(JSON.stringify(t.connector.activities())).toContain("gruppledare");
    await t.say(demoUsers.handlaggare, "nya beställningar");
    expect(JSON.stringify(t.connector.activities())).toContain("inte behörighet");
  });

  it("type A goes to Alfa's intake channel only; above 60 members the card offers Visa åtgärder", async () => {
    const { caseId, version } = await decidedCase(t);
    await t.app.services.reminders.repository.registerChannel({
      channel_key: "channel:19:nowhere",
      scope_key: "iwork",
      unit: "iwork",
      district: null,
      registered_by: demoUsers.gruppledareIwork.id,
      registered_at: 0,
    });
    // Type A goes to Alfa's channel only, never to Iwork's.
    await t.act(demoUsers.handlaggare, "case.order", { caseId, v: version, orderedOn: "2026-02-10" });
    expect(t.connector.requests.filter((r) => r.method === "POST").map((r) => r.conversationId)).toEqual([
      intake,
    ]);

    const manual = renderOrderChannelCard({
      orderId: "o-1",
      title: "Ny beställning till Jobbtorg Alfa",
      color: "Accent",
      facts: [],
      footnote: "",
      userIds: [],
    });
    expect(manual.refresh).toBeUndefined();
    expect(verbs(manual)).toEqual(["order.refresh"]);
  });
});
