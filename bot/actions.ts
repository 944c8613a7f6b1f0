import type { AdaptiveCardInvokeResponse, AdaptiveCardInvokeValue, TurnContext } from "botbuilder";
import type { z } from "zod";
import type { AdaptiveCard } from "../cards/render.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import { DomainError, type ErrorCode } from "../src/errors.js";
import type { AppServices } from "../src/services.js";
import { cardInputError, fieldErrors, type FieldErrors } from "../src/validation.js";
import { messageFor } from "./error-messages.js";
import { scopeOf } from "./turn.js";

export interface ActionContext {
  turn: TurnContext;
  user: DirectoryUser;
  services: AppServices;
  /** The Action.Execute's id-independent idempotency key (activity id), for one effect per click. */
  invokeId: string;
}

/** What an action answers: the card that replaces the one clicked, or a short message. */
export type ActionResult = { card: AdaptiveCard } | { message: string };

/**
 * One `Action.Execute` verb: the zod schema of its `data` and the handler that gets the parsed value.
 * @remarks `invalid` re-renders the submitted card with inline Swedish errors and the user's
 * input kept; without it, invalid data answers 400 (a client bug, not a user mistake).
 */
export interface ActionDefinition<S extends z.ZodType = z.ZodType> {
  verb: string;
  /** Only in the personal chat (a channel is seen by many); elsewhere a Swedish message, nothing done. */
  personalChatOnly?: boolean;
  schema: S;
  handle(context: ActionContext, data: z.infer<S>): Promise<ActionResult>;
  invalid?(
    context: ActionContext,
    submitted: Record<string, unknown>,
    errors: FieldErrors,
  ): Promise<ActionResult>;
}

/** Identity function that keeps the schema's type for the handler's `data`. */
export function defineAction<S extends z.ZodType>(definition: ActionDefinition<S>): ActionDefinition<S> {
  return definition;
}

export function cardResponse(card: AdaptiveCard): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: card };
}

export function messageResponse(message: string): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: message as never };
}

export function errorResponse(
  statusCode: number,
  code: ErrorCode,
  message: string,
): AdaptiveCardInvokeResponse {
  return { statusCode, type: "application/vnd.microsoft.error", value: { code, message } as never };
}

function toResponse(result: ActionResult): AdaptiveCardInvokeResponse {
  return "card" in result ? cardResponse(result.card) : messageResponse(result.message);
}

/** The typed table verb → {schema, handler}; the only place that routes card actions. */
export class ActionRegistry {
  private readonly actions = new Map<string, ActionDefinition>();

  register(...definitions: ActionDefinition[]): this {
    for (const definition of definitions) {
      if (this.actions.has(definition.verb))
        throw new Error(`Verbet ${definition.verb} är redan registrerat`);
      this.actions.set(definition.verb, definition);
    }
    return this;
  }

  verbs(): string[] {
    return [...this.actions.keys()];
  }

  async dispatch(
    context: ActionContext,
    invoke: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    const verb = invoke.action.verb;
    const definition = this.actions.get(verb);
    if (!definition) {
      return errorResponse(400, "ACTION.UNKNOWN_VERB", messageFor("ACTION.UNKNOWN_VERB"));
    }
    if (definition.personalChatOnly && scopeOf(context.turn.activity) !== "personal") {
      return messageResponse(messageFor("CASE.PERSONAL_CHAT_ONLY"));
    }
    const submitted = (invoke.action.data ?? {}) as Record<string, unknown>;
    const parsed = definition.schema.safeParse(submitted, { error: cardInputError });
    try {
      if (!parsed.success) {
        if (definition.invalid)
          return toResponse(await definition.invalid(context, submitted, fieldErrors(parsed.error)));
        return errorResponse(400, "ACTION.INVALID_DATA", messageFor("ACTION.INVALID_DATA"));
      }
      return toResponse(await definition.handle(context, parsed.data));
    } catch (error) {
      if (error instanceof DomainError) {
        const status = error.code === "USER.FORBIDDEN" ? 403 : 400;
        return errorResponse(status, error.code, messageFor(error.code, error.details));
      }
      throw error;
    }
  }
}
