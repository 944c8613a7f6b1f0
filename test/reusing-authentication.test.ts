import type { Activity } from "botbuilder";
import { PasswordServiceClientCredentialFactory } from "botframework-connector";
import { describe, expect, it } from "vitest";
import { ReusingClientsAuthentication } from "../bot/reusing-authentication.js";
import { LruCache } from "../src/lru-cache.js";
import { demoUsers, makeMessage } from "./support/fixtures.js";

const teams = "https://smba.trafficmanager.net/emea/";
const other = "https://smba.trafficmanager.net/amer/";

async function turnIdentity(authentication: ReusingClientsAuthentication) {
  const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: teams }) as unknown as Activity;
  const result = await authentication.authenticateRequest(activity, "");
  return { ...result, connectorFactory: result.connectorFactory! };
}

/** Where a connector client sends (protected in botframework-connector's typings). */
function baseUriOf(client: object): string | undefined {
  return (client as { baseUri?: string }).baseUri;
}

describe("Bot Connector clients reused across turns", () => {
  it("gives every turn to the same service URL the same connector client", async () => {
    const authentication = new ReusingClientsAuthentication({ MicrosoftAppType: "MultiTenant" });
    const first = await turnIdentity(authentication);
    const second = await turnIdentity(authentication);
    const client = await first.connectorFactory.create(teams, first.audience);
    expect(await second.connectorFactory.create(teams, second.audience)).toBe(client);
    // A proactive turn (reminders) builds its factory from a claims identity: the same client.
    const proactive = authentication.createConnectorFactory(first.claimsIdentity);
    expect(await proactive.create(teams, first.audience)).toBe(client);
  });

  it("keeps one client per service URL, each sending to its own", async () => {
    const authentication = new ReusingClientsAuthentication({ MicrosoftAppType: "MultiTenant" });
    const { connectorFactory, audience } = await turnIdentity(authentication);
    const europe = await connectorFactory.create(teams, audience);
    const americas = await connectorFactory.create(other, audience);
    expect(americas).not.toBe(europe);
    expect(baseUriOf(europe)).toBe(teams);
    expect(baseUriOf(americas)).toBe(other);
  });

  it("reuses the user-token client of the same app", async () => {
    const authentication = new ReusingClientsAuthentication({ MicrosoftAppType: "MultiTenant" });
    const { claimsIdentity } = await turnIdentity(authentication);
    const client = await authentication.createUserTokenClient(claimsIdentity);
    expect(await authentication.createUserTokenClient(claimsIdentity)).toBe(client);
  });

  it("does not keep a client whose creation failed: the next turn tries again", async () => {
    let attempts = 0;
    // Credentials that cannot be made the first time (say, the token endpoint was unreachable).
    const flaky = new (class extends PasswordServiceClientCredentialFactory {
      override async createCredentials(
        ...args: Parameters<PasswordServiceClientCredentialFactory["createCredentials"]>
      ) {
        attempts += 1;
        if (attempts === 1) throw new Error("inloggningstjänsten svarade inte");
        return super.createCredentials(...args);
      }
    })("", "");
    const authentication = new ReusingClientsAuthentication({ MicrosoftAppType: "MultiTenant" }, flaky);
    const { connectorFactory, audience } = await turnIdentity(authentication);
    await expect(connectorFactory.create(teams, audience)).rejects.toThrow("svarade inte");
    const client = await connectorFactory.create(teams, audience);
    expect(baseUriOf(client)).toBe(teams);
    expect(await connectorFactory.create(teams, audience)).toBe(client);
    expect(attempts).toBe(2);
  });
});

describe("LruCache", () => {
  it("creates once per key and drops the least recently used past its limit", () => {
    const cache = new LruCache<string, number>(2);
    let created = 0;
    const get = (key: string) => cache.getOrCreate(key, () => (created += 1));
    expect(get("a")).toBe(1);
    expect(get("b")).toBe(2);
    expect(get("a")).toBe(1); // a hit: "b" is now the least recently used
    expect(get("c")).toBe(3);
    expect(cache.size).toBe(2);
    expect(get("a")).toBe(1);
    expect(get("b")).toBe(4); // "b" was dropped, so it is made anew
  });

  it("forgets a deleted key", () => {
    const cache = new LruCache<string, number>(4);
    let created = 0;
    cache.getOrCreate("a", () => (created += 1));
    cache.delete("a");
    expect(cache.getOrCreate("a", () => (created += 1))).toBe(2);
  });
});
