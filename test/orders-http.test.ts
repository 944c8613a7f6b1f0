import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OrderCards } from "../bot/features/orders.js";
import type { ManualClock } from "../src/clock.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { createLogger, silentLogger } from "../src/log.js";
import { effectHandlers } from "../src/events/wiring.js";
import { OutboxDispatcher } from "../src/outbox/dispatcher.js";
import { OutboxRepository } from "../src/outbox/repository.js";
import { openStore, type Store } from "../src/store/db.js";
import { renderOrderChannelCard } from "../cards/orders.js";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf, executeActions, verbs, type Card } from "./support/cards.js";
import type { ScriptedFailure } from "./support/connector-standin.js";
import { alfaStepsUntilDecision, demoUsers, type DemoUser } from "./support/fixtures.js";
import { dialects, postgresUrl } from "./support/stores.js";

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
    ...alfaStepsUntilDecision,
    { kind: "decide", decidedOn: "2026-02-09", outcome: "bifall", periodTo: "2027-02-08" },
  ];
  for (const step of steps) record = (await cases.act(anna, record.id, record.version, step as never)).record;
  return { caseId: record.id, version: record.version };
}

/** The bot with the caseworker and both Alfa specialists installed and Alfa's intake channel linked. */
async function startWithIntakeChannel(): Promise<TestApp> {
  const t = await startTestApp();
  for (const user of [demoUsers.handlaggare, demoUsers.specialistAlfa, demoUsers.specialistAlfa2]) {
    await t.install(user);
  }
  expect((await t.say(demoUsers.gruppledareAlfa, "koppla kanal alfa", inChannel)).status).toBe(200);
  t.connector.clear();
  return t;
}

