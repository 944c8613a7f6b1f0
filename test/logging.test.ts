/**
 * Logs hide personal fields but keep what an error was (src/log.ts), and botbuilder's own console
 * output becomes one pino line at debug with no token or key in it (bot/console-routing.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createLogger } from "../src/log.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { demoUsers, makeMessage, testTenantId } from "./support/fixtures.js";
import { OpenIdStandIn } from "./support/openid-standin.js";

function capture(level = "info") {
  const lines: string[] = [];
  const log = createLogger(level, { write: (line: string) => void lines.push(line) });
  return { log, lines, parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

describe("redaction", () => {
  it("keeps err.name and err.code, hides names, text, card input and addresses at any depth", () => {
    const { log, parsed } = capture();
    log.error(
      {
        err: { name: "SmtpError", code: "EAUTH", message: "550 anna@stockholm.se refused", stack: "…" },
        text: "850312-2395",
        user: { id: "u1", name: "Anna Handläggare", displayName: "Anna", email: "anna@stockholm.se" },
        nested: { deeper: { value: { caseRef: "x" }, text: "hemligt" } },
      },
      "failed",
    );
    log.warn(Object.assign(new TypeError("boom anna@stockholm.se"), { code: "E_X" }), "thrown");
    const [first, second] = parsed();
    expect(first).toMatchObject({
      err: { name: "SmtpError", code: "EAUTH" },
      text: "[dold]",
      user: { id: "u1", name: "[dold]", displayName: "[dold]", email: "[dold]" },
      nested: { deeper: { value: "[dold]", text: "[dold]" } },
    });
    expect(JSON.stringify(first)).not.toMatch(/anna@|refused|850312/);
    expect(second).toMatchObject({ err: { name: "TypeError", code: "E_X" } });
    expect(JSON.stringify(second)).not.toContain("anna@");
  });
});

describe("botbuilder's console output", () => {
  const appId = "00000000-aaaa-bbbb-cccc-000000000001";
  let openId: OpenIdStandIn;
  let t: TestApp;
  const logged = capture("debug");
  beforeAll(async () => {
    openId = await OpenIdStandIn.start();
    t = await startTestApp({
      log: logged.log,
      env: {
        BOT_OPENID_METADATA_URL: openId.metadataUrl,
        MicrosoftAppId: appId,
        MicrosoftAppPassword: "hemlighet",
        MicrosoftAppTenantId: testTenantId,
        HOST: "127.0.0.1",
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await openId.stop();
  });

  it("is one debug line per bad token, with no token or key, and nothing on the console", async () => {
    const spies = (["error", "warn", "log"] as const).map((method) =>
      vi.spyOn(console, method).mockImplementation(() => undefined),
    );
    try {
      const activity = makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url });
      const forged = openId.forge({ appId, serviceUrl: t.connector.url });
      for (let i = 0; i < 20; i += 1) {
        expect((await t.post(activity, { authorization: `Bearer ${forged}` })).status).toBe(401);
      }
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
    const lines = logged.lines.filter((line) => line.includes('"source":"botbuilder"'));
    expect(lines).toHaveLength(20);
    for (const line of lines) {
      expect(line.trim().split("\n")).toHaveLength(1);
      expect(JSON.parse(line)).toMatchObject({ level: 20, source: "botbuilder" });
      expect(line).not.toMatch(/BEGIN|eyJ|RSA PUBLIC/);
    }
  });
});
