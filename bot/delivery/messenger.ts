import {
  CardFactory,
  MessageFactory,
  type CloudAdapter,
  type ConversationReference,
  type TurnContext,
} from "botbuilder";
import type { AdaptiveCard } from "../../cards/render.js";
import type { ReminderSender, OutgoingMessage, SendOutcome } from "../../src/reminders/scheduler.js";
import type { EffectOutcome } from "../../src/outbox/dispatcher.js";
import type { ConversationRepository } from "../../src/store/conversations.js";
import { TeamsRateLimiter, defaultPacingBounds } from "../../src/pacing.js";

interface HttpFailure {
  statusCode?: number;
  response?: { headers?: { get?(name: string): string | undefined | null } };
}

function retryAfterMs(error: HttpFailure): number | undefined {
  const header = error.response?.headers?.get?.("retry-after");
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

/**
 * Takes the Azure SDK's retry policy out of this turn's connector client: its retries of a 429
 * would bypass our pacing and, bunched after Retry-After, provoke more 429s. Our sender waits
 * out Retry-After for the whole tenant and re-queues instead. And gives every request a timeout:
 * pacing's hold bound, and so the scheduler's minimum lease (src/config.ts), counts on it.
 */
function ourPolicies(context: TurnContext, timeoutMs: number): void {
  const connector = context.turnState.get<{ client?: { pipeline?: Pipeline } } | undefined>(
    context.adapter.ConnectorClientKey,
  );
  const pipeline = connector?.client?.pipeline;
  if (!pipeline) return;
  pipeline.removePolicy({ name: "defaultRetryPolicy" });
  // The client may be reused by the next turn: replace, do not stack.
  pipeline.removePolicy({ name: timeoutPolicy });
  pipeline.addPolicy({
    name: timeoutPolicy,
    sendRequest: (request, next) => {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
}

const timeoutPolicy = "insatsguidenSendTimeout";

interface Pipeline {
  removePolicy(options: { name: string }): unknown;
  addPolicy(policy: {
    name: string;
    sendRequest(
      request: { timeout: number },
      next: (request: { timeout: number }) => Promise<unknown>,
    ): Promise<unknown>;
  }): void;
}

/**
 * The one messenger: writes first to a person or a channel with the stored conversation
 * reference (`continueConversationAsync`) and updates posted cards in place, paced under Teams'
 * rate limits (./pacing.ts), for reminders, digests, order cards and notices alike.
 * @remarks Every message carries its idempotency key in its channelData, so a resend after a crash is
 * recognisable. A 429 pauses every send to the tenant for Retry-After and comes back as `retry`
 * (the scheduler re-queues it); 412 and 5xx come back as `retry` too (bounded backoff with
 * jitter); 403/404 as `gone`.
 */
/**
 * A send's outcome as an outbox effect's (src/outbox/dispatcher.ts): a retry keeps Teams'
 * Retry-After, an unreachable conversation waits (looked at again hourly), a gone one is done.
 */
export function effectOutcomeOf(outcome: SendOutcome): EffectOutcome {
  switch (outcome.status) {
    case "sent":
    case "gone":
      return { status: "done" };
    case "retry":
      return {
        status: "retry",
        error: outcome.httpStatus ? `http-${outcome.httpStatus}` : outcome.error,
        ...(outcome.afterMs !== undefined ? { afterMs: outcome.afterMs } : {}),
      };
    case "no-reference":
      return { status: "wait", error: "no-reference" };
  }
}

export class ProactiveSender implements ReminderSender {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly conversations: ConversationRepository,
    readonly limiter: TeamsRateLimiter = new TeamsRateLimiter(),
    /** TEAMS_SEND_TIMEOUT_MS: a request unanswered this long is abandoned and comes back as `retry`. */
    private readonly sendTimeoutMs = defaultPacingBounds.sendTimeoutMs,
  ) {}

  async send(message: OutgoingMessage): Promise<SendOutcome> {
    return this.paced(message.conversationKey, async (context) => {
      const activity = MessageFactory.attachment(CardFactory.adaptiveCard(message.card));
      activity.channelData = { insatsguiden: { idempotencyKey: message.idempotencyKey } };
      return (await context.sendActivity(activity))?.id;
    });
  }

  /**
   * Replaces a posted card in place (Bot Connector PUT …/activities/{id}), with the same pacing
   * and the same handling of 429/Retry-After, 5xx and 403/404 as a post.
   */
  async update(conversationKey: string, activityId: string, card: AdaptiveCard): Promise<SendOutcome> {
    return this.paced(conversationKey, async (context) => {
      await context.updateActivity({
        ...MessageFactory.attachment(CardFactory.adaptiveCard(card)),
        id: activityId,
      });
      return activityId;
    });
  }

  /**
   * One request to a stored conversation: its slot taken right before it leaves (so it arrives
   * when it was paced to), the send timeout applied, and every failure turned into an outcome.
   */
  private async paced(
    conversationKey: string,
    request: (context: TurnContext) => Promise<string | undefined>,
  ): Promise<SendOutcome> {
    const stored = await this.conversations.get(conversationKey);
    if (!stored || stored.staleAt) return { status: "no-reference" };
    const tenant = stored.tenantId ?? "";
    const reference = stored.reference as Partial<ConversationReference>;
    // Teams counts per conversation: pace by its id (several keys may share one conversation).
    const conversationId = reference.conversation?.id ?? conversationKey;
    let activityId: string | undefined;
    let failed: unknown;
    try {
      await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
        ourPolicies(context, this.sendTimeoutMs);
        // Caught here: the adapter's onTurnError would otherwise swallow it and a failure look like success.
        try {
          const slot = await this.limiter.acquire(conversationId, tenant);
          try {
            activityId = await request(context);
          } finally {
            slot.settle();
          }
        } catch (error) {
          failed = error;
        }
      });
    } catch (error) {
      failed = error;
    }
    if (failed === undefined) return { status: "sent", ...(activityId ? { activityId } : {}) };
    return this.failureOutcome(failed as HttpFailure & Error, tenant);
  }

  private failureOutcome(failure: HttpFailure & Error, tenant: string): SendOutcome {
    const status = failure.statusCode;
    if (status === 403 || status === 404) return { status: "gone", httpStatus: status };
    if (status === 429) {
      const afterMs = retryAfterMs(failure);
      // Teams throttles the whole app in the tenant: everyone waits, not just this message.
      this.limiter.pause(tenant, afterMs ?? 1_000);
      return {
        status: "retry",
        httpStatus: status,
        error: "throttled",
        ...(afterMs !== undefined ? { afterMs } : {}),
      };
    }
    // 412, 5xx, network errors — and anything else, bounded by the scheduler's attempt limit.
    return status !== undefined
      ? { status: "retry", httpStatus: status, error: `HTTP ${status}` }
      : { status: "retry", error: failure.name };
  }
}
