import type { CaseAction } from "../../src/cases/service.js";
import { randomUUID } from "node:crypto";

/** Demo directory users (src/directory/demo-directory.json). */
export const demoUsers = {
  handlaggare: { id: "00000000-0000-0000-0000-0000000000a1", name: "Anna Handläggare" },
  handlaggareLss: { id: "00000000-0000-0000-0000-0000000000a2", name: "Lars Handläggare" },
  /** Anna's colleague in Farsta socialpsykiatri (work is handed between them). */
  handlaggare2: { id: "00000000-0000-0000-0000-0000000000a4", name: "Peter Handläggare" },
  uppsokare: { id: "00000000-0000-0000-0000-0000000000a3", name: "Maja Uppsökare" },
  specialistAlfa: { id: "00000000-0000-0000-0000-0000000000b1", name: "Sara Arbetsspecialist" },
  specialistAlfa2: { id: "00000000-0000-0000-0000-0000000000b2", name: "Omar Arbetsspecialist" },
  specialistIwork: { id: "00000000-0000-0000-0000-0000000000b3", name: "Ida Jobbcoach" },
  gruppledareAlfa: { id: "00000000-0000-0000-0000-0000000000c1", name: "Eva Gruppledare" },
  gruppledareSocialpsykiatri: { id: "00000000-0000-0000-0000-0000000000c2", name: "Karin Enhetschef" },
  gruppledareIwork: { id: "00000000-0000-0000-0000-0000000000c3", name: "Nils Gruppledare" },
  admin: { id: "00000000-0000-0000-0000-0000000000d1", name: "Admin Insatsguiden" },
  unknown: { id: "99999999-9999-9999-9999-999999999999", name: "Okänd Person" },
} as const;

export type DemoUser = { id: string; name: string };

export const testTenantId = "11111111-2222-3333-4444-555555555555";
export const botAccount = { id: "28:insatsguiden-bot", name: "Insatsguiden" };

export interface ConversationOptions {
  /** Where the activity comes from; default a personal chat with the user. */
  scope?: "personal" | "channel" | "groupChat";
  conversationId?: string;
  channelId?: string;
  teamId?: string;
  serviceUrl: string;
  tenantId?: string;
}

function conversationFields(user: DemoUser, options: ConversationOptions): Record<string, unknown> {
  const scope = options.scope ?? "personal";
  const tenantId = options.tenantId ?? testTenantId;
  const channelId = options.channelId ?? "19:team-channel@thread.tacv2";
  const conversationId =
    options.conversationId ??
    (scope === "personal"
      ? `a:personal-${user.id}`
      : scope === "channel"
        ? channelId
        : "19:groupchat@thread.v2");
  return {
    channelId: "msteams",
    serviceUrl: options.serviceUrl,
    from: { id: `29:${user.id}`, name: user.name, aadObjectId: user.id },
    recipient: botAccount,
    conversation: {
      id: conversationId,
      conversationType: scope,
      tenantId,
      ...(scope === "channel" ? { isGroup: true } : scope === "groupChat" ? { isGroup: true } : {}),
    },
    channelData: {
      tenant: { id: tenantId },
      ...(scope === "channel"
        ? { channel: { id: channelId }, team: { id: options.teamId ?? "19:team@thread.tacv2" } }
        : {}),
    },
    id: randomUUID(),
    timestamp: new Date().toISOString(),
    locale: "sv-SE",
  };
}

/** A message activity from `user` saying `text`. */
export function makeMessage(
  user: DemoUser,
  text: string,
  options: ConversationOptions,
): Record<string, unknown> {
  return { type: "message", text, ...conversationFields(user, options) };
}

/** An Adaptive Card `Action.Execute` invoke with `verb` and `data`. */
export function makeCardAction(
  user: DemoUser,
  verb: string,
  data: Record<string, unknown>,
  options: ConversationOptions & { replyToId?: string },
): Record<string, unknown> {
  return {
    type: "invoke",
    name: "adaptiveCard/action",
    value: { action: { type: "Action.Execute", verb, data }, trigger: "manual" },
    ...(options.replyToId ? { replyToId: options.replyToId } : {}),
    ...conversationFields(user, options),
  };
}

/** The installationUpdate Teams sends when the app is added in a scope. */
export function makeInstall(user: DemoUser, options: ConversationOptions): Record<string, unknown> {
  return { type: "installationUpdate", action: "add", ...conversationFields(user, options) };
}

/** An Alfa case's steps from the information meeting to the order to Jobbtorg Alfa (bifall). */
export const alfaStepsUntilOrder = [
  { kind: "informationMeeting", heldOn: "2026-01-07" },
  { kind: "targetGroup", belongs: true },
  { kind: "dur", completedOn: "2026-01-12", areas: ["arbete"], needsPurposeGoals: true },
  { kind: "meeting", on: "2026-01-14" },
  { kind: "criteria", met: true, specialistAssessment: { on: "2026-01-14", ready: true } },
  { kind: "decide", decidedOn: "2026-01-15", outcome: "bifall", periodTo: "2027-01-14" },
  { kind: "order", orderedOn: "2026-01-16", jobbtorgUnit: "alfa" },
] as const satisfies readonly CaseAction[];

/** An Alfa case's steps from the information meeting to the criteria, met (the decision is the test's). */
export const alfaStepsUntilDecision = [
  { kind: "informationMeeting", heldOn: "2026-01-12" },
  { kind: "targetGroup", belongs: true, ruleVerdict: "eligible" },
  { kind: "dur", completedOn: "2026-01-26", areas: ["arbete"], needsPurposeGoals: true },
  { kind: "meeting", on: "2026-02-02" },
  {
    kind: "criteria",
    met: true,
    ruleVerdict: "eligible",
    specialistAssessment: { on: "2026-02-03", ready: true },
  },
] as const satisfies readonly CaseAction[];
