import { z } from "zod";
import { defineCard, renderCard, type AdaptiveCard } from "./render.js";
import channelTemplate from "./templates/order-channel.json" with { type: "json" };
import detailTemplate from "./templates/order-detail.json" with { type: "json" };
import listTemplate from "./templates/order-list.json" with { type: "json" };
import speedTemplate from "./templates/order-speed.json" with { type: "json" };
import caseworkerTemplate from "./templates/order-caseworker.json" with { type: "json" };

const fact = z.object({ title: z.string(), value: z.string() });
const color = z.enum(["Default", "Good", "Warning", "Attention", "Accent"]).default("Default");
/** Teams draws a user-specific view for at most 60 users; more fall back to a manual button. */
const userIds = z.array(z.string()).max(60);

const sampleFacts = [
  { title: "Ärende", value: "FA-2026-0142" },
  { title: "Insats", value: "Alfa (socialpsykiatri)" },
  { title: "Stadsdel", value: "Farsta" },
  { title: "Beslutsperiod", value: "2026-02-09 – 2027-02-08" },
  { title: "Genomförandeplan senast", value: "2026-03-03 (15 arbetsdagar från beställningen)" },
  { title: "Läge", value: "Tilldelad till Sara Arbetsspecialist" },
  { title: "Arbetsdagar kvar", value: "1" },
];

/**
 * An order in the unit's intake channel: case reference, insats, district, decision period, GP
 * due date and rule, state, working days left — never anything about the client. Unit members
 * see the detailed card instead (refresh.userIds).
 */
export const orderChannelCard = defineCard({
  name: "order-channel",
  template: channelTemplate,
  schema: z.object({
    orderId: z.string(),
    title: z.string(),
    color,
    facts: z.array(fact),
    footnote: z.string(),
    userIds,
  }),
  sample: {
    orderId: "o-1",
    title: "Ny beställning till Jobbtorg Alfa",
    color: "Accent",
    facts: sampleFacts,
    footnote: "Enhetens medarbetare ser knapparna för att ta och rapportera ärendet.",
    userIds: ["8:orgid:00000000-0000-0000-0000-0000000000b1"],
  },
  channelBound: true,
});

/** The detailed, user-specific view of an order with the actions this user may take. */
export const orderDetailCard = defineCard({
  name: "order-detail",
  template: detailTemplate,
  schema: z.object({
    orderId: z.string(),
    title: z.string(),
    color,
    facts: z.array(fact),
    status: z.string().default(""),
    error: z.string().default(""),
    userIds,
    showTake: z.boolean(),
    showAssign: z.boolean(),
    showGpSent: z.boolean(),
    showFollowUp: z.boolean(),
    showEfterstod: z.boolean(),
    showClose: z.boolean(),
    specialists: z.array(z.object({ id: z.string(), name: z.string() })),
    assignee: z.string().default(""),
    sentOn: z.string().default(""),
    today: z.string(),
    /** The list the card was opened from ("nya", "mina"): a button leads back to it. */
    backTo: z.string().default(""),
  }),
  sample: {
    orderId: "o-1",
    title: "Beställning till Jobbtorg Alfa",
    color: "Default",
    facts: [...sampleFacts, { title: "Handläggare", value: "Anna Handläggare" }],
    userIds: [],
    showTake: false,
    showAssign: true,
    showGpSent: true,
    showFollowUp: true,
    showEfterstod: false,
    showClose: true,
    specialists: [{ id: "b1", name: "Sara Arbetsspecialist" }],
    assignee: "b1",
    sentOn: "2026-03-02",
    today: "2026-03-02",
  },
  // Posted in the channel's thread but drawn only for the unit's members: dates and staff only.
  channelBound: true,
});

/** Nya beställningar / Mina beställningar. */
/** Jobbtorg's two lists of orders: not yet taken, and the specialist's own. */
export const orderLists = ["nya", "mina"] as const;
export type OrderList = (typeof orderLists)[number];

export const orderListCard = defineCard({
  name: "order-list",
  template: listTemplate,
  schema: z.object({
    /** Which list this is, carried by "Öppna" so the order's card leads back to it. */
    list: z.enum(orderLists),
    title: z.string(),
    empty: z.string(),
    items: z.array(z.object({ orderId: z.string(), heading: z.string(), detail: z.string(), color })),
  }),
  sample: {
    list: "nya",
    title: "Nya beställningar (1)",
    empty: "Inga nya beställningar.",
    items: [
      {
        orderId: "o-1",
        heading: "FA-2026-0142 · Alfa (socialpsykiatri) · Farsta",
        detail: "Beställd 2026-02-10 · genomförandeplan senast 2026-03-03 · 1 arbetsdag kvar",
        color: "Warning",
      },
    ],
  },
  channelBound: true,
});

/** For team leaders: open orders per specialist and order → GP speed over 90 days. */
export const orderSpeedCard = defineCard({
  name: "order-speed",
  template: speedTemplate,
  schema: z.object({
    units: z.array(
      z.object({
        name: z.string(),
        summary: z.string(),
        specialists: z.array(z.object({ name: z.string(), open: z.string() })),
        speed: z.string(),
      }),
    ),
  }),
  sample: {
    units: [
      {
        name: "Jobbtorg Alfa",
        summary: "3 nya beställningar väntar på att tas.",
        specialists: [{ name: "Sara Arbetsspecialist", open: "2 öppna" }],
        speed:
          "Beställning → genomförandeplan, senaste 90 dagarna (4 planer): median 12 arbetsdagar, längst 17.",
      },
    ],
  },
  channelBound: true,
});

/** To the caseworker: Jobbtorg sent the plan, or asks for a follow-up. */
export const orderCaseworkerCard = defineCard({
  name: "order-caseworker",
  template: caseworkerTemplate,
  schema: z.object({ title: z.string(), text: z.string(), facts: z.array(fact), caseId: z.string() }),
  sample: {
    title: "Genomförandeplanen är skickad",
    text: "Jobbtorg har skickat genomförandeplanen. Granska den mot beställningen och registrera det i ärendet.",
    facts: [
      { title: "Ärende", value: "FA-2026-0142" },
      { title: "Skickad", value: "2026-02-27" },
    ],
    caseId: "c-1",
  },
});

/** Renders a card with the optional refresh block left out entirely when nobody gets a user-specific view. */
export function withoutEmptyRefresh(card: AdaptiveCard): AdaptiveCard {
  if (card.refresh === null || card.refresh === undefined) {
    const { refresh: _refresh, ...rest } = card;
    return rest as AdaptiveCard;
  }
  return card;
}

export function renderOrderChannelCard(data: z.input<typeof orderChannelCard.schema>): AdaptiveCard {
  return withoutEmptyRefresh(renderCard(orderChannelCard, data));
}

export function renderOrderDetailCard(data: z.input<typeof orderDetailCard.schema>): AdaptiveCard {
  return withoutEmptyRefresh(renderCard(orderDetailCard, data));
}
