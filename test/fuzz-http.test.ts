/**
 * Property-based requests against the real HTTP endpoint (fast-check): every registered card verb
 * with random data, random activity shapes and random headers. Whatever arrives: no 5xx, the
 * process keeps answering, and a rejected request (4xx, or an invoke answered with an error)
 * leaves the database as it was. Bounded to a few thousand requests; FUZZ_RUNS scales it and
 * FUZZ_SEED replays a failure (fast-check prints the seed).
 */
import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../src/clock.js";
import "../src/reminders/schema.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { executeActions } from "./support/cards.js";
import { demoUsers, makeCardAction, makeMessage } from "./support/fixtures.js";

const runs = Number(process.env.FUZZ_RUNS ?? 1);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : 20_261_128;
const users = Object.values(demoUsers);

/** Every table's rows, as one string, except the conversation references a turn stores to answer later. */
async function snapshot(t: TestApp): Promise<string> {
  const db = t.app.services.store.db;
  const tables = await sql<{ name: string }>`
    select name from sqlite_master
    where type = 'table' and name not like 'sqlite_%' and name not like 'kysely_%'
      and name <> 'conversation_references'
    order by name`.execute(db);
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await sql`select * from ${sql.table(name)}`.execute(db);
    parts.push(name, JSON.stringify(rows.rows));
  }
  return parts.join("\n");
}

