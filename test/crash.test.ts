/**
 * Crash tests: the real server as a child process, killed with SIGKILL right after a change
 * commits and before any of its effects ran (INSATSGUIDEN_FAULT, src/fault.ts), then restarted.
 * Every effect must arrive afterwards as docs/effects.md promises: the decision register entry
 * and the order card exactly once, the GP deadline's reminders, the caseworker's notice, a
 * handover's notices and cards. And two
 * instances on one PostgreSQL, one killed mid-batch: no reminder lost.
 * The children run with a small claim batch, pause cap and send timeout, so the shortest lease the
 * configuration accepts for them (src/config.ts) is seconds, and a dead instance's claims come free
 * soon; each child start still costs a few seconds (tsx compiles the app).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemClock } from "../src/clock.js";
import { loadConfig, minimumLeaseMs } from "../src/config.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { silentLogger } from "../src/log.js";
import { startApp } from "../src/main.js";
import { openStore, type Store } from "../src/store/db.js";
import { migrateToLatest } from "../src/store/migrate.js";
import { startChildServer, type ChildServer } from "./support/child-server.js";
import { cardText } from "./support/app.js";
import { ConnectorStandIn } from "./support/connector-standin.js";
import { seedDueReminders } from "./support/due-reminders.js";
import {
  alfaStepsUntilDecision,
  demoUsers,
  makeCardAction,
  makeInstall,
  makeMessage,
  type DemoUser,
} from "./support/fixtures.js";
import {
  createPgSchema,
  dialects,
  dropPgSchema,
  postgresUnavailable,
  postgresUrl,
} from "./support/stores.js";

const intake = "19:alfa-intake@thread.tacv2";
const inChannel = { scope: "channel" as const, channelId: intake, conversationId: intake };
const personal = (user: DemoUser) => `a:personal-${user.id}`;

interface Setup {
  dataDir: string;
  pgSchema: string | undefined;
  connector: ConnectorStandIn;
  env: Record<string, string>;
  store(): Store;
}

async function post(url: string, activity: Record<string, unknown>): Promise<number | "killed"> {
  try {
    const response = await fetch(`${url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity),
    });
    await response.text();
    return response.status;
  } catch {
    return "killed";
  }
}

async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  timeoutMs = 90_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function prepare(dialect: "sqlite" | "postgres"): Promise<Setup> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-crash-"));
  const pgSchema = dialect === "postgres" ? await createPgSchema() : undefined;
  const connector = await ConnectorStandIn.start();
  const storeOptions = pgSchema ? { databaseUrl: postgresUrl, pgSchema } : {};
  const pacing = { SCHEDULER_BATCH_SIZE: "10", TEAMS_PAUSE_CAP_MS: "1000", TEAMS_SEND_TIMEOUT_MS: "2000" };
  const env: Record<string, string> = {
    DATA_DIR: dataDir,
    SCHEDULER_INTERVAL_MS: "100",
    ...pacing,
    // The shortest lease the configuration accepts with these (src/config.ts): pacing may hold a claim that long.
    SCHEDULER_LEASE_MS: String(minimumLeaseMs(loadConfig(pacing))),
    ...(pgSchema
      ? { DATABASE_URL: `${postgresUrl}?options=${encodeURIComponent(`-c search_path=${pgSchema}`)}` }
      : {}),
  };
  return {
    dataDir,
    pgSchema,
    connector,
    env,
    store: () =>
      openStore(pgSchema ? storeOptions : { sqliteFile: path.join(dataDir, "insatsguiden.sqlite") }),
  };
}

async function teardown(setup: Setup): Promise<void> {
  await setup.connector.stop();
  if (setup.pgSchema) await dropPgSchema(setup.pgSchema);
  fs.rmSync(setup.dataDir, { recursive: true, force: true });
}

const count = async (store: Store, table: "decision_register" | "orders") =>
  Number(
    (
      await store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe.each(dialects)("a server killed between commit and effect on %s", (dialect) => {
  let setup: Setup;
  let child: ChildServer | undefined;
  let store: Store | undefined;

  beforeEach(async () => {
    setup = await prepare(dialect);
  });

  afterEach(async () => {
    await child?.kill();
    await store?.close();
    await teardown(setup);
  });

  it("loses no effect: the register, the order card, the GP reminders and the caseworker's notice", async () => {
    const conversation = { serviceUrl: setup.connector.url };
    // The state before: Anna and Sara have the app, Alfa's channel is linked, the case awaits its decision.
    const app = await startApp(
      loadConfig({ ...setup.env, PORT: "0", LOG_LEVEL: "silent", SCHEDULER_INTERVAL_MS: "0" }),
      {
        clock: systemClock,
        log: silentLogger,
        ...(setup.pgSchema ? { store: { databaseUrl: postgresUrl, pgSchema: setup.pgSchema } } : {}),
      },
    );
    for (const user of [demoUsers.handlaggare, demoUsers.specialistAlfa, demoUsers.specialistAlfa2]) {
      await post(app.url, makeInstall(user, conversation));
    }
    expect(
      await post(
        app.url,
        makeMessage(demoUsers.gruppledareAlfa, "koppla kanal alfa", { ...conversation, ...inChannel }),
      ),
    ).toBe(200);
    expect(await app.services.reminders.repository.channelForUnit("unit:alfa")).toBeDefined();
    const { cases, directory } = app.services;
    const anna = (await directory.findUser(demoUsers.handlaggare.id)) as DirectoryUser;
    let { record } = await cases.open(anna, {
      creationKey: "crash-1",
      caseRef: "FA-2026-0142",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-01-05",
      gender: "kvinna",
      age: 30,
    });
    for (const step of [...alfaStepsUntilDecision]) {
      record = (await cases.act(anna, record.id, record.version, step as never)).record;
    }
    await app.close();
    setup.connector.clear();
    const caseId = record.id;
    store = setup.store();
    const faulty = { ...setup.env, INSATSGUIDEN_FAULT: "after-commit" };
    // The caseworker's notices (GP reminders reach her chat too).
    const notices = () =>
      setup.connector
        .delivered(personal(demoUsers.handlaggare))
        .filter((a) =>
          (
            a.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined
          )?.insatsguiden?.idempotencyKey?.includes("tellCaseworker"),
        );
    // The order card's posts to the channel (reminders go there too).
    const orderCardPosts = () =>
      setup.connector.requests.filter(
        (r) =>
          r.conversationId === intake &&
          r.method === "POST" &&
          r.status === 200 &&
          (
            r.body.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined
          )?.insatsguiden?.idempotencyKey?.startsWith("order:"),
      );

    // 1. The decision commits; the server dies before the register hears of it.
    child = await startChildServer(faulty);
    const decided = await post(
      child.url,
      makeCardAction(
        demoUsers.handlaggare,
        "case.decide",
        {
          caseId,
          v: record.version,
          outcome: "bifall",
          decidedOn: "2026-02-09",
          periodFrom: "2026-02-09",
          periodTo: "2027-02-08",
          amendmentReservation: "true",
        },
        conversation,
      ),
    );
    expect(decided).toBe("killed");
    expect(await child.exited).toMatchObject({ signal: "SIGKILL" });
    expect(await count(store, "decision_register")).toBe(0);

    // 2. Restarted, it records the decision; the order commits and the server dies again.
    child = await startChildServer(faulty);
    await until("the decision in the register", async () => (await count(store!, "decision_register")) === 1);
    const version = (
      await store.db.selectFrom("cases").select("version").where("id", "=", caseId).executeTakeFirstOrThrow()
    ).version;
    const ordered = await post(
      child.url,
      makeCardAction(
        demoUsers.handlaggare,
        "case.order",
        { caseId, v: version, orderedOn: "2026-02-10" },
        conversation,
      ),
    );
    expect(ordered).toBe("killed");
    await child.exited;
    expect(await count(store, "orders")).toBe(1);
    expect(orderCardPosts()).toHaveLength(0);

    // 3. Restarted, the card reaches the channel and the GP deadline is set; Sara takes the
    //    order and reports the plan sent, and the server dies before the caseworker hears of it.
    child = await startChildServer({ ...setup.env, INSATSGUIDEN_FAULT: "after-commit#2" });
    await until("the order card in the channel", () => orderCardPosts().length === 1);
    const order = await store.db.selectFrom("orders").selectAll().executeTakeFirstOrThrow();
    await until("the GP deadline", async () =>
      Boolean(
        await store!.db
          .selectFrom("deadlines")
          .select("id")
          .where("id", "=", `gp:${order.id}`)
          .executeTakeFirst(),
      ),
    );
    const gpReminders = () =>
      store!.db
        .selectFrom("reminders")
        .select(["target", "state"])
        .where("deadline_id", "=", `gp:${order.id}`)
        .execute();
    // The GP reminders are planned (the dates lie in the past of the real clock: they go out at once).
    const planned = await gpReminders();
    expect(planned.length).toBeGreaterThan(0);
    // To Jobbtorg Alfa's channel and the caseworker's unit (src/reminders/policy.ts).
    expect(planned.map((r) => r.target)).toEqual(expect.arrayContaining(["unit:alfa"]));
    const sara = { ...conversation, ...inChannel };
    expect(
      await post(
        child.url,
        makeCardAction(demoUsers.specialistAlfa, "order.take", { orderId: order.id }, sara),
      ),
    ).toBe(200);
    const sent = await post(
      child.url,
      makeCardAction(
        demoUsers.specialistAlfa,
        "order.gpSent",
        { orderId: order.id, sentOn: "2026-02-27" },
        conversation,
      ),
    );
    expect(sent).toBe("killed");
    await child.exited;
    expect(notices()).toHaveLength(0);

    // 4. Restarted: the notice arrives, the deadline closes, nothing is doubled.
    child = await startChildServer(faulty);
    await until("the caseworker's notice", () => notices().length === 1);
    await until(
      "the GP deadline closed",
      async () =>
        (
          await store!.db
            .selectFrom("deadlines")
            .select("state")
            .where("id", "=", `gp:${order.id}`)
            .executeTakeFirstOrThrow()
        ).state === "done",
    );
    await until(
      "no effect left",
      async () =>
        (await store!.db.selectFrom("outbox").select("id").where("state", "!=", "done").execute()).length ===
        0,
    );
    // 5. Eva hands Sara's order to Omar; the server dies before anyone hears of it.
    const handedOver = await post(
      child.url,
      makeCardAction(
        demoUsers.gruppledareAlfa,
        "handover.orders",
        { unit: "alfa", fromId: demoUsers.specialistAlfa.id, toId: demoUsers.specialistAlfa2.id },
        conversation,
      ),
    );
    expect(handedOver).toBe("killed");
    await child.exited;
    expect((await store.db.selectFrom("orders").select("assignee").executeTakeFirstOrThrow()).assignee).toBe(
      demoUsers.specialistAlfa2.id,
    );
    const omar = personal(demoUsers.specialistAlfa2);
    const told = (chat: string) =>
      setup.connector.cards(chat).filter((card) => cardText(card).includes("Beställningar har flyttats"));
    expect(told(omar)).toHaveLength(0);

    // 6. Restarted without faults: both are told, and Omar's chat gets the order's card.
    child = await startChildServer(setup.env);
    await until(
      "both told of the handover",
      () => told(omar).length === 1 && told(personal(demoUsers.specialistAlfa)).length === 1,
    );
    await until("the order card in Omar's chat", () =>
      setup.connector
        .delivered(omar)
        .some((a) =>
          (
            a.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined
          )?.insatsguiden?.idempotencyKey?.startsWith("order:"),
        ),
    );
    await until(
      "no effect left",
      async () =>
        (await store!.db.selectFrom("outbox").select("id").where("state", "!=", "done").execute()).length ===
        0,
    );
    await child.stop();
    // The plan arrived: no GP reminder waits any more.
    expect((await gpReminders()).filter((r) => r.state === "pending" || r.state === "waiting")).toEqual([]);
    expect(await count(store, "decision_register")).toBe(1);
    // One post of the card to the channel, ever; later changes update it in place.
    expect(orderCardPosts()).toHaveLength(1);
    expect(notices()).toHaveLength(1);
  }, 400_000);
});

describe.skipIf(postgresUnavailable !== undefined)(
  "two instances on one PostgreSQL, one killed mid-batch",
  () => {
    let setup: Setup;
    const children: ChildServer[] = [];
    let store: Store | undefined;

    beforeEach(async () => {
      setup = await prepare("postgres");
    });

    afterEach(async () => {
      await Promise.all(children.map((c) => c.kill()));
      await store?.close();
      await teardown(setup);
    });

    it("delivers every reminder: none lost, a repeat only for what was in flight at the kill", async () => {
      const reminders = 300;
      // The schema migrated; then the due reminders, to 300 people.
      store = setup.store();
      await migrateToLatest(store);
      const now = Date.now();
      await seedDueReminders(store, {
        count: reminders,
        people: reminders,
        serviceUrl: setup.connector.url,
        now,
        keyPrefix: "crash",
      });
      // A slow connector, so the kill finds sends in flight.
      setup.connector.latencyMs = 30;
      const keys = () =>
        setup.connector
          .delivered()
          .map(
            (a) =>
              (a.channelData as { insatsguiden?: { idempotencyKey?: string } } | undefined)?.insatsguiden
                ?.idempotencyKey,
          )
          .filter((key): key is string => key !== undefined);

      const env = setup.env;
      children.push(await startChildServer(env), await startChildServer(env));
      await until("a first part delivered", () => keys().length >= 60);
      await children[0]!.kill();
      // The killed instance's claims come free when their lease (13 s with these settings) runs out.
      await until("every reminder delivered", () => new Set(keys()).size === reminders, 240_000);
      await children[1]!.stop();

      const delivered = keys();
      expect(new Set(delivered).size).toBe(reminders);
      // At-least-once: only sends that were on their way at the kill may repeat (16 at a time).
      // And the lease held: a live instance never claimed a row the other still worked on.
      expect(delivered.length - reminders).toBeLessThanOrEqual(16);
      const rows = await store.db.selectFrom("reminders").select("state").execute();
      expect(rows.every((row) => row.state === "sent")).toBe(true);
    }, 400_000);
  },
);
