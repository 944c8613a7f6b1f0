import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Microsoft Graph directory endpoints the Entra directory uses, checking
 * the documented request shapes: `GET /users/{id}?$select=…`, `GET /users/{id}/transitiveMemberOf/
 * microsoft.graph.group` and `GET /groups/{id}/transitiveMembers/microsoft.graph.user`, each with a
 * `$select` Graph knows and `$top` at most 999, the casts with `ConsistencyLevel: eventual` and
 * `$count=true` (advanced queries); collections come in pages of `pageSize` linked by
 * an absolute `@odata.nextLink`; memberships are transitive through nested groups; scripted
 * 429/503 answers carry Retry-After; `down` answers 503 to everything (an outage).
 */
export interface DirectoryRequest {
  path: string;
  query: Record<string, string>;
}

const userProperties = new Set(["id", "displayName", "mail", "userPrincipalName", "jobTitle"]);
const groupProperties = new Set(["id", "displayName", "description", "securityEnabled"]);

export class GraphDirectoryStandIn {
  readonly requests: DirectoryRequest[] = [];
  readonly users = new Map<string, { id: string; displayName: string; mail?: string }>();
  /** Group id → member ids (users or nested groups). */
  readonly groups = new Map<string, Set<string>>();
  pageSize = 2;
  down = false;
  private readonly scripted: { status: 429 | 503; retryAfter?: string }[] = [];
  private server: http.Server | undefined;
  private origin = "";

  constructor(readonly token = "directory-token") {}

  addUser(id: string, displayName: string, mail?: string): void {
    this.users.set(id, { id, displayName, ...(mail ? { mail } : {}) });
  }

  /** Adds members (users or groups) to a group, creating it when new. */
  addMembers(groupId: string, ...memberIds: string[]): void {
    const members = this.groups.get(groupId) ?? new Set<string>();
    memberIds.forEach((id) => members.add(id));
    this.groups.set(groupId, members);
  }

  removeMember(groupId: string, memberId: string): void {
    this.groups.get(groupId)?.delete(memberId);
  }

