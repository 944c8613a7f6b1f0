import { CardFactory, MessageFactory, type TurnContext } from "botbuilder";
import type { AdaptiveCard } from "../cards/render.js";

/** Sends an Adaptive Card as a new message in the turn's conversation; returns its activity id. */
export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const response = await context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(card)));
  return response?.id;
}

export async function sendText(context: TurnContext, text: string): Promise<void> {
  await context.sendActivity(MessageFactory.text(text));
}
