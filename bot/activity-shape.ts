import { z } from "zod";

/**
 * The shape of an incoming Bot Framework activity, checked before botbuilder sees it: botbuilder
 * trusts the types of the fields it reads, so a number for `serviceUrl` or a string for `value`
 * ended in a 500 or 501. Anything a client can send that does not fit is a 400, with a Swedish
 * message. Loose: fields not listed here are passed through untouched.
 */
const id = z.string().max(1024);
const optional = <T extends z.ZodType>(schema: T) => schema.nullish();

const account = z
  .object({
    id: optional(id),
    name: optional(z.string().max(1024)),
    aadObjectId: optional(z.string().max(128)),
    role: optional(z.string().max(64)),
  })
  .loose();

const named = z.object({ id: optional(id), name: optional(z.string().max(1024)) }).loose();

const entity = z
  .object({ type: optional(z.string().max(256)) })
  .loose()
  .superRefine((value, ctx) => {
    if (value.type !== "mention") return;
    const mention = z
      .object({ text: optional(z.string().max(4096)), mentioned: optional(account) })
      .loose()
      .safeParse(value);
    if (!mention.success) ctx.addIssue({ code: "custom", message: "mention" });
  });

const cardAction = z
  .object({
    action: z
      .object({
        type: optional(z.string().max(64)),
        verb: z.string().max(256),
        data: optional(z.record(z.string(), z.unknown())),
      })
      .loose(),
    trigger: optional(z.string().max(64)),
  })
  .loose();

export const activityShape = z
  .object({
    type: z.string().min(1).max(64),
    id: optional(id),
    timestamp: optional(z.string().max(64)),
    localTimestamp: optional(z.string().max(64)),
    // Replies go there: without one botbuilder's client retries nowhere for seconds. Teams always sends it.
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    channelId: optional(z.string().max(256)),
    from: optional(account),
    recipient: optional(account),
    conversation: optional(
      z
        .object({
          id: optional(id),
          conversationType: optional(z.string().max(64)),
          tenantId: optional(z.string().max(128)),
          isGroup: optional(z.boolean()),
          name: optional(z.string().max(1024)),
        })
        .loose(),
    ),
    channelData: optional(
      z
        .object({
          tenant: optional(z.object({ id: optional(z.string().max(128)) }).loose()),
          channel: optional(named),
          team: optional(named),
          eventType: optional(z.string().max(128)),
        })
        .loose(),
    ),
    text: optional(z.string()),
    textFormat: optional(z.string().max(64)),
    locale: optional(z.string().max(64)),
    replyToId: optional(id),
    name: optional(z.string().max(256)),
    action: optional(z.string().max(64)),
    entities: optional(z.array(entity).max(100)),
    attachments: optional(z.array(z.object({}).loose()).max(100)),
    membersAdded: optional(z.array(account).max(1000)),
    membersRemoved: optional(z.array(account).max(1000)),
  })
  .loose()
  .superRefine((activity, ctx) => {
    if (activity.type !== "invoke") return;
    if (typeof activity.name !== "string") {
      ctx.addIssue({ code: "custom", path: ["name"], message: "an invoke needs a name" });
    } else if (activity.name === "adaptiveCard/action" && !cardAction.safeParse(activity.value).success) {
      ctx.addIssue({ code: "custom", path: ["value"], message: "not an Action.Execute" });
    }
  });

export const activityShapeMessage = "Aktiviteten har fel form och togs inte emot.";
