import { execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import type { INetworkModule, NetworkRequestOptions, NetworkResponse } from "@azure/msal-node";
import { z } from "zod";

/**
 * A local stand-in for the Microsoft Graph calendar endpoints the meetings adapter uses. It
 * checks each request against the documented shape (answering 400 like Graph when it is wrong),
 * serves busy periods per address, and replays scripted 429/503 answers with Retry-After.
 */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: unknown;
}

const dateTimeTimeZone = z.object({
  dateTime: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?$/),
  timeZone: z.string().min(1),
});

const getScheduleBody = z.strictObject({
  schedules: z.array(z.email()).min(1).max(20),
  startTime: dateTimeTimeZone,
  endTime: dateTimeTimeZone,
  availabilityViewInterval: z.number().int().min(5).max(1440).optional(),
});

const attendee = z.strictObject({
  emailAddress: z.strictObject({ address: z.email(), name: z.string().optional() }),
  type: z.enum(["required", "optional", "resource"]),
});

const createEventBody = z.strictObject({
  subject: z.string().min(1),
  body: z.strictObject({ contentType: z.enum(["text", "html"]), content: z.string() }),
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  attendees: z.array(attendee).min(1),
  isOnlineMeeting: z.literal(true),
  onlineMeetingProvider: z.literal("teamsForBusiness"),
  allowNewTimeProposals: z.boolean().optional(),
  transactionId: z.string().max(100).optional(),
});

const patchEventBody = z.strictObject({ start: dateTimeTimeZone, end: dateTimeTimeZone });
const cancelBody = z.strictObject({ comment: z.string().optional() });

export interface BusyItem {
  start: Date;
  end: Date;
  /** freeBusyStatus: free, tentative, busy, oof, workingElsewhere, unknown (any case). */
  status: string;
}

export class GraphStandIn {
  readonly requests: RecordedRequest[] = [];
  readonly events = new Map<string, Record<string, unknown>>();
  /** Busy periods per lower-case address. */
  readonly busy = new Map<string, BusyItem[]>();
  /** Lower-case addresses whose free/busy Graph cannot read (answered with a freeBusyError). */
  readonly unreadable = new Set<string>();
  private readonly scripted: { status: 429 | 503; retryAfter?: string }[] = [];
  private server: http.Server | undefined;
  private nextId = 1;

  constructor(readonly token = "standin-token") {}

  private held: (() => void)[] | undefined;

  /** Holds every request until the returned function is called (a slow Graph, without timing). */
  hold(): () => void {
    this.held = [];
    return () => {
      const waiting = this.held ?? [];
      this.held = undefined;
      waiting.forEach((go) => go());
    };
  }

