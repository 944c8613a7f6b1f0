/**
 * Every client mistake is a 4xx with a Swedish message, never a 5xx: wrong types in the fields
 * botbuilder reads (bot/activity-shape.ts), invokes we have no handler for, and an invalid
 * new-application card from someone who may not register cases (a card saying so).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cardText, startTestApp, type TestApp } from "./support/app.js";
import { cardOf } from "./support/cards.js";
import { demoUsers, makeCardAction, makeMessage, testTenantId } from "./support/fixtures.js";

describe("client mistakes in the activity", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOWED_TENANTS: testTenantId } });
  });
  afterAll(async () => {
    await t.close();
  });

  const message = (extra: Record<string, unknown>) => ({
    ...makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url }),
    ...extra,
  });
  const invoke = (extra: Record<string, unknown>) => ({
    ...makeCardAction(demoUsers.handlaggare, "help.show", {}, { serviceUrl: t.connector.url }),
    ...extra,
  });

  const shapes: [string, () => unknown][] = [
    ["serviceUrl a number", () => message({ serviceUrl: 5 })],
    ["serviceUrl an object", () => message({ serviceUrl: { href: "http://x" } })],
    ["serviceUrl not http", () => message({ serviceUrl: "file:///etc/passwd" })],
    ["text an object", () => message({ text: { a: 1 } })],
    ["from a string", () => message({ from: "x" })],
    ["from.id a number", () => message({ from: { id: 5, aadObjectId: 7 } })],
    ["recipient a string", () => message({ recipient: "x" })],
    ["conversation a string", () => message({ conversation: "x" })],
    ["conversationType a number", () => message({ conversation: { id: "a", conversationType: 5 } })],
    ["channelData a string", () => message({ channelData: "x" })],
    ["tenant a string", () => message({ channelData: { tenant: "x" } })],
    ["entities a string", () => message({ entities: "x" })],
    ["a mention of numbers", () => message({ entities: [{ type: "mention", mentioned: 5, text: 5 }] })],
    ["type a number", () => message({ type: 5 })],
    ["an array", () => [message({})]],
    ["value a string", () => invoke({ value: "x" })],
    ["value a number", () => invoke({ value: 5 })],
    ["value.action a string", () => invoke({ value: { action: "x" } })],
    ["action.data a string", () => invoke({ value: { action: { verb: "help.show", data: "x" } } })],
    ["action.data an array", () => invoke({ value: { action: { verb: "help.show", data: [1] } } })],
    ["action.verb a number", () => invoke({ value: { action: { verb: 5 } } })],
    ["name a number", () => invoke({ name: 5 })],
    ["name an object", () => invoke({ name: {} })],
    ["an invoke without a name", () => invoke({ name: undefined })],
    ["an invoke we have no handler for", () => invoke({ name: "composeExtension/query", value: {} })],
    ["task/fetch", () => invoke({ name: "task/fetch", value: 5 })],
  ];

  it.each(shapes)("%s → 4xx with a Swedish message", async (_name, shape) => {
    const { status, body } = await t.post(shape() as Record<string, unknown>);
    expect(status).toBeGreaterThanOrEqual(400);
    expect(status).toBeLessThan(500);
    expect(String((body as { error?: string }).error)).toMatch(/[åäö]|Aktiviteten|Förfrågan/);
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  });

  it("a tenant of the wrong type is outside ALLOWED_TENANTS: 403", async () => {
    const { status } = await t.post(
      message({ channelData: { tenant: { id: 5 } }, conversation: { id: "a" } }),
    );
    expect(status).toBe(403);
  });

  it("answers an invalid new-application card from someone who may not register cases with a card saying so", async () => {
    for (const data of [{}, { caseRef: 5, age: [] }, { draftId: "d1", caseRef: "FA-2026-0142" }]) {
      const answer = await t.act(demoUsers.specialistAlfa, "case.create", data);
      expect(answer.status).toBe(200);
      expect(cardText(cardOf(answer))).toContain("Bara handläggare kan registrera nya ansökningar");
    }
  });
});
