/**
 * Pacing under Teams' documented limits for bots
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): per conversation
 * 7 messages per second, 8 per 2 s, 60 per 30 s and 1800 per hour; per app and tenant 50 requests
 * per second. A send waits until every window has room, so the bot does not provoke 429s.
 */

export interface RateWindow {
  limit: number;
  ms: number;
}

export const teamsConversationWindows: readonly RateWindow[] = [
  { limit: 7, ms: 1_000 },
  { limit: 8, ms: 2_000 },
  { limit: 60, ms: 30_000 },
  { limit: 1_800, ms: 3_600_000 },
];

export const teamsTenantWindows: readonly RateWindow[] = [{ limit: 50, ms: 1_000 }];

/**
 * The bounds pacing's hold depends on, from the configuration (src/config.ts): the longest a 429
 * pauses a tenant's sends (a longer Retry-After still holds the throttled message itself, which
 * goes back to the queue), and the longest one send may take before it is abandoned
 * (bot/delivery/messenger.ts sets it as the request's timeout).
 */
export interface PacingBounds {
  tenantPauseCapMs: number;
  sendTimeoutMs: number;
}

export const defaultPacingBounds: PacingBounds = { tenantPauseCapMs: 30_000, sendTimeoutMs: 30_000 };

/**
 * The longest pacing can hold a claimed row before its send is done: `queued` rows ahead of it,
 * all to one conversation (its windows bind hardest), plus a full tenant pause and one send.
 * The scheduler's lease (SCHEDULER_LEASE_MS) must be longer, or a second instance claims the row
 * again and sends it twice (src/config.ts checks it at startup).
 */
export function longestPacingHoldMs(
  queued: number,
  bounds: PacingBounds = defaultPacingBounds,
  windows: readonly RateWindow[] = teamsConversationWindows,
): number {
  const grants: number[] = [];
  let at = 0;
  for (let i = 0; i < queued; i += 1) {
    for (let moved = true; moved;) {
      moved = false;
      for (const window of windows) {
        const inWindow = grants.filter((t) => t > at - window.ms).length;
        if (inWindow >= window.limit) {
          at = grants[grants.length - window.limit]! + window.ms;
          moved = true;
        }
      }
    }
    grants.push(at);
  }
  return at + bounds.tenantPauseCapMs + bounds.sendTimeoutMs;
}

/** Sends one reminder scheduler runs at once (src/reminders/scheduler.ts). */
export const schedulerConcurrency = 16;

/** Rows one scheduler instance holds at most: a claimed batch plus as many queued and in flight as it runs at once. */
export function schedulerHeldRows(batchSize: number): number {
  return batchSize + 2 * schedulerConcurrency;
}

/** A send's time in a log: its grant, moved to its answer once it has one (see {@link Slot}). */
interface LoggedSend {
  at: number;
}

/** Recent sends for one key, checked against a set of sliding windows. */
class SlidingLog {
  private sends: LoggedSend[] = [];

  constructor(private readonly windows: readonly RateWindow[]) {}

  /** Milliseconds until a send at `now` fits every window (0 = now). */
  waitAt(now: number): number {
    const longest = Math.max(...this.windows.map((window) => window.ms));
    if (this.sends.length && this.sends[0]!.at <= now - longest) {
      this.sends = this.sends.filter((send) => send.at > now - longest);
    }
    // Settled sends may have moved past later grants: compare sorted times.
    const times = this.sends.map((send) => send.at).sort((a, b) => a - b);
    let wait = 0;
    for (const window of this.windows) {
      const inWindow = times.filter((t) => t > now - window.ms).length;
      if (inWindow >= window.limit) {
        // The send that must leave the window before one more fits.
        const blocking = times[times.length - window.limit]!;
        wait = Math.max(wait, blocking + window.ms - now);
      }
    }
    return wait;
  }

  record(at: number): LoggedSend {
    const send = { at };
    this.sends.push(send);
    return send;
  }

  get empty(): boolean {
    return this.sends.length === 0;
  }
}

/**
 * A granted send. Call `settle()` when Teams has answered: a send whose round trip was slower
 * than the quickest recent one then counts from its estimated arrival rather than its grant, so
 * a request that left late (a cold connection) cannot end up inside the next window at Teams' end.
 */
export interface Slot {
  at: number;
  settle(): void;
}

/** The tenant's rule as a shared budget applies it: `limit` sends per `windowMs`, spread `spacingMs` apart. */
export interface TenantRule {
  limit: number;
  windowMs: number;
  spacingMs: number;
}

