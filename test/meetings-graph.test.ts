/**
 * The Microsoft Graph adapter against a local stand-in that checks the documented request
 * shapes: getSchedule → common free slots, events with a Teams meeting, PATCH to move, /cancel,
 * and 429/503 with Retry-After; the app-only token from a stand-in of Entra ID's token endpoint
 * through msal's client-credentials flow; which adapter the configuration selects.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";
import type { MeetingInvitation, SlotRequest } from "../src/meetings/booker.js";
import { GraphBooker, GraphError, msalTokenProvider } from "../src/meetings/graph-booker.js";
import { meetingBookerFor } from "../src/meetings/index.js";
import { GraphStandIn, TokenStandIn } from "./support/graph-standin.js";

const standIn = new GraphStandIn("token-123");
let baseUrl = "";
let waits: number[] = [];

const booker = (options: { maxRetries?: number; maxRetryAfterMs?: number } = {}) =>
  new GraphBooker({
    tokens: { token: async () => "token-123" },
    baseUrl,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });

/** Stockholm wall-clock → instant, for readable test data (both dates in CEST). */
const sthlm = (date: string, time: string) => new Date(`${date}T${time}:00+02:00`);

const invitation: MeetingInvitation = {
  meetingId: "9b2d7c1e-0000-4000-8000-000000000009",
  caseRef: "FA-2026-0142",
  mailbox: "alfa@stockholm.se",
  startsAt: sthlm("2026-03-30", "09:00"),
  endsAt: sthlm("2026-03-30", "10:00"),
  attendees: [
    { role: "caseworker", address: "anna.handlaggare@stockholm.se" },
    { role: "mailbox", address: "alfa@stockholm.se" },
    { role: "extra", address: "extern@example.org" },
  ],
  clientAttends: false,
  sequence: 0,
};

const slotRequest: SlotRequest = {
  mailbox: "alfa@stockholm.se",
  attendees: ["anna.handlaggare@stockholm.se"],
  window: { from: "2026-03-30", to: "2026-03-30" },
  durationMinutes: 60,
  notBefore: new Date("2026-03-01T00:00:00Z"),
  workingHours: { start: "08:00", end: "17:00" },
};

beforeAll(async () => {
  baseUrl = await standIn.start();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.requests.length = 0;
  standIn.busy.clear();
  standIn.unreadable.clear();
  waits = [];
});