describe("fuzzing POST /api/messages", () => {
  let t: TestApp;
  let verbs: string[];
  const known: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock: new ManualClock(new Date("2026-03-25T09:00:00+01:00")) });
    verbs = t.app.runtime.actions.verbs();
    // A real case, so generated ids sometimes reach past "not found".
    await t.say(demoUsers.handlaggare, "ny ansökan");
    await t.connector.waitFor(() => t.connector.cards().length > 0);
    const create = executeActions(t.connector.cards()[0]).find((a) => a.verb === "case.create")!;
    const answer = await t.act(demoUsers.handlaggare, "case.create", {
      ...create.data,
      caseRef: "FA-2026-0777",
      insats: "sis-socialpsykiatri",
      receivedOn: "2026-03-02",
      gender: "kvinna",
      age: "30",
    });
    for (const action of executeActions(answer.body.value)) {
      for (const value of Object.values(action.data)) if (typeof value === "string") known.push(value);
    }
    expect(known.length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await t.close();
  });

  const fieldNames = fc.constantFrom(
    "caseId",
    "draftId",
    "caseRef",
    "meetingId",
    "reminderId",
    "orderId",
    "seq",
    "v",
    "insats",
    "receivedOn",
    "age",
    "gender",
    "unit",
    "extraAttendees",
    "durationMinutes",
    "jobbtorgUnit",
    "proposedOn",
    "proposedTime",
    "slot",
    "assignee",
    "__proto__",
    "constructor",
    "prototype",
    "toString",
  );
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme", maxLength: 40 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(
      "",
      " ",
      "850312 2395",
      "1985-03-12-2395",
      "x@gmail.com",
      "2026-03-27",
      "09:00",
      "ja",
      "60",
    ),
    fc.nat({ max: 30_000 }).map((n) => "å".repeat(n)),
    fc.constant(null).map(() => known[Math.floor(Math.random() * known.length)] ?? ""),
  );
  const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const value = fc.oneof(
    { weight: 4, arbitrary: scalar },
    { weight: 1, arbitrary: fc.array(scalar, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  );
  const data = fc.oneof(
    { weight: 6, arbitrary: fc.dictionary(fieldNames, value, { maxKeys: 8 }) },
    { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  );
  const conversation = fc.record({
    user: fc.constantFrom(...users),
    scope: fc.constantFrom("personal" as const, "channel" as const, "groupChat" as const),
  });

  /** Posts and checks the invariants; the database is compared only when the request was refused. */
  async function check(body: string, headers: Record<string, string> = {}): Promise<void> {
    const before = await snapshot(t);
    const response = await fetch(`${t.app.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body,
    });
    const answer = await response.text();
    expect(response.status, answer.slice(0, 300)).toBeLessThan(500);
    const invokeError = answer.includes('"application/vnd.microsoft.error"');
    if (response.status >= 400 || invokeError) expect(await snapshot(t)).toBe(before);
  }

  // Generous timeouts: a few thousand requests take seconds, longer on a busy CI machine.
  it("every registered verb with random data", { timeout: 180_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...verbs), data, conversation, async (verb, payload, who) => {
        const activity = makeCardAction(
          who.user,
          verb,
          {},
          { serviceUrl: t.connector.url, scope: who.scope },
        );
        (activity.value as { action: { data: unknown } }).action.data = payload;
        await check(JSON.stringify(activity));
      }),
      { numRuns: Math.ceil(800 * runs), seed },
    );
  });

  it("random activity shapes", { timeout: 180_000 }, async () => {
    const fields = fc.constantFrom(
      "type",
      "name",
      "value",
      "text",
      "from",
      "recipient",
      "conversation",
      "channelData",
      "serviceUrl",
      "entities",
      "id",
      "replyToId",
      "channelId",
      "timestamp",
      "locale",
      "membersAdded",
      "attachments",
      "__proto__",
      "constructor",
    );
    const mutation = fc.record({
      set: fc.dictionary(fields, fc.oneof(value, fc.jsonValue({ maxDepth: 3 })), { maxKeys: 4 }),
      drop: fc.array(fields, { maxLength: 3 }),
      base: fc.constantFrom("message", "invoke", "install"),
      text: text,
    });
    await fc.assert(
      fc.asyncProperty(conversation, mutation, async (who, m) => {
        const options = { serviceUrl: t.connector.url, scope: who.scope };
        const activity: Record<string, unknown> =
          m.base === "message"
            ? // Long message text is the question answerer's to bound (its own tests and bench).
              makeMessage(who.user, typeof m.text === "string" ? m.text.slice(0, 500) : "", options)
            : m.base === "invoke"
              ? makeCardAction(who.user, verbs[0]!, {}, options)
              : { ...makeMessage(who.user, "", options), type: "installationUpdate", action: "add" };
        for (const key of m.drop) delete activity[key];
        const json = JSON.stringify(activity);
        const extra = JSON.stringify(m.set).slice(1, -1);
        await check(extra ? `${json.slice(0, -1)},${extra}}` : json);
      }),
      { numRuns: Math.ceil(500 * runs), seed },
    );
  });

  it("random headers and raw bodies", { timeout: 120_000 }, async () => {
    const headers = fc.record(
      {
        "content-type": fc.constantFrom(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=x",
          "",
          "application/vnd.api+json",
        ),
        "content-encoding": fc.constantFrom("gzip", "deflate", "br", "identity", "", "gzip, gzip"),
        authorization: fc.oneof(fc.string({ maxLength: 60 }), fc.constant("Bearer eyJhbGciOiJub25lIn0.e30.")),
        "x-forwarded-for": fc.ipV4(),
        "accept-encoding": fc.constantFrom("gzip", "*", "identity;q=0"),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.jsonValue({ maxDepth: 5 }).map((v) => JSON.stringify(v) ?? ""),
      fc
        .constant(null)
        .map(() =>
          JSON.stringify(makeMessage(demoUsers.handlaggare, "hjälp", { serviceUrl: t.connector.url })),
        ),
      fc.nat({ max: 200 }).map((n) => "[".repeat(n * 10)),
    );
    await fc.assert(
      fc.asyncProperty(headers, body, async (h, b) => {
        const clean = Object.fromEntries(Object.entries(h).filter(([, v]) => v !== ""));
        await check(b, clean);
      }),
      { numRuns: Math.ceil(300 * runs), seed },
    );
    expect((await fetch(`${t.app.url}/healthz`)).status).toBe(200);
  });
});