/** A send's place in the tenant's shared budget. */
export interface TenantSlot {
  seq: number;
  /** When it may go (epoch ms), and how long until then. */
  atMs: number;
  waitMs: number;
  /** Teams answered (or the send failed): later sends count the window from now. */
  answered(): Promise<void>;
}

/**
 * The tenant's budget shared by every instance (src/store/send-budget.ts). `reserve` takes the
 * tenant's next place for one send under `rule`, counting every instance's sends.
 */
export interface SharedTenantBudget {
  reserve(tenant: string, rule: TenantRule): Promise<TenantSlot>;
  /** Teams said 429 to one instance: no instance gets a slot for the tenant in the next `ms`. */
  pause(tenant: string, ms: number): Promise<void>;
}

export interface RateLimiterOptions {
  /**
   * The tenant's budget across instances; without it the tenant window holds for this instance
   * alone. Conversation windows stay in memory either way: a conversation's sends may come from
   * any instance, but one conversation seldom gets more than a few messages at once.
   */
  sharedBudget?: SharedTenantBudget;
  conversationWindows?: readonly RateWindow[];
  tenantWindows?: readonly RateWindow[];
  /** Monotonic milliseconds; `performance.now` unless a test drives it. */
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Added to every window, for clocks that disagree by a little: settled sends already count from
   * Teams' answer, which comes after their arrival. Default 2 ms on the tenant's second (0.2 % of
   * its throughput) and 100 ms on a conversation's windows (they seldom bind, so generosity is cheap).
   */
  marginMs?: { conversation: number; tenant: number };
  /** The longest a 429 pauses the tenant (TEAMS_PAUSE_CAP_MS); default 30 s. */
  tenantPauseCapMs?: number;
}

const realSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Grants send slots in request order. `acquire` resolves when a message to the conversation may
 * go out; concurrent callers queue, so the tenant ceiling holds however many senders run.
 */
export class TeamsRateLimiter {
  private readonly conversations = new Map<string, SlidingLog>();
  private readonly tenants = new Map<string, SlidingLog>();
  private readonly conversationWindows: readonly RateWindow[];
  private readonly tenantWindows: readonly RateWindow[];
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** One queue per tenant: slots are granted in request order, and a throttled tenant holds up only itself. */
  private readonly queues = new Map<string, Promise<void>>();
  /** Set by a 429: nobody sends to this tenant before then. */
  private readonly pausedUntil = new Map<string, number>();
  /**
   * The tenant's budget spread evenly (20 ms apart for 50/s): a burst of 50 at a window's start
   * would reach Teams in a different order and spread, and the stragglers of one burst would meet
   * the next burst inside Teams' window.
   */
  private readonly tenantSpacingMs: number;
  private readonly lastTenantGrant = new Map<string, number>();
  /** The last round trips (grant to answer), for estimating when a settled send arrived. */
  private readonly roundTrips: number[] = [];
  private readonly sharedBudget: SharedTenantBudget | undefined;
  private readonly sharedRule: TenantRule;
  private readonly tenantPauseCapMs: number;

  constructor(options: RateLimiterOptions = {}) {
    const margin = options.marginMs ?? { conversation: 100, tenant: 2 };
    const widen = (windows: readonly RateWindow[], by: number) =>
      windows.map((w) => ({ limit: w.limit, ms: w.ms + by }));
    this.conversationWindows = widen(
      options.conversationWindows ?? teamsConversationWindows,
      margin.conversation,
    );
    this.tenantWindows = widen(options.tenantWindows ?? teamsTenantWindows, margin.tenant);
    this.tenantSpacingMs = Math.max(...this.tenantWindows.map((w) => w.ms / w.limit));
    this.now = options.now ?? (() => performance.now());
    this.sleep = options.sleep ?? realSleep;
    this.sharedBudget = options.sharedBudget;
    this.tenantPauseCapMs = options.tenantPauseCapMs ?? defaultPacingBounds.tenantPauseCapMs;
    // The tightest of the tenant's windows; the budget spreads sends evenly over it.
    const tightest = this.tenantWindows.reduce((a, b) => (a.ms / a.limit >= b.ms / b.limit ? a : b));
    this.sharedRule = {
      limit: tightest.limit,
      windowMs: tightest.ms,
      spacingMs: tightest.ms / tightest.limit,
    };
  }