describe("orders to Jobbtorg through HTTP", () => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startWithIntakeChannel();
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
      "2026-03-03 (15 arbetsdagar från beställningen, enligt tillämpningsanvisningarna för socialpsykiatrin, bilaga 2)",
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
    // Öppna says which list it came from; the order's card leads back to that list.
    const open = executeActions(list).find((action) => action.verb === "order.open")!;
    expect(open.data).toEqual({ orderId, list: "nya" });
    const opened = cardOf(await t.act(demoUsers.specialistAlfa2, "order.open", open.data));
    const back = executeActions(opened).find((action) => action.title === "Tillbaka till listan")!;
    expect(back).toMatchObject({ verb: "order.list", data: { list: "nya" } });
    expect(cardText(cardOf(await t.act(demoUsers.specialistAlfa2, back.verb, back.data)))).toContain(
      "Nya beställningar (1)",
    );
    // Opened from elsewhere (a posted card, an older list) it offers no way back.
    const plain = cardOf(await t.act(demoUsers.specialistAlfa2, "order.open", { orderId, list: "x" }));
    expect(executeActions(plain).map((action) => action.title)).not.toContain("Tillbaka till listan");

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
    expect(speed).toContain("(1 plan): median 13 arbetsdagar, längst 13");

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

describe("order cards that do not reach Teams at first", () => {
  let t: TestApp;
  const channelKey = `channel:${intake}`;

  beforeEach(async () => {
    t = await startWithIntakeChannel();
  });

  afterEach(async () => {
    await t.close();
  });

  const clock = () => t.clock as ManualClock;
  /** The order's effects still to run (card syncs are outbox rows, src/outbox). */
  const pending = async (orderId: string) =>
    (await t.app.services.outbox.forAggregate(orderId)).filter((row) => row.state !== "done");
  const intakeRequests = () => t.connector.requests.filter((r) => r.conversationId === intake);

  async function orderWithFailingPost(failure: ScriptedFailure): Promise<string> {
    const { caseId, version } = await decidedCase(t);
    t.connector.failNext(failure);
    const ordered = await t.act(demoUsers.handlaggare, "case.order", {
      caseId,
      v: version,
      orderedOn: "2026-02-10",
    });
    expect(ordered.status).toBe(200);
    const [row] = await t.app.services.cases.repository.orders(caseId);
    return row!.id;
  }

  it("a failed channel post is retried with backoff and lands exactly once", async () => {
    const orderId = await orderWithFailingPost({ status: 503 });
    expect(intakeRequests().map((r) => r.status)).toEqual([503]);
    expect(await t.app.services.orders.repository.cards(orderId)).toEqual([]);
    expect(await pending(orderId)).toMatchObject([
      { handler: "syncCaseOrderCards", state: "pending", attempts: 1, last_error: "http-503" },
    ]);

    // Not before its minute; then a second failure puts it off by five minutes.
    clock().advance(59_000);
    expect(await t.app.effects.tick()).toBe(0);
    clock().advance(1_000);
    t.connector.failNext({ status: 502 });
    expect(await t.app.effects.tick()).toBe(1);
    expect(await pending(orderId)).toMatchObject([{ attempts: 2, last_error: "http-502" }]);
    clock().advance(4 * 60_000);
    expect(await t.app.effects.tick()).toBe(0);
    clock().advance(60_000);
    expect(await t.app.effects.tick()).toBe(1);

    expect(intakeRequests().map((r) => r.status)).toEqual([503, 502, 200]);
    const keys = intakeRequests().map(
      (r) => (r.body.channelData as { insatsguiden: { idempotencyKey: string } }).insatsguiden.idempotencyKey,
    );
    expect(new Set(keys)).toEqual(new Set([`order:${orderId}:${channelKey}`]));
    expect(cardText(t.connector.delivered(intake)[0]!.attachments)).toContain("Ny – ingen har tagit den än");
    expect(await t.app.services.orders.repository.cards(orderId)).toHaveLength(1);
    expect(await pending(orderId)).toEqual([]);

    // Nothing left to do: later rounds and later changes never post it again.
    clock().advance(2 * 60 * 60_000);
    expect(await t.app.effects.tick()).toBe(0);
    await t.act(demoUsers.specialistAlfa, "order.take", { orderId }, inChannel);
    expect(t.connector.delivered(intake)).toHaveLength(1);
  });

  it("a failed update is retried with the order's current card, also after later changes", async () => {
    const orderId = await orderWithFailingPost({ status: 500 });
    clock().advance(60_000);
    await t.app.effects.tick();
    const [copy] = await t.app.services.orders.repository.cards(orderId);
    t.connector.clear();

    // Sara takes it; the channel copy's update fails (her own copy is posted).
    t.connector.failConversation(intake, { status: 503 });
    await t.act(demoUsers.specialistAlfa, "order.take", { orderId }, inChannel);
    expect(await pending(orderId)).toMatchObject([{ handler: "syncOrderCards", state: "pending" }]);
    expect(t.connector.delivered(personal(demoUsers.specialistAlfa))).toHaveLength(1);

    // She reports the plan while the channel still fails: the waiting card effect is brought
    // forward and tried at once, not doubled.
    await t.act(demoUsers.specialistAlfa, "order.gpSent", { orderId, sentOn: "2026-02-27" });
    expect((await pending(orderId)).filter((row) => row.handler === "syncOrderCards")).toHaveLength(1);

    // Teams answers again: the channel's card shows the state as it is now, never re-posted.
    t.connector.clear();
    clock().advance(60 * 60_000);
    expect(await t.app.effects.tick()).toBe(1);
    const puts = t.connector.requests.filter((r) => r.method === "PUT" && r.activityId === copy!.activityId);
    expect(puts.map((r) => r.status)).toEqual([200]);
    expect(cardText(t.connector.cards(intake).at(-1))).toContain("Genomförandeplan skickad 2026-02-27");
    expect(t.connector.requests.filter((r) => r.method === "POST")).toEqual([]);
    expect(await pending(orderId)).toEqual([]);
  });

  it("a change made while a retry is on its way follows it, instead of being lost", async () => {
    const { caseId, version } = await decidedCase(t);
    await t.act(demoUsers.handlaggare, "case.order", { caseId, v: version, orderedOn: "2026-02-10" });
    const [row] = await t.app.services.cases.repository.orders(caseId);
    const orderId = row!.id;
    const [copy] = await t.app.services.orders.repository.cards(orderId);
    t.connector.failConversation(intake, { status: 503 });
    await t.act(demoUsers.specialistAlfa, "order.take", { orderId }, inChannel);
    t.connector.clear();
    const channelPuts = () =>
      t.connector.requests.filter((r) => r.method === "PUT" && r.activityId === copy!.activityId);

    // The retry's update is on its way (a slow connector) when Sara reports the plan.
    t.connector.latencyMs = 400;
    clock().advance(60_000);
    const round = t.app.effects.tick();
    await t.connector.waitFor(() => channelPuts().length === 1);
    const sara = (await t.app.services.directory.findUser(demoUsers.specialistAlfa.id))!;
    const [, claimed] = await Promise.all([t.app.services.orders.gpSent(sara, orderId, "2026-02-27"), round]);
    expect(claimed).toBe(1);
    // Whatever landed last, the channel shows the plan as sent, and nothing is left to do.
    expect(cardText(t.connector.cards(intake).at(-1))).toContain("Genomförandeplan skickad 2026-02-27");
    expect(await pending(orderId)).toEqual([]);
  });

  it("a 403 stops the retries and logs only the order id and the kind of conversation", async () => {
    const orderId = await orderWithFailingPost({ status: 503 });
    t.connector.failConversation(intake, { status: 403 });
    const lines: string[] = [];
    const log = createLogger("info", { write: (line: string) => lines.push(line) });
    const { services } = t.app;
    const dispatcher = new OutboxDispatcher(
      {
        repository: services.outbox,
        transaction: (work) => services.store.db.transaction().execute(work),
        clock: t.clock,
        log,
      },
      { intervalMs: 0, leaseMs: 60_000 },
    );
    dispatcher.use(
      effectHandlers({
        cases: services.cases.repository,
        reminders: services.reminders,
        register: services.decisionRegister,
        orderCards: new OrderCards({ ...services, log }, t.app.runtime),
      }),
    );
    clock().advance(60_000);
    expect(await dispatcher.tick()).toBe(1);
    expect(await pending(orderId)).toEqual([]);
    clock().advance(24 * 60 * 60_000);
    expect(await dispatcher.tick()).toBe(0);
    expect(intakeRequests().map((r) => r.status)).toEqual([503, 403]);

    const given = lines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((l) => l.outcome === "gone");
    expect(given).toHaveLength(1);
    expect(given[0]).toMatchObject({ orderId, conversation: "channel" });
    expect(lines.join("\n")).not.toMatch(/FA-2026-0142|alfa-intake|Anna|Farsta/);
  });

  it("an effect that keeps failing ends as a dead letter, listed for admins, and can be retried", async () => {
    const orderId = await orderWithFailingPost({ status: 503 });
    t.connector.failConversation(intake, { status: 503 });
    for (let i = 0; i < 12; i += 1) {
      clock().advance(60 * 60_000);
      await t.app.effects.tick();
    }
    expect(await pending(orderId)).toMatchObject([{ state: "dead", attempts: 10, last_error: "http-503" }]);
    const before = intakeRequests().length;
    clock().advance(24 * 60 * 60_000);
    expect(await t.app.effects.tick()).toBe(0);
    expect(intakeRequests()).toHaveLength(before);

    const listed = await t.say(demoUsers.admin, "misslyckade utskick");
    expect(listed.status).toBe(200);
    const text = t.connector
      .activities(`a:personal-${demoUsers.admin.id}`)
      .map((a) => JSON.stringify(a))
      .join("\n");
    expect(text).toContain("syncCaseOrderCards");
    expect(text).toContain("http-503");
    expect(text).not.toMatch(/FA-2026-0142|Anna|Farsta/);

    // The team leader's channel digest counts it.
    clock().set(new Date("2026-03-04T08:30:00+01:00"));
    t.connector.clear();
    await t.app.scheduler.tick();
    expect(
      t.connector
        .cards(intake)
        .map((c) => cardText(c))
        .join("\n"),
    ).toContain("1 utskick (kort, besked eller register) gav upp efter flera försök");

    t.connector.clear();
    const [dead] = await pending(orderId);
    expect((await t.say(demoUsers.admin, `försök igen ${dead!.id}`)).status).toBe(200);
    expect(t.connector.delivered(intake)).toHaveLength(1);
    expect(await pending(orderId)).toEqual([]);
  });
});

describe.each(dialects)("order card retries across instances on %s", (dialect) => {
  let t: TestApp;

  beforeEach(async () => {
    t = await startTestApp({ dialect });
    await t.install(demoUsers.handlaggare);
    expect((await t.say(demoUsers.gruppledareAlfa, "koppla kanal alfa", inChannel)).status).toBe(200);
    t.connector.clear();
  });

  afterEach(async () => {
    await t.close();
  });

  it("two instances retrying at once post the failed copy exactly once", async () => {
    const { caseId, version } = await decidedCase(t);
    t.connector.failNext({ status: 503 });
    await t.act(demoUsers.handlaggare, "case.order", { caseId, v: version, orderedOn: "2026-02-10" });
    // On SQLite one connection (one instance is all SQLite serves); on PostgreSQL a pool each.
    const other =
      dialect === "postgres" ? openStore({ databaseUrl: postgresUrl, pgSchema: t.pgSchema! }) : undefined;
    const { services, runtime } = t.app;
    const instance = (store: Store, instanceId: string) => {
      const dispatcher = new OutboxDispatcher(
        {
          repository: new OutboxRepository(store),
          transaction: (work) => store.db.transaction().execute(work),
          clock: t.clock,
          log: silentLogger,
        },
        { intervalMs: 0, leaseMs: 60_000, instanceId },
      );
      dispatcher.use(
        effectHandlers({
          cases: services.cases.repository,
          reminders: services.reminders,
          register: services.decisionRegister,
          orderCards: new OrderCards(services, runtime),
        }),
      );
      return dispatcher;
    };
    // A slow Bot Connector: both instances would be mid-post at once if both held the row.
    t.connector.latencyMs = 100;
    (t.clock as ManualClock).advance(60_000);
    try {
      const claimed = await Promise.all([
        instance(services.store, "a").tick(),
        instance(other ?? services.store, "b").tick(),
        instance(other ?? services.store, "c").tick(),
      ]);
      expect(claimed.reduce((a, b) => a + b)).toBe(1);
    } finally {
      await other?.close();
    }
    expect(t.connector.delivered(intake)).toHaveLength(1);
    const [row] = await services.cases.repository.orders(caseId);
    expect(await services.orders.repository.cards(row!.id)).toHaveLength(1);
  });
});
