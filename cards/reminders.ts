import { z } from "zod";
import { defineCard } from "./render.js";
import reminderTemplate from "./templates/reminder.json" with { type: "json" };
import digestTemplate from "./templates/digest.json" with { type: "json" };

const fact = z.object({ title: z.string(), value: z.string() });
const color = z.enum(["Default", "Good", "Warning", "Attention", "Accent"]).default("Default");

const reminderSchema = z.object({
  title: z.string(),
  text: z.string(),
  color,
  facts: z.array(fact),
  reminderId: z.number().int(),
  caseId: z.string(),
  showDone: z.boolean(),
  showSnooze: z.boolean(),
  /** Shown after an action ("Klar", "Påminner dig …"); empty before. */
  status: z.string().default(""),
});

/** A reminder in a caseworker's or specialist's personal chat, with Klar and Påminn mig i morgon. */
export const personalReminderCard = defineCard({
  name: "reminder-personal",
  template: reminderTemplate,
  schema: reminderSchema,
  sample: {
    title: "Genomförandeplanen ska vara klar om 3 arbetsdagar",
    text: "Jobbtorg ska skicka genomförandeplanen. Granska den mot beställningen när den kommit.",
    color: "Warning",
    facts: [
      { title: "Ärende", value: "FA-2026-0142" },
      { title: "Insats", value: "Alfa" },
      { title: "Sista dag", value: "2026-03-23" },
    ],
    reminderId: 17,
    caseId: "c-1",
    showDone: true,
    showSnooze: true,
  },
});

/**
 * A reminder or escalation in a team channel. Channel-bound: case reference, insats, dates and
 * staff only — never client data.
 */
export const channelReminderCard = defineCard({
  name: "reminder-channel",
  template: reminderTemplate,
  schema: reminderSchema,
  sample: {
    title: "Genomförandeplanen är försenad",
    text: "Sista dag var 2026-03-23. Gruppledaren följer upp med Jobbtorg.",
    color: "Attention",
    facts: [
      { title: "Ärende", value: "FA-2026-0142" },
      { title: "Insats", value: "Alfa" },
      { title: "Sista dag", value: "2026-03-23 (2 arbetsdagar sedan)" },
      { title: "Handläggare", value: "Anna Handläggare" },
    ],
    reminderId: 18,
    caseId: "c-1",
    showDone: false,
    showSnooze: false,
  },
  channelBound: true,
});

const digestItem = z.object({
  caseId: z.string(),
  caseRef: z.string(),
  insats: z.string(),
  due: z.string(),
  responsible: z.string(),
  color,
});

/** The daily digest in a team channel: overdue first, then due this week, by kind, oldest first. */
export const digestCard = defineCard({
  name: "digest",
  template: digestTemplate,
  schema: z.object({
    title: z.string(),
    summary: z.string(),
    sections: z.array(
      z.object({
        heading: z.string(),
        color,
        groups: z.array(z.object({ label: z.string(), items: z.array(digestItem).min(1) })).min(1),
      }),
    ),
    notices: z.array(z.string()),
  }),
  sample: {
    title: "Dagens frister – Socialpsykiatri Farsta",
    summary: "Måndag 2 mars 2026 · 1 försenad · 2 den här veckan",
    sections: [
      {
        heading: "Försenade",
        color: "Attention",
        groups: [
          {
            label: "Genomförandeplan",
            items: [
              {
                caseId: "c-1",
                caseRef: "FA-2026-0142",
                insats: "Alfa",
                due: "2026-02-26 (2 arbetsdagar sedan)",
                responsible: "Anna Handläggare",
                color: "Attention",
              },
            ],
          },
        ],
      },
      {
        heading: "Den här veckan",
        color: "Default",
        groups: [
          {
            label: "Uppföljning",
            items: [
              {
                caseId: "c-2",
                caseRef: "FA-2025-0977",
                insats: "Sysselsättning",
                due: "2026-03-05",
                responsible: "Anna Handläggare",
                color: "Default",
              },
            ],
          },
        ],
      },
    ],
    notices: ["Lars Handläggare har inte installerat Insatsguiden: 2 påminnelser väntar."],
  },
  channelBound: true,
});