  /**
   * Resolves when a message to `conversation` may go out, with the time the slot was taken. A busy conversation waits on its own,
   * outside the tenant's queue, so it never holds up messages to other conversations.
   */
  async acquire(conversation: string, tenant: string): Promise<Slot> {
    const conversationLog = this.logFor(this.conversations, conversation, this.conversationWindows);
    for (;;) {
      const conversationWait = conversationLog.waitAt(this.now());
      if (conversationWait > 0) {
        await this.sleep(conversationWait);
        continue;
      }
      const granted = (this.queues.get(tenant) ?? Promise.resolve()).then(() =>
        this.takeTenantSlot(conversationLog, tenant),
      );
      this.queues.set(
        tenant,
        granted.then(
          () => undefined,
          () => undefined,
        ),
      );
      const slot = await granted;
      if (slot !== undefined) {
        // A shared budget's slot may lie ahead: waited for here, outside the tenant's queue, so
        // the next send's reservation need not wait for this one's turn.
        // Timers may fire a little early (whole milliseconds, a cached loop time): not before the slot.
        for (let ahead = slot.at - this.now(); ahead > 0; ahead = slot.at - this.now()) {
          await this.sleep(Math.max(1, Math.ceil(ahead)));
        }
        return slot;
      }
    }
  }

  /** Teams said 429: hold every send to the tenant for `ms`. */
  pause(tenant: string, ms: number): void {
    const capped = Math.min(ms, this.tenantPauseCapMs);
    const until = this.now() + capped;
    this.pausedUntil.set(tenant, Math.max(this.pausedUntil.get(tenant) ?? 0, until));
    // The other instances too: Teams throttles the app in the tenant, not one instance. Best effort:
    // if the store does not answer, this instance still waits, and the next 429 tells the others.
    this.sharedBudget?.pause(tenant, capped).catch(() => undefined);
  }

  /** In the tenant's queue: waits for the tenant's window; undefined when the conversation filled up meanwhile. */
  private async takeTenantSlot(conversationLog: SlidingLog, tenant: string): Promise<Slot | undefined> {
    const tenantLog = this.logFor(this.tenants, tenant, this.tenantWindows);
    for (;;) {
      let now = this.now();
      if (conversationLog.waitAt(now) > 0) return undefined;
      const wait = Math.max(
        tenantLog.waitAt(now),
        (this.pausedUntil.get(tenant) ?? 0) - now,
        (this.lastTenantGrant.get(tenant) ?? -Infinity) + this.tenantSpacingMs - now,
      );
      if (wait <= 0) {
        let shared: TenantSlot | undefined;
        let at = now;
        if (this.sharedBudget) {
          // Still in the tenant's queue: the slot reserved is used by this send and no other.
          shared = await this.sharedBudget.reserve(tenant, this.sharedRule);
          now = this.now();
          at = now + shared.waitMs;
          this.lastTenantGrant.set(tenant, at);
        } else {
          // The slot as planned, not when the timer fired: late timers must not add up into a
          // slower rate (the sliding window above still caps any catching up).
          const planned = (this.lastTenantGrant.get(tenant) ?? -Infinity) + this.tenantSpacingMs;
          this.lastTenantGrant.set(tenant, planned >= now - this.tenantSpacingMs ? planned : now);
        }
        const sends = [conversationLog.record(at), tenantLog.record(at)];
        return {
          at,
          settle: () => {
            const answered = this.now();
            // Counted from its estimated arrival: the answer less the quickest recent round trip.
            // A normal request stays at its grant; one that left late (a cold connection) moves.
            const roundTrip = answered - at;
            // Until there are a few round trips to compare with, count from the answer (the cold start).
            const quickest = this.roundTrips.length < 10 ? 0 : Math.min(...this.roundTrips);
            const arrival = answered - quickest;
            this.roundTrips.push(roundTrip);
            if (this.roundTrips.length > 100) this.roundTrips.shift();
            for (const send of sends) send.at = Math.max(send.at, arrival);
            // Best effort: an answer not recorded counts as the send's timeout in the store.
            shared?.answered().catch(() => undefined);
          },
        };
      }
      await this.sleep(wait);
    }
  }

  private logFor(logs: Map<string, SlidingLog>, key: string, windows: readonly RateWindow[]): SlidingLog {
    let log = logs.get(key);
    if (!log) {
      log = new SlidingLog(windows);
      logs.set(key, log);
      // Forget idle conversations so thousands of them do not pile up in memory.
      if (logs.size > 10_000)
        for (const [k, l] of logs) if (l.waitAt(this.now()) === 0 && k !== key) logs.delete(k);
    }
    return log;
  }
}
