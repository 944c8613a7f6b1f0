import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { isCardDefinition, renderCard, type CardDefinition } from "../cards/render.js";

/** Every card defined anywhere under cards/: new cards are covered without registering them. */
async function allCards(): Promise<CardDefinition[]> {
  const files = fs
    .readdirSync("cards", { recursive: true, encoding: "utf8" })
    .filter((file) => file.endsWith(".ts"))
    .map((file) => path.resolve("cards", file));
  const cards: CardDefinition[] = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    cards.push(...Object.values(module).filter(isCardDefinition));
  }
  return cards;
}

const cards = await allCards();

function versionNumber(version: string): number {
  const [major, minor] = version.split(".").map(Number);
  return (major ?? 0) + (minor ?? 0) / 10;
}

describe("card catalog", () => {
  it("finds the cards", () => {
    expect(cards.map((c) => c.name)).toEqual(expect.arrayContaining(["welcome", "help", "notice"]));
    expect(new Set(cards.map((c) => c.name)).size).toBe(cards.length);
  });

  it.each(cards.map((card) => [card.name, card] as const))(
    "%s renders as Adaptive Card ≤ 1.5, fully bound, < 40 KB",
    (_name, card) => {
      const rendered = renderCard(card, card.sample);
      const json = JSON.stringify(rendered);
      expect(rendered.type).toBe("AdaptiveCard");
      expect(typeof rendered.version).toBe("string");
      expect(versionNumber(rendered.version)).toBeLessThanOrEqual(1.5);
      expect(json).not.toMatch(/\$\{/);
      expect(Buffer.byteLength(json)).toBeLessThan(40 * 1024);
    },
  );

  it("refuses data that does not match a card's schema", () => {
    const help = cards.find((c) => c.name === "help")!;
    expect(() => renderCard(help, { commands: [] } as never)).toThrow(/help/);
  });
});
