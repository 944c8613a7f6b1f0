import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from "botbuilder";
import { welcomeCard } from "../cards/basic.js";
import { renderCard } from "../cards/render.js";
import type { DirectoryUser } from "../src/directory/directory.js";
import type { AppServices } from "../src/services.js";
import { errorResponse, messageResponse, type ActionRegistry } from "./actions.js";
import type { CommandRegistry } from "./commands.js";
import { DomainError } from "../src/errors.js";
import { messageFor } from "./error-messages.js";
import { sendCard, sendText } from "./replies.js";
import { commandText, saveConversationReference, scopeOf, senderId } from "./turn.js";
import { welcomeData } from "./welcome.js";
import type { CommandDefinition } from "./commands.js";

/** Where a command belongs, for one that was written in the wrong kind of conversation. */
function pointerTo(command: CommandDefinition): string {
  const name = command.help.command;
  return command.scopes?.includes("personal")
    ? `**${name}** gör du i din personliga chatt med Insatsguiden – där syns ärendets uppgifter bara för dig.`
    : `**${name}** skriver du i teamkanalen som det gäller.`;
}

/**
 * The Teams-facing shell: greets on install, keeps conversation references for proactive
 * messages, resolves the user once per turn, and routes commands and card actions through
 * their registries. No business rules live here.
 */
export class InsatsguidenBot extends TeamsActivityHandler {
  constructor(
    private readonly services: AppServices,
    private readonly actions: ActionRegistry,
    private readonly commands: CommandRegistry,
  ) {
    super();

    this.onInstallationUpdateAdd(async (context, next) => {
      await saveConversationReference(context, this.services);
      await this.greet(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await saveConversationReference(context, this.services);
      await this.handleMessage(context);
      await next();
    });
  }

  /** The directory user behind this turn, or undefined when they have no access. */
  private async resolveUser(context: TurnContext): Promise<DirectoryUser | undefined> {
    const id = senderId(context.activity, this.services.config.localMode);
    return id === undefined ? undefined : this.services.directory.findUser(id);
  }

  private async greet(context: TurnContext): Promise<void> {
    const scope = scopeOf(context.activity);
    // A shared conversation is greeted as a whole: whoever installed it is not named there.
    const user =
      scope === "personal"
        ? await this.resolveUser(context).catch((error: unknown) => {
            // A greeting without a name is fine while the directory cannot answer.
            if (error instanceof DomainError) return undefined;
            throw error;
          })
        : undefined;
    await sendCard(context, renderCard(welcomeCard, welcomeData(user, scope)));
  }

  private async handleMessage(context: TurnContext): Promise<void> {
    const text = commandText(context);
    if (text === "" && context.activity.value === undefined) return;
    let user: DirectoryUser | undefined;
    try {
      user = await this.resolveUser(context);
    } catch (error) {
      // The directory cannot say who this is (Entra ID down too long): refuse, never guess.
      if (!(error instanceof DomainError)) throw error;
      await sendText(context, messageFor(error.code, error.details));
      return;
    }
    if (!user) {
      await sendText(context, messageFor("USER.UNKNOWN"));
      return;
    }
    const scope = scopeOf(context.activity);
    const commandContext = { turn: context, user, services: this.services, scope };
    const matched = this.commands.match(text, scope);
    const elsewhere = matched ? undefined : this.commands.elsewhere(text, scope);
    try {
      if (matched) {
        await matched.command.handle(commandContext, matched.args);
      } else if (elsewhere) {
        // A short pointer, never the text back: a channel post may carry what should not be there.
        await sendText(context, pointerTo(elsewhere));
      } else if (this.commands.fallback) {
        await this.commands.fallback(commandContext, text);
      } else {
        await sendText(
          context,
          "Det kommandot känner jag inte igen. Skriv **hjälp** för att se vad jag kan.",
        );
      }
    } catch (error) {
      // A refusal the user can act on is an answer, not a failure.
      if (!(error instanceof DomainError)) throw error;
      await sendText(context, messageFor(error.code, error.details));
    }
  }

  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    invokeValue: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await saveConversationReference(context, this.services);
    let user: DirectoryUser | undefined;
    try {
      user = await this.resolveUser(context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return messageResponse(messageFor(error.code, error.details));
    }
    if (!user) return messageResponse(messageFor("USER.UNKNOWN"));
    if (typeof invokeValue.action?.verb !== "string") {
      return errorResponse(400, "ACTION.UNKNOWN_VERB", messageFor("ACTION.UNKNOWN_VERB"));
    }
    return this.actions.dispatch(
      { turn: context, user, services: this.services, invokeId: context.activity.id ?? "" },
      invokeValue,
    );
  }
}
