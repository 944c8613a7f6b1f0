import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ProactiveSender } from "../bot/delivery/messenger.js";
import type { ManualClock } from "../src/clock.js";
import { ReminderRepository } from "../src/reminders/repository.js";
import { ReminderScheduler, type ReminderSender } from "../src/reminders/scheduler.js";
import { deadlineIds } from "../src/reminders/service.js";
import { silentLogger } from "../src/log.js";
import { ConversationRepository, conversationKey } from "../src/store/conversations.js";
import { openStore } from "../src/store/db.js";
import { startTestApp, cardText, type TestApp } from "./support/app.js";
import { demoUsers } from "./support/fixtures.js";
import { dialects, postgresUrl } from "./support/stores.js";

const anna = demoUsers.handlaggare;
const eva = demoUsers.gruppledareAlfa;
const karin = demoUsers.gruppledareSocialpsykiatri;
const annaChat = `a:personal-${anna.id}`;
const alfaChannel = "19:alfa-intake@thread.tacv2";
const farstaChannel = "19:socialpsykiatri-farsta@thread.tacv2";

const gp = {
  orderId: "o-1",
  caseId: "c-1",
  caseRef: "FA-2026-0142",
  insats: "sis-socialpsykiatri",
  dueOn: "2026-03-23",
  rule: "working" as const,
  caseworkerId: anna.id,
  jobbtorgUnit: "alfa" as const,
  caseworkerUnit: "socialpsykiatri",
  district: "Farsta",
};

/** Stockholm wall-clock time as an instant (CET in March before the 29th). */
const cet = (local: string) => new Date(`${local}+01:00`);

/** The idempotency keys of the messages Teams accepted. */
function keysOf(app: TestApp): string[] {
  return app.connector
    .delivered()
    .map((activity) => activity.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined)
    .flatMap((channelData) => channelData?.insatsguiden?.idempotencyKey ?? []);
}

async function reminderStates(app: TestApp) {
  return app.app.services.store.db
    .selectFrom("reminders")
    .select(["id", "kind", "target", "state", "last_error"])
    .orderBy("id")
    .execute();
}