describe("the Microsoft Graph adapter", () => {
  it("asks getSchedule for the mailbox and internal attendees and offers the common free slots", async () => {
    standIn.busy.set("alfa@stockholm.se", [
      { start: sthlm("2026-03-30", "08:00"), end: sthlm("2026-03-30", "10:30"), status: "busy" },
      { start: sthlm("2026-03-30", "15:00"), end: sthlm("2026-03-30", "17:00"), status: "free" },
    ]);
    standIn.busy.set("anna.handlaggare@stockholm.se", [
      { start: sthlm("2026-03-30", "11:00"), end: sthlm("2026-03-30", "12:00"), status: "tentative" },
      { start: sthlm("2026-03-30", "13:00"), end: sthlm("2026-03-30", "15:00"), status: "oof" },
      { start: sthlm("2026-03-30", "16:00"), end: sthlm("2026-03-30", "17:00"), status: "workingElsewhere" },
    ]);
    const { slots, unreadable } = await booker().findSlots(slotRequest);
    expect(unreadable).toEqual([]);
    const local = slots.map((s) =>
      s.start.toLocaleTimeString("sv-SE", {
        timeZone: "Europe/Stockholm",
        hour: "2-digit",
        minute: "2-digit",
      }),
    );
    expect(local).toEqual(["12:00", "15:00", "15:30", "16:00"]);

    const [request] = standIn.requests;
    expect(request).toMatchObject({
      method: "POST",
      path: "/v1.0/users/alfa@stockholm.se/calendar/getSchedule",
      body: {
        schedules: ["alfa@stockholm.se", "anna.handlaggare@stockholm.se"],
        startTime: { dateTime: "2026-03-29T22:00:00", timeZone: "UTC" },
        endTime: { dateTime: "2026-03-30T22:00:00", timeZone: "UTC" },
        availabilityViewInterval: 30,
      },
    });
    expect(request!.headers.authorization).toBe("Bearer token-123");
  });

  it("reports calendars Graph cannot read instead of taking them as free, and reads statuses in any case", async () => {
    standIn.unreadable.add("anna.handlaggare@stockholm.se");
    standIn.busy.set("alfa@stockholm.se", [
      { start: sthlm("2026-03-30", "08:00"), end: sthlm("2026-03-30", "16:00"), status: "Busy" },
      { start: sthlm("2026-03-30", "16:00"), end: sthlm("2026-03-30", "17:00"), status: "Free" },
    ]);
    const { slots, unreadable } = await booker().findSlots(slotRequest);
    expect(unreadable).toEqual(["anna.handlaggare@stockholm.se"]);
    expect(slots.map((s) => s.start.toISOString())).toEqual(["2026-03-30T14:00:00.000Z"]);
  });

  it("books a Teams meeting in the mailbox's calendar, moves it and cancels it", async () => {
    const graph = booker();
    const booked = await graph.book(invitation);
    expect(booked.externalId).toMatch(/^AAMkEvent/);
    expect(booked.joinUrl).toContain("teams.microsoft.com");
    expect(booked.deliveredTo).toContain("alfa@stockholm.se");
    const create = standIn.requests.at(-1)!;
    expect(create).toMatchObject({
      method: "POST",
      path: "/v1.0/users/alfa@stockholm.se/events",
      body: {
        subject: "Flerpartsmöte, ärende FA-2026-0142",
        start: { dateTime: "2026-03-30T09:00:00", timeZone: "W. Europe Standard Time" },
        end: { dateTime: "2026-03-30T10:00:00", timeZone: "W. Europe Standard Time" },
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
        transactionId: invitation.meetingId,
      },
    });
    // The mailbox owns the event; everyone else is an attendee.
    expect((create.body as { attendees: unknown[] }).attendees).toEqual([
      { emailAddress: { address: "anna.handlaggare@stockholm.se" }, type: "required" },
      { emailAddress: { address: "extern@example.org" }, type: "required" },
    ]);

    const moved = { ...invitation, externalId: booked.externalId!, sequence: 1 };
    moved.startsAt = new Date("2026-03-27T08:00:00Z"); // Friday before the DST change, 09:00 CET
    moved.endsAt = new Date("2026-03-27T09:00:00Z");
    await graph.reschedule(moved);
    expect(standIn.requests.at(-1)).toMatchObject({
      method: "PATCH",
      path: `/v1.0/users/alfa@stockholm.se/events/${booked.externalId}`,
      body: { start: { dateTime: "2026-03-27T09:00:00", timeZone: "W. Europe Standard Time" } },
    });

    await graph.cancel({ ...moved, sequence: 2 });
    expect(standIn.requests.at(-1)).toMatchObject({
      method: "POST",
      path: `/v1.0/users/alfa@stockholm.se/events/${booked.externalId}/cancel`,
      body: { comment: "Flerpartsmötet i ärende FA-2026-0142 är inställt." },
    });
    expect(standIn.events.get(booked.externalId!)?.cancelled).toBe(true);
  });

  it("honours Retry-After on 429 and 503, and gives up after the retries or on a long wait", async () => {
    standIn.fail({ status: 429, retryAfter: "2" }, { status: 503, retryAfter: "1" });
    const { slots } = await booker().findSlots(slotRequest);
    expect(slots.length).toBeGreaterThan(0);
    expect(waits).toEqual([2000, 1000]);
    expect(standIn.requests).toHaveLength(3);

    waits = [];
    standIn.fail({ status: 503 }, { status: 503 }, { status: 503 });
    await expect(booker({ maxRetries: 2 }).book(invitation)).rejects.toMatchObject({
      status: 503,
      code: "ServiceUnavailable",
    });
    expect(waits).toEqual([1000, 2000]); // no Retry-After: exponential back-off

    waits = [];
    standIn.fail({ status: 429, retryAfter: "120" });
    await expect(booker({ maxRetryAfterMs: 30_000 }).book(invitation)).rejects.toBeInstanceOf(GraphError);
    expect(waits).toEqual([]);
  });

  it("surfaces Graph's refusals (a bad token) as errors, never as bookings", async () => {
    const wrong = new GraphBooker({ tokens: { token: async () => "expired" }, baseUrl });
    await expect(wrong.book(invitation)).rejects.toMatchObject({
      status: 401,
      code: "InvalidAuthenticationToken",
    });
  });
});

