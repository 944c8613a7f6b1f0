import { ConfidentialClientApplication, type INetworkModule } from "@azure/msal-node";
import { DateTime } from "luxon";
import { stockholmInstant, type IsoDate } from "../deadlines/index.js";
import { maskPersonalData } from "../guard/personal-data.js";
import type {
  BookingReceipt,
  MeetingBooker,
  MeetingInvitation,
  SlotProposal,
  SlotRequest,
} from "./booker.js";
import { bodyFor, meetingTimeZone, subjectFor } from "./invitation.js";
import { freeSlots } from "./slots.js";

/** Supplies a bearer token for Microsoft Graph (app-only). */
export interface GraphTokenProvider {
  token(): Promise<string>;
}

/** Entra ID's public-cloud sign-in host; sovereign clouds and test stand-ins pass their own. */
export const defaultAuthorityHost = "https://login.microsoftonline.com";

/**
 * Client credentials through @azure/msal-node: an application token for
 * `https://graph.microsoft.com/.default`; msal caches it and renews it before it expires.
 * @remarks A host msal does not know (a stand-in) is listed in `knownAuthorities`, so msal reads
 * that host's own OpenID metadata instead of asking Microsoft's instance discovery about it.
 * `networkClient` is msal's transport seam (tests use it to trust a stand-in's certificate).
 */
export function msalTokenProvider(options: {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  authorityHost?: string;
  networkClient?: INetworkModule;
}): GraphTokenProvider {
  const host = new URL(options.authorityHost ?? defaultAuthorityHost);
  const custom = host.origin !== new URL(defaultAuthorityHost).origin;
  const app = new ConfidentialClientApplication({
    auth: {
      clientId: options.clientId,
      clientSecret: options.clientSecret,
      authority: `${host.origin}/${encodeURIComponent(options.tenantId)}`,
      ...(custom ? { knownAuthorities: [host.host] } : {}),
    },
    ...(options.networkClient ? { system: { networkClient: options.networkClient } } : {}),
  });
  return {
    async token() {
      const result = await app.acquireTokenByClientCredential({
        scopes: ["https://graph.microsoft.com/.default"],
      });
      if (!result?.accessToken) throw new Error("no Graph token from Entra ID");
      return result.accessToken;
    },
  };
}

export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(`Microsoft Graph answered ${status} ${code}`);
    this.name = "GraphError";
  }
}

export interface GraphBookerOptions {
  tokens: GraphTokenProvider;
  /** https://graph.microsoft.com/v1.0 unless a sovereign cloud or a test stand-in. */
  baseUrl?: string;
  /** How often a 429/503 is retried before giving up. */
  maxRetries?: number;
  /** The longest Retry-After honoured (longer: give up, the caseworker tries again later). */
  maxRetryAfterMs?: number;
  /** Waiting between retries (tests record it instead of sleeping). */
  sleep?: (ms: number) => Promise<void>;
}

/** Windows zone name Graph documents for dateTimeTimeZone; the same rules as Europe/Stockholm. */
const graphZone = "W. Europe Standard Time";

function graphDateTime(instant: Date) {
  return {
    dateTime: DateTime.fromJSDate(instant, { zone: meetingTimeZone }).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
    timeZone: graphZone,
  };
}

