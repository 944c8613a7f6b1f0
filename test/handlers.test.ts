/**
 * The handler layer: the real InsatsguidenBot and its registries driven through botbuilder's
 * TestAdapter — no HTTP, no connector; replies and invoke responses land in the adapter's queue.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { TestAdapter, type Activity } from "botbuilder";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { messageFor } from "../bot/error-messages.js";
import { createBotRuntime, type BotRuntime } from "../bot/index.js";
import { ManualClock } from "../src/clock.js";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/log.js";
import { createServices } from "../src/main.js";
import type { AppServices } from "../src/services.js";
import { conversationKey } from "../src/store/conversations.js";
import { cardText } from "./support/app.js";
import { demoUsers, makeCardAction, makeInstall, makeMessage, type DemoUser } from "./support/fixtures.js";

// TestAdapter never calls the service; the activities only need a plausible address.
const conversation = { serviceUrl: "https://smba.example.invalid/emea/" };

let dataDir: string;
let services: AppServices;
let runtime: BotRuntime;
let adapter: TestAdapter;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-handlers-"));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: "silent", PORT: "0" });
  services = await createServices(config, {
    log: silentLogger,
    clock: new ManualClock(new Date("2026-03-02T09:00:00+01:00")),
  });
  runtime = createBotRuntime(services);
});

afterAll(async () => {
  await services.store.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

beforeEach(() => {
  // No template: TestAdapter would overwrite each activity's own from/conversation with it.
  adapter = new TestAdapter((context) => runtime.bot.run(context));
});

/** Runs one incoming activity and returns everything the bot sent during that turn. */
async function turn(activity: Record<string, unknown>): Promise<Partial<Activity>[]> {
  await adapter.processActivity(activity as Partial<Activity>);
  const sent: Partial<Activity>[] = [];
  for (let reply = adapter.getNextReply(); reply; reply = adapter.getNextReply()) sent.push(reply);
  return sent;
}

function cardsIn(sent: Partial<Activity>[]): unknown[] {
  return sent.flatMap((activity) =>
    (activity.attachments ?? [])
      .filter((attachment) => attachment.contentType === "application/vnd.microsoft.card.adaptive")
      .map((attachment) => attachment.content as unknown),
  );
}

async function invokeResponseOf(user: DemoUser, verb: string, data: Record<string, unknown>) {
  const sent = await turn(makeCardAction(user, verb, data, conversation));
  const invokeResponses = sent.filter((activity) => activity.type === "invokeResponse");
  expect(invokeResponses).toHaveLength(1);
  return invokeResponses[0]!.value as {
    status: number;
    body: { statusCode: number; type: string; value: { code?: string; message?: string } };
  };
}

describe("handlers through TestAdapter", () => {
  it("greets the caseworker by name with the Swedish welcome card on install and keeps the conversation", async () => {
    const sent = await turn(makeInstall(demoUsers.handlaggare, conversation));

    const cards = cardsIn(sent);
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text).toContain("Välkommen till Insatsguiden");
    expect(text).toContain("Hej Anna!");
    const stored = await services.conversations.get(conversationKey.user(demoUsers.handlaggare.id));
    expect(stored?.kind).toBe("user");
  });

  it("welcomes a team channel without greeting anyone by name", async () => {
    const sent = await turn(makeInstall(demoUsers.gruppledareAlfa, { ...conversation, scope: "channel" }));

    const text = cardText(cardsIn(sent)[0]);
    expect(text).toContain("Välkommen till Insatsguiden");
    expect(text).not.toContain("Hej Eva");
  });

  it.each([["hjälp"], ["Hjälp"], ["help"]])("answers %j with the help card", async (command) => {
    const sent = await turn(makeMessage(demoUsers.specialistAlfa, command, conversation));

    const cards = cardsIn(sent);
    expect(cards).toHaveLength(1);
    const text = cardText(cards[0]);
    expect(text).toContain("Det här kan du skriva till mig");
    expect(text).toContain("hjälp");
  });

  it("tells an unknown user how to get access and nothing else", async () => {
    const sent = await turn(makeMessage(demoUsers.unknown, "hjälp", conversation));

    expect(cardsIn(sent)).toHaveLength(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toBe(messageFor("USER.UNKNOWN"));
  });

  it("answers an invoke with an unknown verb with 400 application/vnd.microsoft.error", async () => {
    const response = await invokeResponseOf(demoUsers.handlaggare, "finns.inte", {});

    expect(response.status).toBe(400);
    expect(response.body.statusCode).toBe(400);
    expect(response.body.type).toBe("application/vnd.microsoft.error");
    expect(response.body.value.code).toBe("ACTION.UNKNOWN_VERB");
  });

  it("answers a known verb with a card", async () => {
    const response = await invokeResponseOf(demoUsers.handlaggare, "help.show", {});

    expect(response.status).toBe(200);
    expect(response.body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(response.body.value)).toContain("Det här kan du skriva till mig");
  });
});