  /** The next requests answer these statuses (with Retry-After when given) before any real answer. */
  fail(...answers: { status: 429 | 503; retryAfter?: string }[]): void {
    this.scripted.push(...answers);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let body: unknown;
        try {
          body = text ? JSON.parse(text) : undefined;
        } catch {
          body = text;
        }
        if (this.held) this.held.push(() => this.handle(req, body, res));
        else this.handle(req, body, res);
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1.0`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private send(
    res: http.ServerResponse,
    status: number,
    body?: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, {
      ...(body === undefined ? {} : { "content-type": "application/json" }),
      ...headers,
    });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string) {
    this.send(res, status, { error: { code, message } });
  }

  private handle(req: http.IncomingMessage, body: unknown, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", "http://standin");
    const path = decodeURIComponent(url.pathname);
    this.requests.push({ method: req.method ?? "", path, headers: req.headers, body });
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return this.error(res, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    const scripted = this.scripted.shift();
    if (scripted) {
      return this.send(
        res,
        scripted.status,
        { error: { code: scripted.status === 429 ? "TooManyRequests" : "ServiceUnavailable" } },
        scripted.retryAfter !== undefined ? { "retry-after": scripted.retryAfter } : {},
      );
    }
    const match = /^\/v1\.0\/users\/([^/]+)\/(calendar\/getSchedule|events)(?:\/([^/]+))?(\/cancel)?$/.exec(
      path,
    );
    if (!match) return this.error(res, 404, "ResourceNotFound", `no route ${req.method} ${path}`);
    const [, , resource, eventId, cancel] = match;
    const bad = (error: z.ZodError) => this.error(res, 400, "BadRequest", z.prettifyError(error));

    if (resource === "calendar/getSchedule" && req.method === "POST" && !eventId) {
      const parsed = getScheduleBody.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      if (req.headers.prefer !== 'outlook.timezone="UTC"')
        return this.error(res, 400, "BadRequest", "the stand-in expects UTC answers");
      const from = new Date(`${parsed.data.startTime.dateTime}Z`).getTime();
      const to = new Date(`${parsed.data.endTime.dateTime}Z`).getTime();
      const utc = (d: Date) => ({ dateTime: d.toISOString().replace("Z", "0000"), timeZone: "UTC" });
      return this.send(res, 200, {
        value: parsed.data.schedules.map((scheduleId) =>
          this.unreadable.has(scheduleId.toLowerCase())
            ? {
                scheduleId,
                availabilityView: "",
                error: {
                  message: "The requested user is not found or has no free/busy sharing.",
                  responseCode: "ErrorMailRecipientNotFound",
                },
              }
            : {
                scheduleId,
                availabilityView: "",
                scheduleItems: (this.busy.get(scheduleId.toLowerCase()) ?? [])
                  .filter((item) => item.end.getTime() > from && item.start.getTime() < to)
                  .map((item) => ({ status: item.status, start: utc(item.start), end: utc(item.end) })),
              },
        ),
      });
    }
    if (resource === "events" && req.method === "POST" && !eventId) {
      const parsed = createEventBody.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      const existing = [...this.events.entries()].find(
        ([, e]) => parsed.data.transactionId && e.transactionId === parsed.data.transactionId,
      );
      const id = existing?.[0] ?? `AAMkEvent${this.nextId++}`;
      const event = {
        ...parsed.data,
        id,
        onlineMeeting: { joinUrl: `https://teams.microsoft.com/l/meetup-join/${id}` },
      };
      this.events.set(id, event);
      return this.send(res, 201, event);
    }
    if (resource === "events" && eventId && !cancel && req.method === "PATCH") {
      const event = this.events.get(eventId);
      if (!event) return this.error(res, 404, "ErrorItemNotFound", "The specified object was not found.");
      const parsed = patchEventBody.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      Object.assign(event, parsed.data);
      return this.send(res, 200, event);
    }
    if (resource === "events" && eventId && cancel && req.method === "POST") {
      const event = this.events.get(eventId);
      if (!event) return this.error(res, 404, "ErrorItemNotFound", "The specified object was not found.");
      const parsed = cancelBody.safeParse(body);
      if (!parsed.success) return bad(parsed.error);
      event.cancelled = true;
      return this.send(res, 202);
    }
    return this.error(res, 405, "MethodNotAllowed", `${req.method} ${path}`);
  }
}