describe("reminders through the Bot Connector", () => {
  let app: TestApp;
  let clock: ManualClock;
  beforeEach(async () => {
    app = await startTestApp();
    clock = app.clock as ManualClock;
    await app.install(anna);
    app.connector.clear();
  });
  afterEach(async () => {
    await app.close();
  });

  const tickAt = async (local: string) => {
    clock.set(cet(local));
    return app.app.scheduler.tick();
  };

  it("sends the GP reminder to the caseworker's personal chat at 08:30 Stockholm time, not before", async () => {
    await app.app.services.reminders.scheduleGpDeadline(gp);
    await tickAt("2026-03-18T08:29:00");
    expect(app.connector.activities()).toEqual([]);
    await tickAt("2026-03-18T08:31:00");
    const cards = app.connector.cards(annaChat);
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text).toContain("Genomförandeplanen ska vara klar om 3 arbetsdagar");
    expect(text).toContain("FA-2026-0142");
    expect(text).toContain(
      "15 arbetsdagar från beställningen, enligt tillämpningsanvisningarna för socialpsykiatrin, bilaga 2",
    );
    expect(JSON.stringify(cards[0])).toContain("reminder.snooze");
    // The Jobbtorg unit has no channel yet: its reminder waits instead of being dropped.
    const states = await reminderStates(app);
    expect(states.find((r) => r.target === "unit:alfa" && r.kind === "gp-before")).toMatchObject({
      state: "waiting",
      last_error: "ingen kanal kopplad",
    });
    // Ticking again sends nothing twice.
    await tickAt("2026-03-18T08:40:00");
    expect(app.connector.cards(annaChat)).toHaveLength(1);
  });

  it("lets a team leader connect a channel, which then gets the waiting reminder and the escalation", async () => {
    await app.app.services.reminders.scheduleGpDeadline(gp);
    await tickAt("2026-03-18T08:31:00");

    const refused = await app.say(anna, "koppla kanal alfa", { scope: "channel", channelId: alfaChannel });
    expect(refused.status).toBe(200);
    expect(JSON.stringify(app.connector.activities(alfaChannel))).toContain("behörighet");
    await app.say(eva, "koppla kanal alfa", { scope: "channel", channelId: alfaChannel });
    expect(cardText(app.connector.cards(alfaChannel).at(-1))).toContain(
      "Kanalen är kopplad till Jobbtorg Alfa",
    );
    app.connector.clear();

    // The waiting reminder is looked at again within the hour.
    await tickAt("2026-03-18T09:40:00");
    const channelCards = app.connector.cards(alfaChannel);
    expect(channelCards).toHaveLength(1);
    expect(cardText(channelCards[0])).toContain("Anna Handläggare");
    expect(JSON.stringify(channelCards[0])).not.toContain("reminder.snooze");

    // Overdue: the day after the due date both team leaders' channels hear of it.
    await app.say(karin, "koppla kanal socialpsykiatri", { scope: "channel", channelId: farstaChannel });
    app.connector.clear();
    await tickAt("2026-03-24T08:31:00");
    expect(
      cardText(app.connector.cards(alfaChannel).find((c) => cardText(c).includes("försenad"))),
    ).toContain("FA-2026-0142");
    // The escalation, whichever of it and the day's digest (which lists it too) lands first.
    expect(
      app.connector
        .cards(farstaChannel)
        .filter((c) => cardText(c).includes("Genomförandeplanen är försenad")),
    ).toHaveLength(1);
  });

  it("posts the digest at 08:00 on working days only, overdue first", async () => {
    await app.say(karin, "koppla kanal socialpsykiatri Farsta", {
      scope: "channel",
      channelId: farstaChannel,
    });
    await app.app.services.reminders.scheduleGpDeadline(gp); // due Mon 23 March
    await app.app.services.reminders.scheduleFollowUp({ ...gp, dueOn: "2026-03-26" });
    app.connector.clear();

    await tickAt("2026-03-21T08:05:00"); // Saturday
    await tickAt("2026-03-22T08:05:00"); // Sunday
    expect(app.connector.cards(farstaChannel)).toEqual([]);

    await tickAt("2026-03-24T07:59:00");
    expect(app.connector.cards(farstaChannel)).toEqual([]);
    await tickAt("2026-03-24T08:01:00");
    const digests = app.connector.cards(farstaChannel).filter((c) => cardText(c).includes("Dagens frister"));
    expect(digests).toHaveLength(1);
    const text = cardText(digests[0]);
    expect(text.indexOf("Försenade")).toBeLessThan(text.indexOf("Den här veckan"));
    expect(text.indexOf("Genomförandeplan")).toBeLessThan(text.indexOf("Uppföljning"));
    expect(text).toContain("Tisdag 24 mars 2026");

    // One digest a day, however many ticks.
    await tickAt("2026-03-24T12:00:00");
    expect(
      app.connector.cards(farstaChannel).filter((c) => cardText(c).includes("Dagens frister")),
    ).toHaveLength(1);
  });

  it("Klar closes the deadline and nothing more is sent for it", async () => {
    await app.app.services.reminders.scheduleGpDeadline(gp);
    await tickAt("2026-03-18T08:31:00");
    const reminderId = (await reminderStates(app)).find((r) => r.target === `user:${anna.id}`)!.id;

    const forbidden = await app.act(demoUsers.handlaggareLss, "reminder.done", { reminderId });
    expect(forbidden.body.statusCode).toBe(403);

    const done = await app.act(anna, "reminder.done", { reminderId });
    expect(done.body.statusCode).toBe(200);
    expect(cardText(done.body.value)).toContain("Klart – markerat av Anna Handläggare");
    expect(JSON.stringify(done.body.value)).not.toContain("reminder.done");
    expect(await app.app.services.reminders.repository.getDeadline(deadlineIds.gp("o-1"))).toMatchObject({
      state: "done",
    });
    app.connector.clear();
    await tickAt("2026-03-23T08:31:00");
    await tickAt("2026-03-24T08:31:00");
    expect(app.connector.cards(annaChat)).toEqual([]);
  });

  it("snoozes from Friday to Monday", async () => {
    await app.app.services.reminders.scheduleFollowUp({ ...gp, dueOn: "2026-04-03" });
    await tickAt("2026-03-20T08:31:00"); // Friday: 14 days before
    const reminderId = (await reminderStates(app)).find((r) => r.state === "sent")!.id;
    const snoozed = await app.act(anna, "reminder.snooze", { reminderId });
    expect(cardText(snoozed.body.value)).toContain("Jag påminner dig igen 2026-03-23");
    app.connector.clear();
    await tickAt("2026-03-21T08:31:00");
    expect(app.connector.cards(annaChat)).toEqual([]);
    await tickAt("2026-03-23T08:31:00");
    expect(cardText(app.connector.cards(annaChat)[0])).toContain("Uppföljning");
  });

  it("waits out a 429's Retry-After for the whole tenant, then delivers exactly once", async () => {
    await app.app.services.reminders.scheduleGpDeadline(gp);
    app.connector.failNext({ status: 429, retryAfterSeconds: 1 });
    await tickAt("2026-03-18T08:31:00");
    const row = (await reminderStates(app)).find((r) => r.target === `user:${anna.id}`)!;
    expect(row).toMatchObject({ state: "pending", last_error: "Teams svarade 429" });
    // Not before Retry-After: the row is due again one second later.
    await tickAt("2026-03-18T08:31:00");
    expect(app.connector.delivered(annaChat)).toHaveLength(0);
    await tickAt("2026-03-18T08:31:02");
    const posts = app.connector.requests.filter((r) => r.conversationId === annaChat);
    expect(posts.map((p) => p.status)).toEqual([429, 200]);
    // The pause held every send to the tenant in real time, not just this row.
    expect(posts[1]!.at - posts[0]!.at).toBeGreaterThanOrEqual(900);
    expect(app.connector.delivered(annaChat)).toHaveLength(1);
    expect(new Set(keysOf(app)).size).toBe(1);
  });

  it("re-queues a 503 and delivers on the next round, not through hidden SDK retries", async () => {
    await app.app.services.reminders.scheduleGpDeadline(gp);
    app.connector.failNext({ status: 503 });
    await tickAt("2026-03-18T08:31:00");
    expect(app.connector.requests.filter((r) => r.conversationId === annaChat)).toHaveLength(1);
    expect((await reminderStates(app)).find((r) => r.target === `user:${anna.id}`)?.last_error).toBe(
      "Teams svarade 503",
    );
    await tickAt("2026-03-18T08:50:00");
    expect(app.connector.delivered(annaChat)).toHaveLength(1);
  });

  it("abandons a send Teams leaves unanswered past TEAMS_SEND_TIMEOUT_MS and re-queues it", async () => {
    // The lease's minimum counts on this bound (src/config.ts): a hanging request must not outlive it.
    const slow = await startTestApp({ env: { TEAMS_SEND_TIMEOUT_MS: "1000" } });
    try {
      await slow.install(anna);
      await slow.app.services.reminders.scheduleGpDeadline(gp);
      slow.connector.latencyMs = 3_000;
      (slow.clock as ManualClock).set(cet("2026-03-18T08:31:00"));
      await slow.app.scheduler.tick();
      const row = (await reminderStates(slow)).find((r) => r.target === `user:${anna.id}`)!;
      expect(row.state).toBe("pending");
      expect(row.last_error).toBe("AbortError");
    } finally {
      await slow.close();
    }
  });

  it("re-queues a 429 without Retry-After with backoff, then delivers", async () => {
    await app.app.services.reminders.scheduleGpDeadline(gp);
    app.connector.failNext({ status: 429 });
    await tickAt("2026-03-18T08:31:00");
    const row = (await reminderStates(app)).find((r) => r.target === `user:${anna.id}`)!;
    expect(row).toMatchObject({ state: "pending", last_error: "Teams svarade 429" });
    await tickAt("2026-03-18T08:50:00");
    expect((await reminderStates(app)).find((r) => r.id === row.id)?.state).toBe("sent");
  });

  it("stays under Teams' limits: a stand-in that enforces them never has to answer 429", async () => {
    app.connector.enforceTeamsLimits();
    // 60 people, 10 of whom share one conversation (a burst the per-conversation windows must pace).
    await seed(app, 60, (i) => (i < 10 ? 0 : i));
    while ((await app.app.scheduler.tick()) > 0) {
      // drain
    }
    expect(app.connector.throttled).toBe(0);
    const keys = keysOf(app).filter((key) => key.includes("|user:"));
    expect(keys).toHaveLength(60);
    expect(new Set(keys).size).toBe(60);
    // The sends took their slots from the tenant's budget in the store, shared with other instances.
    const budget = await app.app.services.store.db.selectFrom("send_budget").selectAll().execute();
    expect(budget).toHaveLength(1);
    expect(Number(budget[0]!.next_at_us)).toBeGreaterThan(0);
  });

  it("marks a blocked conversation stale, and the digest shows what did not arrive and who has not installed", async () => {
    await app.say(karin, "koppla kanal socialpsykiatri Farsta", {
      scope: "channel",
      channelId: farstaChannel,
    });
    app.connector.failConversation(annaChat, { status: 403 });
    await app.app.services.reminders.scheduleGpDeadline(gp);
    await app.app.services.reminders.scheduleFollowUp({
      ...gp,
      caseId: "c-2",
      caseRef: "FA-2026-0200",
      caseworkerId: demoUsers.handlaggareLss.id, // never installed
      dueOn: "2026-03-18",
    });
    await tickAt("2026-03-18T08:31:00");
    expect((await reminderStates(app)).find((r) => r.target === `user:${anna.id}`)).toMatchObject({
      state: "failed",
      last_error: "Teams svarade 403",
    });
    expect((await app.app.services.conversations.get(conversationKey.user(anna.id)))?.staleAt).not.toBeNull();

    await tickAt("2026-03-19T08:01:00");
    const digest = cardText(
      app.connector.cards(farstaChannel).findLast((c) => cardText(c).includes("Dagens frister")),
    );
    expect(digest).toContain("Torsdag 19 mars 2026");
    expect(digest).toContain("En påminnelse om FA-2026-0142 gick inte fram (Teams svarade 403)");
    expect(digest).toContain("Lars Handläggare har inte installerat Insatsguiden");
  });
});

