import { z } from "zod";
import { defineCard } from "./render.js";
import welcomeTemplate from "./templates/welcome.json" with { type: "json" };
import helpTemplate from "./templates/help.json" with { type: "json" };
import noticeTemplate from "./templates/notice.json" with { type: "json" };

export const welcomeCard = defineCard({
  name: "welcome",
  template: welcomeTemplate,
  schema: z.object({
    intro: z.string(),
    facts: z.array(z.object({ title: z.string(), value: z.string() })).default([]),
    actions: z.array(z.object({ title: z.string(), verb: z.string() })).min(1),
    greeting: z.string().default(""),
  }),
  sample: {
    intro: "Jag guidar genom insatsprocessen.",
    facts: [{ title: "Som handläggare", value: "Registrera ansökningar." }],
    actions: [{ title: "Hjälp", verb: "help.show" }],
    greeting: "Hej Anna!",
  },
  channelBound: true,
});

export const helpCard = defineCard({
  name: "help",
  template: helpTemplate,
  schema: z.object({
    commands: z.array(z.object({ command: z.string(), description: z.string() })).min(1),
  }),
  sample: { commands: [{ command: "hjälp", description: "Visar det här kortet." }] },
  channelBound: true,
});

/** A short titled message: errors, confirmations, access instructions. */
export const noticeCard = defineCard({
  name: "notice",
  template: noticeTemplate,
  schema: z.object({
    title: z.string(),
    text: z.string(),
    color: z.enum(["Default", "Good", "Warning", "Attention", "Accent"]).default("Default"),
  }),
  sample: { title: "Klart", text: "Ärendet är uppdaterat.", color: "Good" },
  channelBound: true,
});
