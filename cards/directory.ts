import { z } from "zod";
import { defineCard } from "./render.js";
import handoverTemplate from "./templates/handover.json" with { type: "json" };
import whoamiTemplate from "./templates/whoami.json" with { type: "json" };

/** `vem är jag`: the roles and units the bot sees for the person, and where it read them. */
export const whoamiCard = defineCard({
  name: "whoami",
  template: whoamiTemplate,
  schema: z.object({
    name: z.string().min(1),
    roles: z.array(z.object({ role: z.string().min(1), scope: z.string() })).min(1),
    source: z.string().min(1),
  }),
  sample: {
    name: "Anna Handläggare",
    roles: [{ role: "Handläggare", scope: "Socialpsykiatri, Farsta" }],
    source: "Rollerna kommer från dina grupper i stadens katalog (Entra ID).",
  },
});

const choice = z.object({ title: z.string().min(1), value: z.string().min(1) });

/**
 * A team leader hands work over: whose (open cases or running orders, departed colleagues
 * included), to whom (colleagues of the same unit from the directory), and for cases optionally
 * just one case. Personal chat only.
 */
export const handoverCard = defineCard({
  name: "handover",
  template: handoverTemplate,
  schema: z.object({
    kind: z.enum(["cases", "orders"]),
    verb: z.enum(["handover.cases", "handover.orders"]),
    title: z.string().min(1),
    intro: z.string().min(1),
    button: z.string().min(1),
    unit: z.string().default(""),
    from: z.array(choice),
    to: z.array(choice),
    fromId: z.string().default(""),
    toId: z.string().default(""),
    caseRef: z.string().default(""),
    example: z.string().default("FA-2026-0142"),
    error: z.string().default(""),
    status: z.string().default(""),
  }),
  sample: {
    kind: "cases",
    verb: "handover.cases",
    title: "Flytta ärenden",
    intro: "Ärenden, frister och påminnelser flyttas till en kollega i samma enhet och stadsdel.",
    button: "Flytta",
    from: [{ title: "Anna Handläggare (3 öppna)", value: "a1" }],
    to: [{ title: "Peter Handläggare (1 öppet)", value: "a4" }],
  },
});
