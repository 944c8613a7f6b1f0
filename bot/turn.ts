import {
  TeamsInfo,
  TurnContext,
  teamsGetChannelId,
  type Activity,
  type ConversationReference,
} from "botbuilder";
import { conversationKey, type ConversationKind } from "../src/store/conversations.js";
import type { AppServices } from "../src/services.js";

export type ConversationScope = "personal" | "channel" | "groupChat";

export function scopeOf(activity: Partial<Activity>): ConversationScope {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return "channel";
  if (type === "groupChat") return "groupChat";
  return "personal";
}

/** The directory id of the sender: Entra object id, or the channel user id in local mode. */
export function senderId(activity: Partial<Activity>, localMode: boolean): string | undefined {
  return activity.from?.aadObjectId ?? (localMode ? activity.from?.id : undefined);
}

export function tenantOf(activity: Partial<Activity>): string | undefined {
  const channelData = activity.channelData as { tenant?: { id?: string } } | undefined;
  return channelData?.tenant?.id ?? activity.conversation?.tenantId;
}

/** Where a proactive message to this conversation should go, and under which store key. */
export function conversationTarget(
  activity: Partial<Activity>,
  localMode: boolean,
): { key: string; kind: ConversationKind } | undefined {
  const scope = scopeOf(activity);
  if (scope === "channel") {
    const channelId = teamsGetChannelId(activity as Activity) ?? activity.conversation?.id?.split(";")[0];
    return channelId ? { key: conversationKey.channel(channelId), kind: "channel" } : undefined;
  }
  if (scope === "groupChat") {
    return activity.conversation?.id
      ? { key: conversationKey.chat(activity.conversation.id), kind: "chat" }
      : undefined;
  }
  const userId = senderId(activity, localMode) ?? activity.recipient?.id;
  return userId ? { key: conversationKey.user(userId), kind: "user" } : undefined;
}

/** Stores the reference of the conversation this turn came from (install, update, message). */
export async function saveConversationReference(context: TurnContext, services: AppServices): Promise<void> {
  const target = conversationTarget(context.activity, services.config.localMode);
  if (!target) return;
  const reference: Partial<ConversationReference> = TurnContext.getConversationReference(context.activity);
  if (target.kind === "channel" && reference.conversation?.id) {
    // A reply thread's id carries ";messageid=…": keep the channel itself so new posts start threads.
    reference.conversation = { ...reference.conversation, id: reference.conversation.id.split(";")[0]! };
  }
  delete reference.activityId;
  await services.conversations.save({
    key: target.key,
    kind: target.kind,
    reference: reference as Record<string, unknown>,
    tenantId: tenantOf(context.activity) ?? null,
    at: services.clock.now(),
  });
}

/** Text of a message without the bot's @mention, lower-cased and trimmed. */
export function commandText(context: TurnContext): string {
  const withoutMention = TurnContext.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
  return withoutMention.replace(/\s+/g, " ").trim();
}

/** Members of the current team or chat (for user-specific card views). */
export async function conversationMemberIds(context: TurnContext): Promise<string[]> {
  const members = await TeamsInfo.getPagedMembers(context, 100);
  return members.members.map((m) => m.aadObjectId ?? m.id);
}