describe("the app-only Graph token (msal client credentials)", () => {
  const app = {
    tenantId: "5b7a3f2e-0000-4000-8000-00000000aaaa",
    clientId: "0d6c1b4a-0000-4000-8000-00000000bbbb",
    clientSecret: "hemlig-klientnyckel",
  };
  let entra: TokenStandIn;

  beforeAll(async () => {
    entra = await TokenStandIn.start({ ...app, token: "token-123" });
  });
  afterAll(() => entra.close());

  it("asks the tenant's token endpoint for a Graph .default token once and uses it on every call", async () => {
    const tokens = msalTokenProvider({
      ...app,
      authorityHost: entra.authorityHost,
      networkClient: entra.networkClient(),
    });
    const graph = new GraphBooker({ tokens, baseUrl, sleep: async () => {} });
    await graph.findSlots(slotRequest);
    await graph.book(invitation);
    expect(standIn.requests.map((r) => r.headers.authorization)).toEqual([
      "Bearer token-123",
      "Bearer token-123",
    ]);
    // msal caches the token until shortly before it expires: one token request for both calls.
    expect(entra.tokenRequests).toHaveLength(1);
    expect(entra.tokenRequests[0]).toMatchObject({
      grant_type: "client_credentials",
      client_id: app.clientId,
      client_secret: app.clientSecret,
      scope: "https://graph.microsoft.com/.default",
    });
  });

  it("a wrong client secret is refused by the token endpoint and nothing reaches Graph", async () => {
    const tokens = msalTokenProvider({
      ...app,
      clientSecret: "fel",
      authorityHost: entra.authorityHost,
      networkClient: entra.networkClient(),
    });
    const graph = new GraphBooker({ tokens, baseUrl, sleep: async () => {} });
    await expect(graph.book(invitation)).rejects.toMatchObject({ errorCode: "invalid_client" });
    expect(standIn.requests).toEqual([]);
  });
});

describe("the adapter the configuration selects", () => {
  it("is the local outbox by default, SMTP with SMTP_URL and Graph with all three GRAPH_*", () => {
    const outbox = meetingBookerFor(loadConfig({ DATA_DIR: "/tmp/insatsguiden-x" }));
    expect(outbox.kind).toBe("outbox");
    expect(meetingBookerFor(loadConfig({ SMTP_URL: "smtp://127.0.0.1:2525" })).kind).toBe("smtp");
    const graph = {
      GRAPH_TENANT_ID: "t",
      GRAPH_CLIENT_ID: "c",
      GRAPH_CLIENT_SECRET: "s",
      SMTP_URL: "smtp://127.0.0.1:2525",
    };
    expect(meetingBookerFor(loadConfig(graph)).kind).toBe("graph");
    expect(loadConfig(graph).GRAPH_AUTHORITY_HOST).toBe("https://login.microsoftonline.com");
  });

  it.each([
    [{ GRAPH_TENANT_ID: "t", GRAPH_CLIENT_ID: "c" }, "GRAPH_CLIENT_SECRET"],
    [{ GRAPH_AUTHORITY_HOST: "http://127.0.0.1:8443" }, "GRAPH_AUTHORITY_HOST"],
    [{ WORKING_HOURS: "17:00-08:00" }, "WORKING_HOURS"],
    [{ MEETING_MAILBOX_ALFA: "alfa" }, "MEETING_MAILBOX_ALFA"],
  ])("refuses %o naming %s", (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    try {
      loadConfig(env);
    } catch (error) {
      expect((error as ConfigError).problems.some((p) => p.startsWith(variable))).toBe(true);
    }
  });
});
