import http from "node:http";
import type { AddressInfo } from "node:net";

/** One request the bot made to the Bot Connector. */
export interface RecordedRequest {
  method: string;
  path: string;
  conversationId: string;
  /** The activity id in the path: the replied-to activity (POST) or the updated one (PUT). */
  activityId: string | undefined;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
  /** The status the stand-in answered (set once answered). */
  status?: number;
}

export type ScriptedFailure = { status: number; retryAfterSeconds?: number; body?: unknown };

/**
 * A local stand-in for the Bot Connector REST API (`/v3/conversations/...`): records what the
 * bot posts, answers like the real service, and can be told to fail (429 with Retry-After, 5xx,
 * 403/404) for the next requests or for one conversation.
 */
export class ConnectorStandIn {
  readonly requests: RecordedRequest[] = [];
  private readonly server: http.Server;
  private failures: ScriptedFailure[] = [];
  private readonly conversationFailures = new Map<string, ScriptedFailure>();
  private nextId = 1;
  private waiters: { predicate: () => boolean; resolve: () => void }[] = [];
  url = "";
  /** Milliseconds to hold every answer (a slow Bot Connector). */
  latencyMs = 0;
  /** Requests answered 429 because they broke Teams' rate limits (see `enforceTeamsLimits`). */
  throttled = 0;
  private limits: { arrivals: Map<string, number[]>; all: number[] } | undefined;

  constructor() {
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  static async start(): Promise<ConnectorStandIn> {
    const standIn = new ConnectorStandIn();
    await new Promise<void>((resolve) => standIn.server.listen(0, "127.0.0.1", resolve));
    const { port } = standIn.server.address() as AddressInfo;
    standIn.url = `http://127.0.0.1:${port}/`;
    return standIn;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `count` requests fail with `failure`. */
  failNext(failure: ScriptedFailure, count = 1): void {
    for (let i = 0; i < count; i += 1) this.failures.push(failure);
  }

  /**
   * Answers 429 (Retry-After: 1) to any message that breaks Teams' documented bot limits: per
   * conversation 7/1 s, 8/2 s, 60/30 s, 1800/h; per app and tenant 50 requests/s. Counted on
   * arrival, independently of the bot's own pacing.
   */
  enforceTeamsLimits(): void {
    this.limits = { arrivals: new Map(), all: [] };
  }

  private breaksLimits(conversationId: string, at: number): boolean {
    if (!this.limits) return false;
    const within = (times: number[], ms: number) => times.filter((t) => t > at - ms).length;
    const perConversation = this.limits.arrivals.get(conversationId) ?? [];
    const over =
      within(this.limits.all, 1_000) >= 50 ||
      within(perConversation, 1_000) >= 7 ||
      within(perConversation, 2_000) >= 8 ||
      within(perConversation, 30_000) >= 60 ||
      within(perConversation, 3_600_000) >= 1_800;
    if (over) return true;
    perConversation.push(at);
    this.limits.arrivals.set(conversationId, perConversation);
    this.limits.all.push(at);
    // Only the last second matters for the tenant limit.
    while (this.limits.all.length > 0 && this.limits.all[0]! <= at - 1_000) this.limits.all.shift();
    return false;
  }

  /** Every request to this conversation fails (e.g. 403: the user blocked the bot). */
  failConversation(conversationId: string, failure: ScriptedFailure): void {
    this.conversationFailures.set(conversationId, failure);
  }

  clear(): void {
    this.requests.length = 0;
    this.failures = [];
    this.conversationFailures.clear();
  }

  /** Activities (messages) the bot sent, optionally to one conversation. */
  activities(conversationId?: string): Record<string, unknown>[] {
    return this.requests
      .filter((r) => r.method === "POST" && /\/activities(\/[^/]+)?$/.test(r.path))
      .filter((r) => conversationId === undefined || r.conversationId === conversationId)
      .map((r) => r.body);
  }

  /** Activities the stand-in accepted (2xx), i.e. what a Teams user would see. */
  delivered(conversationId?: string): Record<string, unknown>[] {
    return this.requests
      .filter((r) => r.method === "POST" && /\/activities(\/[^/]+)?$/.test(r.path) && (r.status ?? 200) < 300)
      .filter((r) => conversationId === undefined || r.conversationId === conversationId)
      .map((r) => r.body);
  }

  /** Adaptive Cards the bot sent or updated, optionally in one conversation. */
  cards(conversationId?: string): Record<string, unknown>[] {
    return this.requests
      .filter((r) => conversationId === undefined || r.conversationId === conversationId)
      .flatMap(
        (r) =>
          (r.body.attachments as { contentType?: string; content?: Record<string, unknown> }[] | undefined) ??
          [],
      )
      .filter((a) => a.contentType === "application/vnd.microsoft.card.adaptive")
      .map((a) => a.content ?? {});
  }

  /** Resolves once `predicate` holds (checked after every request), or rejects after `timeoutMs`. */
  waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error("connector stand-in: timed out waiting")), timeoutMs);
      this.waiters.push({
        predicate,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => this.record(req, res, chunks));
  }

  private record(req: http.IncomingMessage, res: http.ServerResponse, chunks: Buffer[]): void {
    {
      const path = (req.url ?? "").split("?")[0] ?? "";
      const match = /^\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?)?(?:\/members.*)?$/.exec(
        path,
      );
      let body: Record<string, unknown> = {};
      try {
        body = chunks.length
          ? (JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>)
          : {};
      } catch {
        res.writeHead(400);
        res.end();
        return;
      }
      const conversationId = match?.[1] ? decodeURIComponent(match[1]) : "";
      const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
      const now = performance.now();
      const failure =
        this.conversationFailures.get(conversationId) ??
        this.failures.shift() ??
        (this.breaksLimits(conversationId, now) ? { status: 429, retryAfterSeconds: 1 } : undefined);
      if (failure?.status === 429 && this.limits) this.throttled += 1;
      const recorded: RecordedRequest = {
        method: req.method ?? "",
        path,
        conversationId,
        activityId,
        headers: req.headers,
        body,
        at: Date.now(),
        status: failure?.status ?? (match ? 200 : 404),
      };
      this.requests.push(recorded);
      if (this.latencyMs > 0) setTimeout(() => this.respond(req, res, path, match, failure), this.latencyMs);
      else this.respond(req, res, path, match, failure);
    }
  }

  private respond(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    path: string,
    match: RegExpExecArray | null,
    failure: ScriptedFailure | undefined,
  ): void {
    {
      const activityId = match?.[2] ? decodeURIComponent(match[2]) : undefined;
      if (failure) {
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (failure.retryAfterSeconds !== undefined)
          headers["retry-after"] = String(failure.retryAfterSeconds);
        res.writeHead(failure.status, headers);
        res.end(JSON.stringify(failure.body ?? { error: { code: "Scripted" } }));
      } else if (!match) {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: "NotFound" } }));
      } else if (req.method === "POST" && path === "/v3/conversations") {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `conv-${this.nextId++}` }));
      } else {
        const id = req.method === "PUT" && activityId ? activityId : `activity-${this.nextId++}`;
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id }));
      }
      this.waiters = this.waiters.filter((waiter) => {
        if (!waiter.predicate()) return true;
        waiter.resolve();
        return false;
      });
    }
  }
}