function nextDay(date: IsoDate): IsoDate {
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** freeBusyStatus values that leave the time free (Graph documents them lower case; compared so). */
const freeStatuses = new Set(["free", "workingelsewhere"]);

interface ScheduleItem {
  status: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
}

/** Graph's dateTime (no offset) in UTC, as the `Prefer: outlook.timezone="UTC"` header asks. */
function utcInstant(value: { dateTime: string }): Date {
  return new Date(`${value.dateTime.replace(/Z$/, "").slice(0, 23)}Z`);
}

/**
 * Books in the functional mailbox's own calendar with Microsoft Graph, application permission
 * Calendars.ReadWrite (limited to that mailbox with Exchange RBAC for Applications).
 * @remarks `findMeetingTimes` needs delegated permissions, so free slots are computed here from
 * `getSchedule` of the mailbox and the internal attendees. Events are Teams meetings; Exchange
 * sends the invitations, updates and cancellations itself.
 */
export class GraphBooker implements MeetingBooker {
  readonly kind = "graph";
  readonly freeBusy = true;
  private readonly baseUrl: string;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(private readonly options: GraphBookerOptions) {
    this.baseUrl = (options.baseUrl ?? "https://graph.microsoft.com/v1.0").replace(/\/$/, "");
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  private async call<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const maxRetries = this.options.maxRetries ?? 3;
    const maxWait = this.options.maxRetryAfterMs ?? 30_000;
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(`${this.baseUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await this.options.tokens.token()}`,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
          ...headers,
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (response.ok) {
        const text = await response.text();
        return (text ? JSON.parse(text) : undefined) as T;
      }
      const payload = (await response.json().catch(() => undefined)) as
        { error?: { code?: string } } | undefined;
      const code = payload?.error?.code ?? response.statusText;
      if ((response.status === 429 || response.status === 503) && attempt < maxRetries) {
        const header = response.headers.get("retry-after");
        const seconds = header === null || header.trim() === "" ? Number.NaN : Number(header);
        // Without a usable Retry-After: back off exponentially from one second.
        const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** attempt;
        if (wait <= maxWait) {
          await this.sleep(wait);
          continue;
        }
      }
      throw new GraphError(response.status, code);
    }
  }

  private userPath(mailbox: string): string {
    return `/users/${encodeURIComponent(mailbox)}`;
  }

  async findSlots(request: SlotRequest): Promise<SlotProposal> {
    const schedules = [...new Set([request.mailbox, ...request.attendees].map((a) => a.toLowerCase()))];
    const start = stockholmInstant(request.window.from, "00:00");
    const end = stockholmInstant(nextDay(request.window.to), "00:00");
    const answer = await this.call<{
      value: { scheduleId: string; scheduleItems?: ScheduleItem[]; error?: { responseCode?: string } }[];
    }>(
      "POST",
      `${this.userPath(request.mailbox)}/calendar/getSchedule`,
      {
        schedules,
        startTime: { dateTime: start.toISOString().slice(0, 19), timeZone: "UTC" },
        endTime: { dateTime: end.toISOString().slice(0, 19), timeZone: "UTC" },
        availabilityViewInterval: 30,
      },
      { prefer: 'outlook.timezone="UTC"' },
    );
    // A schedule Graph could not read (scheduleInformation.error: no such mailbox, no free/busy
    // sharing) has no items; it is reported, not taken as free time.
    const unreadable = answer.value.filter((s) => s.error).map((s) => s.scheduleId);
    const busy = answer.value.flatMap((schedule) =>
      (schedule.scheduleItems ?? [])
        .filter((item) => !freeStatuses.has(item.status.toLowerCase()))
        .map((item) => ({ start: utcInstant(item.start), end: utcInstant(item.end) })),
    );
    const slots = freeSlots({
      window: request.window,
      durationMinutes: request.durationMinutes,
      busy,
      workingHours: request.workingHours,
      notBefore: request.notBefore,
      ...(request.limit ? { limit: request.limit } : {}),
    });
    return { slots, unreadable };
  }

  private attendees(invitation: MeetingInvitation) {
    return invitation.attendees
      .filter((a) => a.address.toLowerCase() !== invitation.mailbox.toLowerCase())
      .map((a) => ({ emailAddress: { address: a.address }, type: "required" }));
  }

  async book(invitation: MeetingInvitation): Promise<BookingReceipt> {
    const event = await this.call<{ id: string; onlineMeeting?: { joinUrl?: string } | null }>(
      "POST",
      `${this.userPath(invitation.mailbox)}/events`,
      {
        subject: subjectFor(invitation, "REQUEST"),
        body: { contentType: "text", content: bodyFor(invitation, "REQUEST") },
        start: graphDateTime(invitation.startsAt),
        end: graphDateTime(invitation.endsAt),
        attendees: this.attendees(invitation),
        isOnlineMeeting: true,
        onlineMeetingProvider: "teamsForBusiness",
        allowNewTimeProposals: false,
        // Graph's own idempotency: a retried POST does not create a second event.
        transactionId: invitation.meetingId,
      },
    );
    return {
      externalId: event.id,
      deliveredTo: `kalendern för ${invitation.mailbox} (Teams-möte, Exchange skickar kallelsen)`,
      ...(event.onlineMeeting?.joinUrl ? { joinUrl: event.onlineMeeting.joinUrl } : {}),
    };
  }

  async reschedule(invitation: MeetingInvitation): Promise<BookingReceipt> {
    if (!invitation.externalId) throw new GraphError(404, "MissingEventId");
    const event = await this.call<{ id: string; onlineMeeting?: { joinUrl?: string } | null }>(
      "PATCH",
      `${this.userPath(invitation.mailbox)}/events/${encodeURIComponent(invitation.externalId)}`,
      { start: graphDateTime(invitation.startsAt), end: graphDateTime(invitation.endsAt) },
    );
    return {
      externalId: event.id,
      deliveredTo: `kalendern för ${invitation.mailbox} (Exchange skickar uppdateringen)`,
      ...(event.onlineMeeting?.joinUrl ? { joinUrl: event.onlineMeeting.joinUrl } : {}),
    };
  }

  async cancel(invitation: MeetingInvitation): Promise<BookingReceipt> {
    if (!invitation.externalId) throw new GraphError(404, "MissingEventId");
    await this.call(
      "POST",
      `${this.userPath(invitation.mailbox)}/events/${encodeURIComponent(invitation.externalId)}/cancel`,
      { comment: `Flerpartsmötet i ärende ${maskPersonalData(invitation.caseRef)} är inställt.` },
    );
    return { deliveredTo: `kalendern för ${invitation.mailbox} (Exchange skickar avbokningen)` };
  }
}