/** A self-signed certificate for 127.0.0.1 (msal speaks only https to an authority). */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "token-standin-"));
  try {
    execFileSync(
      "openssl",
      [
        ...["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"],
        ...["-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        ...["-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")],
      ],
      { stdio: "pipe" },
    );
    return {
      key: fs.readFileSync(path.join(dir, "key.pem"), "utf8"),
      cert: fs.readFileSync(path.join(dir, "cert.pem"), "utf8"),
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The documented client-credentials token request (Microsoft identity platform v2.0). */
const clientCredentialsForm = z
  .object({
    grant_type: z.literal("client_credentials"),
    client_id: z.string().min(1),
    client_secret: z.string().min(1),
    scope: z.literal("https://graph.microsoft.com/.default"),
  })
  .loose();

/**
 * A local stand-in for Entra ID's token endpoint over https: the tenant's OpenID metadata and
 * `POST /{tenant}/oauth2/v2.0/token` for the client-credentials grant, checking the form like
 * Entra ID does (wrong secret: 401 invalid_client) and handing out `token` for Graph.
 */
export class TokenStandIn {
  /** Every token request's form, in order. */
  readonly tokenRequests: Record<string, string>[] = [];
  private readonly server: https.Server;
  private readonly certificate: string;
  authorityHost = "";

  private constructor(
    private readonly expected: { tenantId: string; clientId: string; clientSecret: string; token: string },
  ) {
    const { key, cert } = selfSignedCertificate();
    this.certificate = cert;
    this.server = https.createServer({ key, cert }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => this.handle(req, Buffer.concat(chunks).toString("utf8"), res));
    });
  }

  static async start(expected: {
    tenantId: string;
    clientId: string;
    clientSecret: string;
    token: string;
  }): Promise<TokenStandIn> {
    const standIn = new TokenStandIn(expected);
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    standIn.authorityHost = `https://127.0.0.1:${(standIn.server.address() as AddressInfo).port}`;
    return standIn;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /**
   * msal's transport over node:https trusting this stand-in's certificate (Node 20's fetch cannot
   * be given a CA at run time); everything msal sends and reads is unchanged.
   */
  networkClient(): INetworkModule {
    const ca = this.certificate;
    const send = <T>(method: "GET" | "POST", url: string, options?: NetworkRequestOptions) =>
      new Promise<NetworkResponse<T>>((resolve, reject) => {
        const request = https.request(url, { method, ca, headers: options?.headers ?? {} }, (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("end", () => {
            const headers = Object.fromEntries(
              Object.entries(response.headers).map(([k, v]) => [
                k,
                Array.isArray(v) ? v.join(", ") : (v ?? ""),
              ]),
            );
            try {
              resolve({
                status: response.statusCode ?? 0,
                headers,
                body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as T,
              });
            } catch (error) {
              reject(error as Error);
            }
          });
        });
        request.on("error", reject);
        if (options?.body) request.write(options.body);
        request.end();
      });
    return {
      sendGetRequestAsync: (url, options) => send("GET", url, options),
      sendPostRequestAsync: (url, options) => send("POST", url, options),
    };
  }

  private json(res: http.ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
    res.end(JSON.stringify(body));
  }

  private handle(req: http.IncomingMessage, text: string, res: http.ServerResponse): void {
    const { tenantId, clientId, clientSecret, token } = this.expected;
    const base = `${this.authorityHost}/${tenantId}`;
    const path = new URL(req.url ?? "/", this.authorityHost).pathname;
    if (req.method === "GET" && path === `/${tenantId}/v2.0/.well-known/openid-configuration`) {
      return this.json(res, 200, {
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        end_session_endpoint: `${base}/oauth2/v2.0/logout`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ["code", "id_token", "token"],
      });
    }
    if (req.method === "POST" && path === `/${tenantId}/oauth2/v2.0/token`) {
      const form = Object.fromEntries(new URLSearchParams(text));
      this.tokenRequests.push(form);
      const parsed = clientCredentialsForm.safeParse(form);
      if (!req.headers["content-type"]?.startsWith("application/x-www-form-urlencoded") || !parsed.success) {
        return this.json(res, 400, {
          error: "invalid_request",
          error_description: "AADSTS900144: The request body must contain grant_type, client_id and scope.",
        });
      }
      if (parsed.data.client_id !== clientId || parsed.data.client_secret !== clientSecret) {
        return this.json(res, 401, {
          error: "invalid_client",
          error_description: "AADSTS7000215: Invalid client secret provided.",
          error_codes: [7000215],
        });
      }
      return this.json(res, 200, {
        token_type: "Bearer",
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: token,
      });
    }
    return this.json(res, 404, { error: "not_found", error_description: `${req.method} ${path}` });
  }
}
