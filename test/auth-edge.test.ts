/**
 * Tokens we cannot verify answer 401, never 5xx, and an unreachable OpenID metadata endpoint is
 * not asked again on every request (bot/openid-negative-cache.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "./support/app.js";
import { demoUsers, makeMessage, testTenantId } from "./support/fixtures.js";
import { OpenIdStandIn } from "./support/openid-standin.js";

const appId = "00000000-aaaa-bbbb-cccc-000000000001";
const appEnv = (metadataUrl: string) => ({
  BOT_OPENID_METADATA_URL: metadataUrl,
  MicrosoftAppId: appId,
  MicrosoftAppPassword: "hemlighet",
  MicrosoftAppTenantId: testTenantId,
  HOST: "127.0.0.1",
});

describe("tokens that cannot be verified", () => {
  let openId: OpenIdStandIn;
  let t: TestApp;
  beforeAll(async () => {
    openId = await OpenIdStandIn.start();
    t = await startTestApp({ env: appEnv(openId.metadataUrl) });
  });
  afterAll(async () => {
    await t.close();
    await openId.stop();
  });

  const post = (token: string) =>
    t.post(makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url }), {
      authorization: `Bearer ${token}`,
    });

  it("answers a token with the emulator's issuer 401 without fetching anything", async () => {
    const emulator = openId.sign({
      appId,
      serviceUrl: t.connector.url,
      issuer: "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
    });
    const before = openId.metadataRequests;
    for (let i = 0; i < 5; i += 1) expect((await post(emulator)).status).toBe(401);
    expect(openId.metadataRequests).toBe(before);
    expect(t.connector.requests).toHaveLength(0);
  });

  it("answers 401 while the metadata cannot be fetched, and asks for it once, not per request", async () => {
    openId.failing = true;
    const token = openId.sign({ appId, serviceUrl: t.connector.url });
    const statuses = await Promise.all(Array.from({ length: 10 }, () => post(token)));
    for (let i = 0; i < 10; i += 1) statuses.push(await post(token));
    expect(statuses.map((s) => s.status)).toEqual(Array(20).fill(401));
    expect(openId.metadataRequests).toBe(1);
    expect(t.connector.requests).toHaveLength(0);
  });
});

describe("an OpenID metadata endpoint that does not answer at all", () => {
  let t: TestApp;
  let openId: OpenIdStandIn;
  beforeAll(async () => {
    openId = await OpenIdStandIn.start();
    const url = openId.metadataUrl;
    await openId.stop(); // connection refused from now on
    t = await startTestApp({ env: appEnv(url) });
  });
  afterAll(async () => {
    await t.close();
  });

  it("answers 401, not 503", async () => {
    const token = openId.sign({ appId, serviceUrl: t.connector.url });
    const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url });
    for (let i = 0; i < 3; i += 1) {
      expect((await t.post(activity, { authorization: `Bearer ${token}` })).status).toBe(401);
    }
  });
});