  fail(...answers: { status: 429 | 503; retryAfter?: string }[]): void {
    this.scripted.push(...answers);
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.origin = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return `${this.origin}/v1.0`;
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Groups the id is in, directly or through nested groups. */
  private groupsOf(id: string): Set<string> {
    const found = new Set<string>();
    const visit = (member: string) => {
      for (const [groupId, members] of this.groups) {
        if (members.has(member) && !found.has(groupId)) {
          found.add(groupId);
          visit(groupId);
        }
      }
    };
    visit(id);
    return found;
  }

  /** Users in the group, directly or through nested groups. */
  private usersIn(groupId: string, seen = new Set<string>()): Set<string> {
    const found = new Set<string>();
    if (seen.has(groupId)) return found;
    seen.add(groupId);
    for (const member of this.groups.get(groupId) ?? []) {
      if (this.groups.has(member)) this.usersIn(member, seen).forEach((u) => found.add(u));
      else if (this.users.has(member)) found.add(member);
    }
    return found;
  }

  private send(
    res: http.ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  }

  private error(res: http.ServerResponse, status: number, code: string, message: string) {
    this.send(res, status, { error: { code, message } });
  }

  /** An OData cast is an advanced query: Graph wants ConsistencyLevel: eventual and $count=true. */
  private advancedQueryProblem(req: http.IncomingMessage, query: Record<string, string>): string | undefined {
    if (req.headers.consistencylevel !== "eventual" || query.$count !== "true")
      return "OData cast requires the ConsistencyLevel: eventual header and $count=true";
    return undefined;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? "/", this.origin);
    const path = decodeURIComponent(url.pathname);
    const query = Object.fromEntries(url.searchParams);
    this.requests.push({ path, query });
    if (req.method !== "GET") return this.error(res, 405, "MethodNotAllowed", `${req.method} ${path}`);
    if (req.headers.authorization !== `Bearer ${this.token}`)
      return this.error(res, 401, "InvalidAuthenticationToken", "Access token is empty or invalid.");
    if (this.down) return this.error(res, 503, "ServiceUnavailable", "Service unavailable");
    const scripted = this.scripted.shift();
    if (scripted) {
      return this.send(
        res,
        scripted.status,
        { error: { code: scripted.status === 429 ? "TooManyRequests" : "ServiceUnavailable" } },
        scripted.retryAfter !== undefined ? { "retry-after": scripted.retryAfter } : {},
      );
    }
    const select = (query.$select ?? "").split(",").filter((p) => p !== "");
    const checkSelect = (known: Set<string>) => {
      if (select.length === 0) return "the adapter must name the properties it reads ($select)";
      const unknown = select.find((p) => !known.has(p));
      return unknown ? `Could not find a property named '${unknown}'` : undefined;
    };
    const top = query.$top === undefined ? 100 : Number(query.$top);
    if (!Number.isInteger(top) || top < 1 || top > 999)
      return this.error(res, 400, "BadRequest", "Invalid page size specified: $top must be 1-999");

    let match = /^\/v1\.0\/users\/([^/]+)$/.exec(path);
    if (match) {
      const problem = checkSelect(userProperties);
      if (problem) return this.error(res, 400, "BadRequest", problem);
      const user = this.users.get(match[1]!);
      if (!user)
        return this.error(res, 404, "Request_ResourceNotFound", `Resource '${match[1]}' does not exist`);
      return this.send(res, 200, pick(user, select));
    }
    match = /^\/v1\.0\/users\/([^/]+)\/transitiveMemberOf\/microsoft\.graph\.group$/.exec(path);
    if (match) {
      const problem = checkSelect(groupProperties) ?? this.advancedQueryProblem(req, query);
      if (problem) return this.error(res, 400, "BadRequest", problem);
      if (!this.users.has(match[1]!))
        return this.error(res, 404, "Request_ResourceNotFound", `Resource '${match[1]}' does not exist`);
      const items = [...this.groupsOf(match[1]!)].sort().map((id) => pick({ id, displayName: id }, select));
      return this.page(res, url, items, Math.min(top, this.pageSize));
    }
    match = /^\/v1\.0\/groups\/([^/]+)\/transitiveMembers\/microsoft\.graph\.user$/.exec(path);
    if (match) {
      const problem = checkSelect(userProperties) ?? this.advancedQueryProblem(req, query);
      if (problem) return this.error(res, 400, "BadRequest", problem);
      if (!this.groups.has(match[1]!))
        return this.error(res, 404, "Request_ResourceNotFound", `Resource '${match[1]}' does not exist`);
      const items = [...this.usersIn(match[1]!)].sort().map((id) => pick(this.users.get(id)!, select));
      return this.page(res, url, items, Math.min(top, this.pageSize));
    }
    return this.error(res, 404, "ResourceNotFound", `no route ${path}`);
  }

  /** One page; the next link is absolute and carries an opaque $skiptoken, as Graph's does. */
  private page(res: http.ServerResponse, url: URL, items: unknown[], size: number) {
    const skip = Number(Buffer.from(url.searchParams.get("$skiptoken") ?? "", "base64url").toString() || 0);
    const value = items.slice(skip, skip + size);
    const body: Record<string, unknown> = {
      "@odata.context": "standin",
      "@odata.count": items.length,
      value,
    };
    if (skip + size < items.length) {
      const next = new URL(url.toString());
      next.searchParams.set("$skiptoken", Buffer.from(String(skip + size)).toString("base64url"));
      body["@odata.nextLink"] = next.toString();
    }
    this.send(res, 200, body);
  }
}

function pick(object: Record<string, unknown>, properties: string[]): Record<string, unknown> {
  return Object.fromEntries(properties.map((p) => [p, object[p] ?? null]));
}
