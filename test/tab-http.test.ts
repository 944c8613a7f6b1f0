/**
 * The Teams tab's API through HTTP, on the bot's own server: who may ask (Teams SSO tokens from a
 * local Entra stand-in, or a demo user in local mode), what each role sees, and that another
 * unit's case answers exactly like a missing one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ManualClock } from "../src/clock.js";
import { startTestApp, type TestApp } from "./support/app.js";
import { EntraStandIn } from "./support/entra-standin.js";
import { alfaStepsUntilDecision, demoUsers, testTenantId } from "./support/fixtures.js";
import { dialects } from "./support/stores.js";
import { seedTabCases } from "./support/tab-data.js";

type Seeded = Awaited<ReturnType<typeof seedTabCases>>;
const missingCase = "00000000-1111-2222-3333-444444444444";

async function get(
  t: TestApp,
  path: string,
  headers: Record<string, string> = {},
  // The answers are read field by field in each test: a loose type keeps them short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; type: string | null }> {
  const response = await fetch(`${t.app.url}/api/tab/${path}`, { headers });
  const type = response.headers.get("content-type");
  const text = await response.text();
  return { status: response.status, body: type?.includes("json") ? JSON.parse(text) : text, type };
}

const as = (user: { id: string }) => ({ "x-insatsguiden-demo-user": user.id });

describe.each(dialects)("the tab API in local mode (demo users on loopback) on %s", (dialect) => {
  let t: TestApp;
  let seeded: Seeded;
  beforeAll(async () => {
    t = await startTestApp({ dialect });
    seeded = await seedTabCases(t.app.services);
  });
  afterAll(() => t.close());

  it("asks for a user when none is chosen, and refuses one the directory does not know", async () => {
    const none = await get(t, "me");
    expect(none.status).toBe(401);
    expect(none.body.message).toMatch(/logga in/i);
    expect((await get(t, "me", as(demoUsers.unknown))).status).toBe(403);
  });

  it("lists the demo users for the chooser", async () => {
    const { status, body } = await get(t, "demo-users");
    expect(status).toBe(200);
    expect(body.users.map((u: { displayName: string }) => u.displayName)).toContain("Anna Handläggare");
  });

  it("offers each role its views", async () => {
    expect((await get(t, "me", as(demoUsers.handlaggare))).body.views).toEqual(["cases"]);
    expect((await get(t, "me", as(demoUsers.gruppledareSocialpsykiatri))).body.views).toEqual([
      "cases",
      "deadlines",
      "follow-up",
    ]);
    expect((await get(t, "me", as(demoUsers.admin))).body.views).toEqual(["cases", "deadlines", "follow-up"]);
    expect((await get(t, "me", as(demoUsers.gruppledareAlfa))).body.views).toEqual([
      "deadlines",
      "follow-up",
    ]);
    expect((await get(t, "me", as(demoUsers.specialistAlfa))).body.views).toEqual([]);
  });

  it("lists a caseworker's own cases with step, next deadline and who holds the order at Jobbtorg", async () => {
    const { status, body } = await get(t, "cases", as(demoUsers.handlaggare));
    expect(status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.rows.map((r: { caseRef: string }) => r.caseRef)).toEqual(["FA-2026-0001", "FA-2026-0002"]);
    expect(body.rows[0]).toMatchObject({
      stepTitle: "Genomförandeplan mottagen och granskad",
      nextDeadline: { kind: "Genomförandeplan" },
      jobbtorg: { unit: "Jobbtorg Alfa", state: "Ej tilldelad", assignee: null },
    });
    expect(JSON.stringify(body)).not.toMatch(/kvinna|"age"|gender/);
    // Lars sees only his own.
    const lars = await get(t, "cases", as(demoUsers.handlaggareLss));
    expect(lars.body.rows.map((r: { caseRef: string }) => r.caseRef)).toEqual(["BR-2026-0001"]);
  });

  it("filters and sorts the list", async () => {
    const byStep = await get(t, "cases?step=informationsmote", as(demoUsers.handlaggare));
    expect(byStep.body.rows.map((r: { caseRef: string }) => r.caseRef)).toEqual(["FA-2026-0002"]);
    const search = await get(t, "cases?q=0001", as(demoUsers.handlaggare));
    expect(search.body.rows.map((r: { caseRef: string }) => r.caseRef)).toEqual(["FA-2026-0001"]);
    const lower = await get(t, "cases?q=fa-2026-0002", as(demoUsers.handlaggare));
    expect(lower.body.total).toBe(1);
    const byRef = await get(t, "cases?sort=ref&limit=1&offset=1", as(demoUsers.handlaggare));
    expect(byRef.body).toMatchObject({ total: 2, rows: [{ caseRef: "FA-2026-0002" }] });
  });

  it("answers a client's mistake in the query with 400 and a Swedish message", async () => {
    for (const query of ["sort=name", "limit=0", "limit=abc", "q=%25", "status=alla", "okand=1"]) {
      const { status, body } = await get(t, `cases?${query}`, as(demoUsers.handlaggare));
      expect(status, query).toBe(400);
      expect(body.code).toBe("TAB.BAD_REQUEST");
      expect(body.message).toBe("Felaktig förfrågan.");
    }
    const period = await get(t, "follow-up?from=2026-03-01&to=2026-01-01", as(demoUsers.admin));
    expect(period.status).toBe(400);
    expect(period.body.fields.from).toMatch(/efter/);
    expect((await get(t, "follow-up?from=2026-02-30&to=2026-03-01", as(demoUsers.admin))).status).toBe(400);
  });

  it("shows a case page with timeline, decision text and open deadlines to its caseworker", async () => {
    const { status, body } = await get(t, `cases/${seeded.ordered.id}`, as(demoUsers.handlaggare));
    expect(status).toBe(200);
    expect(body.timeline.map((e: { action: string }) => e.action)).toEqual([
      "Ansökan registrerad",
      "Informationsmöte registrerat",
      "Målgruppstillhörighet bedömd",
      "DUR-utredning registrerad",
      "Flerpartsmöte bokat",
      "Kriterier prövade",
      "Beslut fattat",
      "Beställning skickad",
    ]);
    expect(body.timeline[0].actor).toBe("Anna Handläggare");
    expect(body.decision.text).toMatch(/^BESLUT\nÄrende: FA-2026-0001/);
    expect(body.deadlines.map((d: { kind: string }) => d.kind)).toEqual(["Genomförandeplan", "Uppföljning"]);
    expect(body.chatLink).toBeNull();
  });

  it("lets the unit's team leader and an admin see the case, and nobody else — like a missing one", async () => {
    for (const user of [demoUsers.gruppledareSocialpsykiatri, demoUsers.admin]) {
      expect((await get(t, `cases/${seeded.ordered.id}`, as(user))).status).toBe(200);
    }
    const missing = await get(t, `cases/${missingCase}`, as(demoUsers.handlaggareLss));
    const notMissing = await get(t, "cases/not-a-uuid", as(demoUsers.handlaggareLss));
    expect(missing.status).toBe(404);
    expect(notMissing).toEqual(missing);
    for (const user of [demoUsers.handlaggareLss, demoUsers.gruppledareIwork, demoUsers.gruppledareAlfa]) {
      const other = await get(t, `cases/${seeded.ordered.id}`, as(user));
      expect(other).toEqual(missing);
    }
  });

  it("shows the team leader the unit's deadlines and unassigned orders, and refuses a caseworker", async () => {
    const { status, body } = await get(t, "deadlines", as(demoUsers.gruppledareSocialpsykiatri));
    expect(status).toBe(200);
    expect(body.units).toEqual(["Socialpsykiatri Farsta"]);
    const all = [...body.overdue, ...body.thisWeek, ...body.later];
    expect(all.map((d: { caseRef: string; kind: string }) => `${d.caseRef} ${d.kind}`)).toEqual([
      "FA-2026-0001 Genomförandeplan",
      "FA-2026-0001 Uppföljning",
    ]);
    expect(body.caseworkers).toEqual([
      expect.objectContaining({ name: "Anna Handläggare", overdue: 0 + body.totals.overdue }),
    ]);
    expect(body.unassigned.map((o: { caseRef: string }) => o.caseRef)).toEqual(["FA-2026-0001"]);
    // Lars' unit leader would not see it; the LSS case has no deadline yet anyway.
    const iwork = await get(t, "deadlines", as(demoUsers.gruppledareIwork));
    expect(iwork.body.unassigned).toEqual([]);
    const alfa = await get(t, "deadlines", as(demoUsers.gruppledareAlfa));
    expect(alfa.body.unassigned).toEqual([
      expect.objectContaining({ caseRef: "FA-2026-0001", canOpen: false }),
    ]);
    expect((await get(t, "deadlines", as(demoUsers.handlaggare))).status).toBe(403);
    const kind = await get(t, "deadlines?kind=follow-up", as(demoUsers.gruppledareSocialpsykiatri));
    expect(kind.body.later.map((d: { kind: string }) => d.kind)).toEqual(["Uppföljning"]);
    expect(kind.body.totals).toEqual({ overdue: 0, thisWeek: 0, later: 1 });
  });

  it("compiles the follow-up with counts under five hidden (x), as JSON and CSV", async () => {
    const { status, body } = await get(t, "follow-up?from=2026-01-01&to=2026-03-02", as(demoUsers.admin));
    expect(status).toBe(200);
    expect(body.byInsats).toEqual([
      { group: "Alfa (socialpsykiatri)", gender: "Kvinnor", decisions: "x", granted: "x" },
    ]);
    expect(body.perDistrict).toEqual([{ district: "Farsta", decisions: "x", granted: "x" }]);
    expect(body.jobbtorg).toEqual([
      expect.objectContaining({
        unit: "Jobbtorg Alfa",
        queue: "x",
        ordered: "x",
        daysToAssignment: { median: null, count: 0 },
      }),
      expect.objectContaining({ unit: "Jobbtorg Iwork", queue: 0, ordered: 0 }),
    ]);
    expect(JSON.stringify(body)).not.toMatch(/FA-2026|"1"|:1[,}]/);
    const csv = await get(t, "follow-up?from=2026-01-01&to=2026-03-02&table=insats", as(demoUsers.admin));
    expect(csv.status).toBe(200);
    expect(csv.type).toMatch(/^text\/csv/);
    // (fetch's text() drops the byte-order mark that tells Excel the file is UTF-8.)
    expect(csv.body).toBe("insats,kön,beslut,beviljade\r\nAlfa (socialpsykiatri),Kvinnor,x,x\r\n");
    expect((await get(t, "follow-up?from=2026-01-01&to=2026-03-02", as(demoUsers.handlaggare))).status).toBe(
      403,
    );
    // Lars' unit leader (none in the demo directory leads LSS): Nils leads Iwork, whose orders are none here.
    const nils = await get(t, "follow-up?from=2026-01-01&to=2026-03-02", as(demoUsers.gruppledareIwork));
    expect(nils.body.byInsats).toEqual([]);
  });

  it("compiles the follow-up again once a case changes (a compiled one is reused only until then)", async () => {
    const period = "follow-up?from=2026-01-01&to=2026-03-02";
    const before = await get(t, period, as(demoUsers.admin));
    expect(before.body.byInsats.map((r: { gender: string }) => r.gender)).toEqual(["Kvinnor"]);
    (t.clock as ManualClock).advance(60_000);
    let record = (await t.app.services.cases.load(seeded.early.id))!;
    for (const step of [
      ...alfaStepsUntilDecision,
      { kind: "decide", decidedOn: "2026-02-16", outcome: "avslag" },
    ]) {
      await t.app.services.cases.act(seeded.anna, record.id, record.version, step as never);
      record = (await t.app.services.cases.load(record.id))!;
    }
    expect(record.state.decision?.outcome).toBe("avslag");
    const after = await get(t, period, as(demoUsers.admin));
    expect(after.body.byInsats).toEqual([
      { group: "Alfa (socialpsykiatri)", gender: "Kvinnor", decisions: "x", granted: "x" },
      { group: "Alfa (socialpsykiatri)", gender: "Män", decisions: "x", granted: 0 },
    ]);
  });

  it("drops a plan Jobbtorg has sent from the case page and the list, as the chat does", async () => {
    const sara = (await t.app.services.directory.findUser(demoUsers.specialistAlfa.id))!;
    const [order] = await t.app.services.orders.forCase(seeded.ordered.id);
    await t.app.services.orders.take(sara, order!.id);
    await t.app.services.orders.gpSent(sara, order!.id, "2026-03-02");
    const page = await get(t, `cases/${seeded.ordered.id}`, as(demoUsers.handlaggare));
    expect(page.body.nextDeadline.kind).toBe("Uppföljning");
    const list = await get(t, "cases", as(demoUsers.handlaggare));
    const row = list.body.rows.find((r: { caseRef: string }) => r.caseRef === "FA-2026-0001");
    expect(row.nextDeadline.kind).toBe("Uppföljning");
  });
});

describe("the tab API with an app id (Teams single sign-on only)", () => {
  const appId = "00000000-aaaa-bbbb-cccc-000000000018";
  const appIdUri = `api://insatsguiden.example.org/${appId}`;
  const foreignTenant = "99999999-8888-7777-6666-555555555555";
  let t: TestApp;
  let entra: EntraStandIn;
  let seeded: Seeded;
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
  const tokenFor = (user: { id: string }, extra: Record<string, unknown> = {}) =>
    entra.sign({ oid: user.id, tid: testTenantId, aud: appIdUri, ...extra });

  beforeAll(async () => {
    entra = await EntraStandIn.start();
    t = await startTestApp({
      env: {
        MicrosoftAppId: appId,
        MicrosoftAppPassword: "hemlighet",
        MicrosoftAppTenantId: testTenantId,
        HOST: "127.0.0.1",
        ALLOWED_TENANTS: testTenantId,
        TAB_APP_ID_URI: appIdUri,
        TAB_OPENID_METADATA_URL: entra.metadataUrl,
      },
    });
    seeded = await seedTabCases(t.app.services);
  });
  afterAll(async () => {
    await t.close();
    await entra.stop();
  });

  it("accepts a valid token and maps its object id to the directory", async () => {
    const { status, body } = await get(t, "me", bearer(await tokenFor(demoUsers.handlaggare)));
    expect(status).toBe(200);
    expect(body).toMatchObject({ displayName: "Anna Handläggare", views: ["cases"] });
    expect(body.chatLink).toBe(`https://teams.microsoft.com/l/chat/0/0?users=28%3A${appId}`);
    // A v2.0 token names the app id itself as audience.
    expect((await get(t, "me", bearer(await tokenFor(demoUsers.handlaggare, { aud: appId })))).status).toBe(
      200,
    );
  });

  it.each<[string, () => Promise<Record<string, string>>, number]>([
    ["no token", async () => ({}), 401],
    ["a demo user (never accepted with an app id)", async () => as(demoUsers.admin), 401],
    ["a malformed token", async () => bearer("not.a.token"), 401],
    [
      "a forged token",
      async () => bearer(await entra.forge({ oid: demoUsers.admin.id, tid: testTenantId, aud: appIdUri })),
      401,
    ],
    [
      "a token for another audience",
      async () => bearer(await tokenFor(demoUsers.admin, { aud: "api://elsewhere/other" })),
      401,
    ],
    [
      "an expired token",
      async () =>
        bearer(
          await entra.sign(
            { oid: demoUsers.admin.id, tid: testTenantId, aud: appIdUri },
            { expiresIn: "-2 hours" },
          ),
        ),
      401,
    ],
    [
      "a token from another issuer",
      async () => bearer(await tokenFor(demoUsers.admin, { iss: "https://evil.example/v2.0" })),
      401,
    ],
    [
      "a token without access_as_user",
      async () => bearer(await tokenFor(demoUsers.admin, { scp: "User.Read" })),
      403,
    ],
    [
      "a token from a foreign tenant",
      async () => bearer(await entra.sign({ oid: demoUsers.admin.id, tid: foreignTenant, aud: appIdUri })),
      403,
    ],
    [
      "a valid token of a user not in the directory",
      async () => bearer(await tokenFor(demoUsers.unknown)),
      403,
    ],
  ])("refuses %s", async (_, headers, expected) => {
    const { status, body } = await get(t, "cases", await headers());
    expect(status).toBe(expected);
    expect(body.message).toMatch(/[åäö]|Teams|access_as_user/);
    expect(body).not.toHaveProperty("rows");
  });

  it("offers no demo users with an app id", async () => {
    expect((await get(t, "demo-users")).status).toBe(404);
  });

  it("answers a user of another unit exactly as for a missing case", async () => {
    const lars = bearer(await tokenFor(demoUsers.handlaggareLss));
    const other = await get(t, `cases/${seeded.ordered.id}`, lars);
    const missing = await get(t, `cases/${missingCase}`, lars);
    expect(other.status).toBe(404);
    expect(other).toEqual(missing);
    const anna = await get(t, `cases/${seeded.ordered.id}`, bearer(await tokenFor(demoUsers.handlaggare)));
    expect(anna.status).toBe(200);
  });
});
