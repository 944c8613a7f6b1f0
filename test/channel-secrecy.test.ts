import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { isCardDefinition, renderCard, type CardDefinition } from "../cards/render.js";
import { containsIdentityNumber } from "../src/identity/personnummer.js";
import { digestCardFor, reminderCard, type MessageContext } from "../src/reminders/messages.js";
import type { Deadline } from "../src/reminders/repository.js";
import { cardText } from "./support/app.js";

/** Labels that would mean client data in a card: names, identity numbers, health, contact details. */
const clientFieldLabels =
  /\b(klient(ens)?|den enskild(a|es)|brukare(ns)?)\s*(namn|adress|telefon)|personnummer:|samordningsnummer:|\bnamn:|\bdiagnos|\badress:|\btelefon(nummer)?:|\be-?post:/i;

async function channelBoundCards(): Promise<CardDefinition[]> {
  const cards: CardDefinition[] = [];
  for (const file of fs.readdirSync("cards", { recursive: true, encoding: "utf8" })) {
    if (!file.endsWith(".ts")) continue;
    const module = (await import(pathToFileURL(path.resolve("cards", file)).href)) as Record<string, unknown>;
    cards.push(
      ...Object.values(module)
        .filter(isCardDefinition)
        .filter((card) => card.channelBound),
    );
  }
  return cards;
}

function assertNoClientData(card: unknown): void {
  const text = cardText(card);
  const json = JSON.stringify(card);
  expect(containsIdentityNumber(json), json).toBe(false);
  expect(text).not.toMatch(clientFieldLabels);
  // Fact titles and input labels: nothing that asks for or shows a client's identity.
  expect(json).not.toMatch(/"(title|label)":"(Namn|Klient|Personnummer|Födelsedatum|Diagnos)/i);
}

const channelCards = await channelBoundCards();

const deadline = (overrides: Partial<Deadline>): Deadline => ({
  id: "gp:o-1",
  kind: "gp",
  case_id: "c-1",
  case_ref: "FA-2026-0142",
  insats: "sis-socialpsykiatri",
  due_on: "2026-03-23",
  starts_at: null,
  rule: "working",
  caseworker_id: "cw",
  caseworker_unit: "socialpsykiatri",
  district: "Farsta",
  jobbtorg_unit: "alfa",
  state: "open",
  created_at: 0,
  closed_at: null,
  ...overrides,
});

const context: MessageContext = {
  today: "2026-03-24",
  staffName: () => "Anna Handläggare",
  insatsName: (id) => id,
};

describe("what channel cards may show", () => {
  it("detects what it must refuse (the check itself can fail)", () => {
    expect(() =>
      assertNoClientData({ body: [{ type: "TextBlock", text: "Klientens namn: Kalle" }] }),
    ).toThrow();
    expect(() => assertNoClientData({ body: [{ type: "TextBlock", text: "19121212-1212" }] })).toThrow();
  });

  it.each(channelCards.map((card) => [card.name, card] as const))(
    "%s carries case references, insatser, dates and staff only",
    (_name, card) => {
      assertNoClientData(renderCard(card, card.sample));
    },
  );

  it("reminders, escalations and digests composed from real deadlines carry no client data", () => {
    const gp = deadline({});
    const followUp = deadline({
      id: "follow-up:c-2",
      kind: "follow-up",
      case_id: "c-2",
      case_ref: "FA-2025-0977",
      jobbtorg_unit: null,
    });
    for (const kind of ["gp-before", "gp-due", "gp-overdue"] as const) {
      assertNoClientData(reminderCard({ id: 1, kind }, gp, context, true));
    }
    for (const kind of ["follow-up-before", "follow-up-due", "follow-up-overdue"] as const) {
      assertNoClientData(reminderCard({ id: 2, kind }, followUp, context, true));
    }
    assertNoClientData(
      digestCardFor(
        {
          channelTitle: "Socialpsykiatri Farsta",
          dateLabel: "Tisdag 24 mars 2026",
          overdue: [gp],
          thisWeek: [followUp],
          notices: ["Lars Handläggare har inte installerat Insatsguiden: 2 påminnelser väntar."],
        },
        context,
      ),
    );
  });
});