/** `count` installed users, each with a GP deadline whose first reminder is due now. */
async function seed(app: TestApp, count: number, conversationOf = (i: number) => i) {
  const { services } = app.app;
  for (let i = 0; i < count; i += 1) {
    const userId = `user-${i}`;
    await services.conversations.save({
      key: conversationKey.user(userId),
      kind: "user",
      reference: {
        channelId: "msteams",
        serviceUrl: app.connector.url,
        conversation: { id: `a:conv-${conversationOf(i)}` },
        bot: { id: "28:bot" },
      },
      tenantId: "t",
      at: new Date(0),
    });
    await services.reminders.scheduleGpDeadline({
      ...gp,
      orderId: `o-${i}`,
      caseId: `c-${i}`,
      caseworkerId: userId,
    });
  }
  (app.clock as ManualClock).set(cet("2026-03-18T08:31:00"));
}

describe.each(dialects)("reminder delivery across instances on %s", (dialect) => {
  let app: TestApp;
  beforeEach(async () => {
    app = await startTestApp({ dialect });
  });
  afterEach(async () => {
    await app.close();
  });

  /** A second connection pool / file handle on the same database: another bot instance. */
  function secondConnection() {
    return dialect === "postgres"
      ? openStore({ databaseUrl: postgresUrl, pgSchema: app.pgSchema! })
      : openStore({ sqliteFile: `${app.dataDir}/insatsguiden.sqlite` });
  }

  function schedulerWith(sender: ReminderSender, store = app.app.services.store, instanceId?: string) {
    const { services } = app.app;
    return new ReminderScheduler(
      {
        repository: new ReminderRepository(store),
        conversations: new ConversationRepository(store),
        directory: services.directory,
        clock: app.clock,
        log: silentLogger,
        sender,
        insatsName: (id) => id,
      },
      {
        leaseMs: 60_000,
        intervalMs: 0,
        digestTime: "08:00",
        batchSize: 4,
        ...(instanceId ? { instanceId } : {}),
      },
    );
  }

  it("loses nothing and sends nothing twice when an instance dies in the middle of a batch", async () => {
    await seed(app, 12);
    const real = app.app.runtime.sender;
    const doomedStore = secondConnection();
    let calls = 0;
    // The doomed instance delivers three messages; its fourth send never returns.
    const dying: ReminderSender = {
      send: (message) => (++calls <= 3 ? real.send(message) : new Promise(() => undefined)),
    };
    const doomed = schedulerWith(dying, doomedStore, "doomed");
    void doomed.tick().catch(() => undefined);
    const sentRows = () =>
      app.app.services.store.db
        .selectFrom("reminders")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("state", "=", "sent")
        .executeTakeFirstOrThrow();
    for (let i = 0; i < 200 && Number((await sentRows()).n) < 3; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(Number((await sentRows()).n)).toBe(3);
    // The crash: the instance loses its database and never comes back.
    await doomedStore.close();

    (app.clock as ManualClock).advance(61_000);
    const survivor = schedulerWith(real, app.app.services.store, "survivor");
    while ((await survivor.tick()) > 0) {
      // drain
    }
    const keys = keysOf(app).filter((key) => key.includes(`|user:`));
    expect(keys).toHaveLength(12);
    expect(new Set(keys).size).toBe(12);
  });

  it("two instances polling the same database never send the same reminder", async () => {
    await seed(app, 30);
    const otherStore = secondConnection();
    const otherSender = new ProactiveSender(
      app.app.runtime.adapter,
      "",
      new ConversationRepository(otherStore),
    );
    const instances = [
      schedulerWith(app.app.runtime.sender, app.app.services.store, "a"),
      schedulerWith(otherSender, otherStore, "b"),
    ];
    await Promise.all(
      instances.map(async (scheduler) => {
        while ((await scheduler.tick()) > 0) {
          // drain
        }
      }),
    );
    await otherStore.close();
    const keys = keysOf(app).filter((key) => key.includes(`|user:`));
    expect(keys).toHaveLength(30);
    expect(new Set(keys).size).toBe(30);
  });
});
