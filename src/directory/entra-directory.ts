import { GraphError, type GraphTokenProvider } from "../meetings/graph-booker.js";
import { DomainError } from "../errors.js";
import type { Directory, DirectoryUser } from "./directory.js";
import { rolesForGroups, type GroupMapping } from "./group-mapping.js";

/**
 * The directory from Entra ID: a person's roles come from the security groups they are a member
 * of (directly or through nested groups), mapped to roles by a group mapping file.
 * @remarks Application permissions, least privilege: `User.Read.All` (a user's own properties and
 * `transitiveMemberOf`) and `GroupMember.Read.All` (a mapped group's `transitiveMembers`, for
 * pickers and `directory check`). Answers are cached per user for `ttlMs` (one Graph round per
 * user per TTL, concurrent turns share it); when Graph fails, the last answer is used for at most
 * `staleMs` more, then the directory refuses with DIRECTORY.UNAVAILABLE — it never guesses a role.
 */
export interface EntraDirectoryOptions {
  tokens: GraphTokenProvider;
  mapping: GroupMapping;
  /** https://graph.microsoft.com/v1.0 unless a sovereign cloud or a test stand-in. */
  baseUrl?: string;
  /** How long an answer is trusted before Graph is asked again (ms). */
  ttlMs?: number;
  /** How long past its TTL an answer is still used while Graph fails (ms). */
  staleMs?: number;
  /** The most users whose answers are kept (least recently used go first). */
  maxUsers?: number;
  /** How often a 429/503 is retried; the longest Retry-After waited. */
  maxRetries?: number;
  maxRetryAfterMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Told when a stale answer stands in for Graph (operators should hear of an outage). */
  onStale?: (error: unknown) => void;
}

interface Cached<T> {
  value: T;
  fetchedAt: number;
  /** After a failed refresh: Graph is not asked again before this (turns use the stale answer). */
  retryAt?: number;
}

interface GraphUser {
  id: string;
  displayName?: string | null;
  mail?: string | null;
}

/** Graph's page size ceiling for directory collections (default 100). */
const pageSize = 999;

export class EntraDirectory implements Directory {
  private readonly baseUrl: string;
  private readonly ttlMs: number;
  private readonly staleMs: number;
  private readonly maxUsers: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly users = new Map<string, Cached<DirectoryUser | undefined>>();
  private readonly inFlight = new Map<string, Promise<DirectoryUser | undefined>>();
  private everyone: Cached<DirectoryUser[]> | undefined;
  private everyoneInFlight: Promise<DirectoryUser[]> | undefined;

