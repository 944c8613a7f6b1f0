import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { demoUsers, makeMessage, testTenantId } from "./support/fixtures.js";
import { OpenIdStandIn } from "./support/openid-standin.js";

describe("the bot over HTTP with the connector stand-in", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it("greets a personal install with the Swedish welcome card and stores the reference", async () => {
    t.connector.clear();
    const { status } = await t.install(demoUsers.handlaggare);
    expect(status).toBe(200);
    const [card] = t.connector.cards();
    expect(card?.version).toBe("1.5");
    expect(cardText(card)).toContain("Välkommen till Insatsguiden");
    expect(cardText(card)).toContain("Hej Anna!");
    const stored = await t.app.services.conversations.get(`user:${demoUsers.handlaggare.id}`);
    expect(stored?.reference).toMatchObject({
      serviceUrl: t.connector.url,
      conversation: { conversationType: "personal" },
    });
  });

  it("greets a team channel install without naming anyone", async () => {
    t.connector.clear();
    await t.install(demoUsers.gruppledareAlfa, { scope: "channel", channelId: "19:alfa-intag@thread.tacv2" });
    const [card] = t.connector.cards("19:alfa-intag@thread.tacv2");
    expect(cardText(card)).toContain("Välkommen till Insatsguiden");
    expect(cardText(card)).not.toContain("Eva");
    expect(await t.app.services.conversations.get("channel:19:alfa-intag@thread.tacv2")).toBeDefined();
  });

  it("answers hjälp (and hjalp, HJÄLP) with the help card listing commands", async () => {
    for (const text of ["hjälp", "hjalp", "HJÄLP"]) {
      t.connector.clear();
      await t.say(demoUsers.handlaggare, text);
      await t.connector.waitFor(() => t.connector.cards().length > 0);
      expect(cardText(t.connector.cards()[0])).toContain("Det här kan du skriva till mig");
    }
  });

  it("strips the bot mention in a channel before matching the command", async () => {
    t.connector.clear();
    const activity = makeMessage(demoUsers.gruppledareAlfa, "<at>Insatsguiden</at> hjälp", {
      scope: "channel",
      serviceUrl: t.connector.url,
    });
    activity.entities = [
      {
        type: "mention",
        text: "<at>Insatsguiden</at>",
        mentioned: { id: "28:insatsguiden-bot", name: "Insatsguiden" },
      },
    ];
    await t.post(activity);
    expect(cardText(t.connector.cards()[0])).toContain("Det här kan du skriva till mig");
  });

  it("tells an unknown user how to get access, and nothing else", async () => {
    t.connector.clear();
    await t.say(demoUsers.unknown, "hjälp");
    const activities = t.connector.activities();
    expect(activities).toHaveLength(1);
    expect(activities[0]?.text).toMatch(/finns inte i Insatsguidens katalog/);
    expect(t.connector.cards()).toHaveLength(0);
  });

  it("routes a registered card verb and returns the card in the invoke response", async () => {
    const { status, body } = await t.act(demoUsers.handlaggare, "help.show", {});
    expect(status).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardText(body.value)).toContain("Det här kan du skriva till mig");
  });

  it("answers an unknown verb with a 400 application/vnd.microsoft.error, never a 500", async () => {
    const { status, body } = await t.act(demoUsers.handlaggare, "no.such.verb", {});
    expect(status).toBe(400);
    expect(body).toMatchObject({
      statusCode: 400,
      type: "application/vnd.microsoft.error",
      value: { code: "ACTION.UNKNOWN_VERB" },
    });
  });

  it("answers an invoke from an unknown user with the access message", async () => {
    const { status, body } = await t.act(demoUsers.unknown, "help.show", {});
    expect(status).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.activity.message");
    expect(String(body.value)).toMatch(/finns inte i Insatsguidens katalog/);
  });

  it("answers malformed JSON with a 4xx", async () => {
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{not json",
    });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
  });

  it("reports health and readiness", async () => {
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${t.app.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("binds to loopback only in local mode", () => {
    expect(t.app.services.config.localMode).toBe(true);
    expect(t.app.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
  });
});

describe("with a Bot Framework app id", () => {
  const appId = "00000000-aaaa-bbbb-cccc-000000000001";
  let t: TestApp;
  let openId: OpenIdStandIn;
  beforeAll(async () => {
    openId = await OpenIdStandIn.start();
    t = await startTestApp({
      env: {
        BOT_OPENID_METADATA_URL: openId.metadataUrl,
        MicrosoftAppId: appId,
        MicrosoftAppPassword: "hemlighet",
        MicrosoftAppTenantId: testTenantId,
        HOST: "127.0.0.1",
        ALLOWED_TENANTS: testTenantId,
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await openId.stop();
  });

  it("refuses an unsigned request with 401", async () => {
    t.connector.clear();
    const { status } = await t.say(demoUsers.handlaggare, "hjälp");
    expect(status).toBe(401);
    expect(t.connector.requests).toHaveLength(0);
  });

  it("accepts a correctly signed channel token", async () => {
    const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url });
    const token = openId.sign({ appId, serviceUrl: t.connector.url });
    const { status } = await t.post(activity, { authorization: `Bearer ${token}` });
    expect(status).toBe(200);
  });

  it("refuses a token signed by another key with 401, not 500", async () => {
    const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url });
    const forged = openId.forge({ appId, serviceUrl: t.connector.url });
    const { status } = await t.post(activity, { authorization: `Bearer ${forged}` });
    expect(status).toBe(401);
  });

  it("refuses a token for another bot with 401", async () => {
    const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url });
    const token = openId.sign({ appId: "someone-else", serviceUrl: t.connector.url });
    const { status } = await t.post(activity, { authorization: `Bearer ${token}` });
    expect(status).toBe(401);
  });

  it("refuses an activity from a tenant outside ALLOWED_TENANTS with 403", async () => {
    const { status } = await t.say(demoUsers.handlaggare, "hjälp", {
      tenantId: "ffffffff-0000-0000-0000-000000000000",
    });
    expect(status).toBe(403);
  });
});

describe("graceful shutdown", () => {
  it("finishes an in-flight turn before closing, then refuses new connections", async () => {
    const t = await startTestApp();
    // A slow connector keeps the turn running when close() starts.
    t.connector.latencyMs = 300;
    const turn = t.say(demoUsers.handlaggare, "hjälp");
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(t.connector.requests).toHaveLength(1);
    expect(t.connector.cards()).toHaveLength(1);
    let closed = false;
    const closing = t.app.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false);
    const result = await turn;
    await closing;
    expect(result.status).toBe(200);
    expect(closed).toBe(true);
    await expect(fetch(`${t.app.url}/healthz`)).rejects.toThrow();
    await t.connector.stop();
  });
});