  constructor(private readonly options: EntraDirectoryOptions) {
    this.baseUrl = (options.baseUrl ?? "https://graph.microsoft.com/v1.0").replace(/\/$/, "");
    this.ttlMs = options.ttlMs ?? 5 * 60_000;
    this.staleMs = options.staleMs ?? 60 * 60_000;
    this.maxUsers = options.maxUsers ?? 5_000;
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async findUser(id: string): Promise<DirectoryUser | undefined> {
    const cached = this.users.get(id);
    const now = this.now();
    if (cached && (now - cached.fetchedAt < this.ttlMs || now < (cached.retryAt ?? 0))) {
      this.touch(id, cached);
      return cached.value;
    }
    let pending = this.inFlight.get(id);
    if (!pending) {
      pending = this.resolveUser(id).finally(() => this.inFlight.delete(id));
      this.inFlight.set(id, pending);
    }
    try {
      const value = await pending;
      this.touch(id, { value, fetchedAt: this.now() });
      return value;
    } catch (error) {
      if (cached && this.now() - cached.fetchedAt < this.ttlMs + this.staleMs) {
        this.options.onStale?.(error);
        this.touch(id, { ...cached, retryAt: this.now() + this.retryMs() });
        return cached.value;
      }
      throw unavailable(error);
    }
  }

  /** How long a failed refresh is not retried while the stale answer serves. */
  private retryMs(): number {
    return Math.min(this.ttlMs, 30_000);
  }

  /**
   * Everyone in the mapped groups (pickers, names on cards, `directory check`).
   * @remarks Enumerating every mapped group takes several pages in a city, so only the first call
   * waits for it: afterwards an expired list is answered at once and refreshed in the background
   * (within the stale bound; past it, the caller waits for a fresh list or gets the refusal).
   */
  async listUsers(): Promise<DirectoryUser[]> {
    const cached = this.everyone;
    const now = this.now();
    if (cached && (now - cached.fetchedAt < this.ttlMs || now < (cached.retryAt ?? 0))) return cached.value;
    const refresh = this.refreshEveryone(cached);
    if (cached && now - cached.fetchedAt < this.ttlMs + this.staleMs) {
      refresh.catch(() => undefined);
      return cached.value;
    }
    return refresh;
  }

  private refreshEveryone(cached: Cached<DirectoryUser[]> | undefined): Promise<DirectoryUser[]> {
    this.everyoneInFlight ??= this.resolveEveryone()
      .then((value) => {
        this.everyone = { value, fetchedAt: this.now() };
        return value;
      })
      .catch((error: unknown) => {
        if (cached && this.now() - cached.fetchedAt < this.ttlMs + this.staleMs) {
          this.options.onStale?.(error);
          this.everyone = { ...cached, retryAt: this.now() + this.retryMs() };
          return cached.value;
        }
        throw unavailable(error);
      })
      .finally(() => (this.everyoneInFlight = undefined));
    return this.everyoneInFlight;
  }

  /** Drops what is cached (tests; an administrator's "look again now"). */
  forget(): void {
    this.users.clear();
    this.everyone = undefined;
  }

  private touch(id: string, entry: Cached<DirectoryUser | undefined>): void {
    this.users.delete(id);
    this.users.set(id, entry);
    if (this.users.size > this.maxUsers) this.users.delete(this.users.keys().next().value as string);
  }

  /** The user's properties and transitive group memberships; undefined when no mapped group has them. */
  private async resolveUser(id: string): Promise<DirectoryUser | undefined> {
    const path = `/users/${encodeURIComponent(id)}`;
    let user: GraphUser;
    try {
      user = await this.get<GraphUser>(`${path}?$select=id,displayName,mail`);
    } catch (error) {
      // Not in the tenant: an unknown user, not an outage.
      if (error instanceof GraphError && error.status === 404) return undefined;
      throw error;
    }
    const groups = await this.all<{ id: string }>(
      `${path}/transitiveMemberOf/microsoft.graph.group?$select=id&$top=${pageSize}&$count=true`,
    );
    return this.toUser(
      user,
      groups.map((g) => g.id),
    );
  }

  /** Everyone in a mapped group, with the roles of all their mapped groups. */
  private async resolveEveryone(): Promise<DirectoryUser[]> {
    const byUser = new Map<string, { user: GraphUser; groups: Set<string> }>();
    for (const entry of this.options.mapping.groups) {
      const members = await this.all<GraphUser>(
        `/groups/${encodeURIComponent(entry.groupId)}/transitiveMembers/microsoft.graph.user` +
          `?$select=id,displayName,mail&$top=${pageSize}&$count=true`,
      );
      for (const member of members) {
        const known = byUser.get(member.id) ?? { user: member, groups: new Set<string>() };
        known.groups.add(entry.groupId);
        byUser.set(member.id, known);
      }
    }
    return [...byUser.values()]
      .map(({ user, groups }) => this.toUser(user, groups))
      .filter((user): user is DirectoryUser => user !== undefined);
  }

  private toUser(user: GraphUser, groupIds: Iterable<string>): DirectoryUser | undefined {
    const roles = rolesForGroups(this.options.mapping, groupIds);
    if (roles.length === 0) return undefined;
    return {
      id: user.id,
      displayName: user.displayName?.trim() || "Okänd medarbetare",
      ...(user.mail ? { email: user.mail } : {}),
      roles,
    };
  }

  /**
   * Every page of a collection, following @odata.nextLink (an absolute URL Graph gives).
   * @remarks The type cast (`/microsoft.graph.group`) is an advanced query: Graph documents
   * `ConsistencyLevel: eventual` and `$count=true` as required with it, on every page.
   */
  private async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let next: string | undefined = `${this.baseUrl}${path}`;
    for (let pages = 0; next; pages += 1) {
      if (pages >= 1_000) throw new Error("Graph paging did not end");
      const page: { value: T[]; "@odata.nextLink"?: string } = await this.fetchJson(next, {
        consistencylevel: "eventual",
      });
      items.push(...page.value);
      next = page["@odata.nextLink"];
    }
    return items;
  }

  private get<T>(path: string): Promise<T> {
    return this.fetchJson<T>(`${this.baseUrl}${path}`);
  }

  private async fetchJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
    const maxRetries = this.options.maxRetries ?? 2;
    const maxWait = this.options.maxRetryAfterMs ?? 10_000;
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(url, {
        headers: {
          authorization: `Bearer ${await this.options.tokens.token()}`,
          accept: "application/json",
          ...headers,
        },
      });
      if (response.ok) return (await response.json()) as T;
      const payload = (await response.json().catch(() => undefined)) as
        { error?: { code?: string } } | undefined;
      if ((response.status === 429 || response.status === 503) && attempt < maxRetries) {
        const header = response.headers.get("retry-after");
        const seconds = header === null || header.trim() === "" ? Number.NaN : Number(header);
        const wait = Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : 1000 * 2 ** attempt;
        if (wait <= maxWait) {
          await this.sleep(wait);
          continue;
        }
      }
      throw new GraphError(response.status, payload?.error?.code ?? response.statusText);
    }
  }
}

/** Graph could not answer and nothing recent enough is known: refuse (bot/error-messages.ts). */
function unavailable(error: unknown): DomainError {
  const reason = error instanceof GraphError ? `${error.status} ${error.code}` : (error as Error).name;
  return new DomainError("DIRECTORY.UNAVAILABLE", { reason });
}
