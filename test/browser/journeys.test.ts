/**
 * Journeys as the user clicks them (issue 15): the bot in demo mode (src/demo.ts) on a fixed day
 * and the real Agents Playground, driven in Debian's chromium through playwright-core. Each step
 * clicks the card's own buttons, fills its inputs and reads the card that comes back. A step
 * fails when its button is blocked (the card does not move on), when a card shows English or a
 * raw id, or when the expected card never comes. Screenshots of every step are kept in
 * test-artifacts/journeys/ (gitignored).
 * @remarks One full journey (sysselsättning, type C: ny ansökan → avslut with one follow-up
 * cycle) plus the team leader's view (frister, the order queue) in the channel on the seeded demo
 * cases; the A, B and D journeys and taking an order are walked through HTTP in
 * test/cases-http.test.ts and test/orders-http.test.ts. Four full browser journeys would add
 * several minutes to npm test.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { DemoClock, seedDemo } from "../../src/demo.js";
import { silentLogger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/main.js";
import {
  playgroundConfigFileName,
  startPlayground,
  withCurrentUser,
  type RunningPlayground,
} from "../../src/playground.js";

const chromiumPath = "/usr/bin/chromium";
const artifacts = path.resolve("test-artifacts", "journeys");
const repoConfig = path.join(import.meta.dirname, "..", "..", playgroundConfigFileName);
const demoDay = "2026-12-01";

const missingBrowser = fs.existsSync(chromiumPath) ? undefined : `${chromiumPath} saknas`;
if (missingBrowser && process.env.CI === "true") throw new Error(`CI=true men ${missingBrowser}`);

/** Words a Swedish card must not show (the renderer's own English defaults, untranslated text). */
const english = /\b(Select|Enter|Submit|Please|required|Cancel|Loading|Error|undefined|null|NaN)\b/;
/** A raw id: a UUID, a verb, an unbound template expression. */
const rawId = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}|\bcase\.[a-z]|\border\.[a-z]|\$\{/i;

let app: RunningApp;
let dataDir: string;
let browser: BrowserContext;

async function openPlayground(user: string): Promise<{ playground: RunningPlayground; page: Page }> {
  const directoryUser = (await app.services.directory.findUser(user))!;
  const config = path.join(
    dataDir,
    `playground-${directoryUser.displayName.split(" ")[0]}`,
    playgroundConfigFileName,
  );
  fs.mkdirSync(path.dirname(config), { recursive: true });
  fs.writeFileSync(config, withCurrentUser(fs.readFileSync(repoConfig, "utf8"), directoryUser));
  const playground = await startPlayground({
    botEndpoint: `${app.url}/api/messages`,
    port: 0,
    configFile: config,
    logFile: path.join(dataDir, `playground-${user}.log`),
  });
  const page = await browser.newPage();
  await page.route(/^https?:\/\/(?!localhost[:/]|127\.0\.0\.1[:/])/, (route) => route.abort());
  await page.goto(playground.url, { waitUntil: "domcontentloaded", timeout: 60_000 });
  await page.getByText("Välkommen till Insatsguiden").first().waitFor({ timeout: 30_000 });
  return { playground, page };
}

/** The text a card shows, without what the user typed or the date picker's own rendering. */
async function shownText(card: Locator): Promise<string> {
  // Inputs hold the user's typing and the date picker's own (English) rendering of a date.
  return card.evaluate((element) => {
    const clone = element.cloneNode(true) as typeof element;
    clone.querySelectorAll("input, textarea").forEach((input: { remove(): void }) => input.remove());
    return (clone as unknown as { innerText: string }).innerText;
  });
}

class Walk {
  private step = 0;
  constructor(
    private readonly page: Page,
    private readonly name: string,
  ) {}

  /** The last card, or the last one showing `text` (a channel thread's replies sit under its post). */
  card(text?: string | RegExp): Locator {
    const cards = this.page.locator(".ac-adaptiveCard");
    return (text === undefined ? cards : cards.filter({ hasText: text })).last();
  }

  /** Screenshots the page and fails on English or raw ids in the last card. */
  async look(label: string, showing?: string | RegExp): Promise<string> {
    const file = path.join(artifacts, this.name, `${String(++this.step).padStart(2, "0")}-${label}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file, fullPage: true });
    const text = await shownText(this.card(showing));
    expect(text, `${label}: English on the card`).not.toMatch(english);
    expect(text, `${label}: a raw id on the card`).not.toMatch(rawId);
    return text;
  }

  async say(text: string, post = false): Promise<void> {
    // In a channel the first editor starts a new post; in a chat there is one composer.
    const editors = this.page.locator('[contenteditable="true"][role="textbox"]');
    await (post ? editors.first() : editors.last()).click();
    await this.page.keyboard.type(text);
    if (post) await this.page.getByRole("button", { name: "Post", exact: true }).click();
    else await this.page.keyboard.press("Enter");
  }

  /** Clicks a button on the last card and waits for `expected` to be shown (else: it was blocked). */
  async click(button: string, expected: string | RegExp, label = button): Promise<string> {
    await this.card().getByRole("button", { name: button, exact: true }).last().click();
    await this.page.getByText(expected).last().waitFor({ timeout: 15_000 });
    await this.page.waitForTimeout(300);
    return this.look(label);
  }

  async choose(option: string): Promise<void> {
    await this.card().getByText(option, { exact: true }).last().click();
  }

  /** Ticks an unticked checkbox or toggle by its label (the renderer's label toggles it). */
  async check(label: string): Promise<void> {
    await this.card().getByText(label, { exact: true }).last().click();
  }

  async type(label: string, value: string): Promise<void> {
    await this.card().getByRole("textbox", { name: label }).last().fill(value);
  }
}

describe.skipIf(missingBrowser !== undefined)("journeys in the Agents Playground", () => {
  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-journeys-"));
    fs.rmSync(artifacts, { recursive: true, force: true });
    app = await startApp(loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" }), {
      log: silentLogger,
      clock: new DemoClock(demoDay),
    });
    await seedDemo(app.services);
    browser = await chromium.launchPersistentContext(path.join(dataDir, "chromium-profile"), {
      executablePath: chromiumPath,
      headless: true,
      viewport: { width: 1400, height: 1000 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync"],
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  it("Anna takes a sysselsättning case from ny ansökan to avslut with one follow-up", async () => {
    const { playground, page } = await openPlayground("00000000-0000-0000-0000-0000000000a1");
    try {
      const walk = new Walk(page, "C-sysselsattning");
      await walk.look("valkommen");
      await walk.say("ny ansökan");
      await page.getByText("Registrera en ny ansökan").last().waitFor();
      await walk.look("ny-ansokan");
      await walk.type("Ärendereferens", "FA-2026-5150");
      await walk.choose("Sysselsättning");
      await walk.choose("Kvinna");
      await walk.type("Ålder", "40");
      await walk.click("Registrera ansökan", "Steg 2 av 10 · Informationsmöte");
      await walk.click("Registrera informationsmötet", "Steg 3 av 10 · Målgruppstillhörighet");
      await walk.click("Tillhör målgruppen", "Steg 4 av 10 · Utredning med DUR");
      await walk.check("Arbete, utbildning och sysselsättning");
      await walk.check("Behov, syfte och målsättning är klargjorda tillsammans med den enskilde");
      await walk.click("Registrera utredningen", "Steg 5 av 10 · Kriterier");
      await walk.choose("Arbetsrehabiliterande sysselsättning");
      await walk.choose("10–24 timmar i veckan");
      await walk.choose("Ja");
      await walk.click("Registrera prövningen", "Steg 6 av 10 · Beslut");
      await walk.choose("Bifall");
      await walk.click("Registrera beslutet", "Steg 7 av 10 · Beställning");
      await walk.click("Beställningen är skickad till utföraren", "Steg 8 av 10");
      await walk.choose("Ja, planen stämmer med beställningen");
      await walk.click("Registrera genomförandeplanen", "Steg 9 av 10 · Uppföljning");
      await walk.check("Följt upp med uppföljningsdelen i DUR (krävs)");
      await walk.check("Följt upp om behov, syfte och målsättning kvarstår (krävs)");
      await walk.choose("Ja – en ny, uppdaterad beställning skickas");
      await walk.click("Registrera uppföljningen", "Steg 8 av 10", "uppfoljning-fortsatter");
      await walk.choose("Ja, planen stämmer med beställningen");
      await walk.click("Registrera genomförandeplanen", "Steg 9 av 10 · Uppföljning 2", "gp-2");
      await walk.check("Följt upp med uppföljningsdelen i DUR (krävs)");
      await walk.check("Följt upp om behov, syfte och målsättning kvarstår (krävs)");
      await walk.choose("Nej – insatsen avslutas");
      await walk.click("Registrera uppföljningen", "Steg 10 av 10", "uppfoljning-avslutas");
      await walk.choose("Behovet av insatsen finns inte längre");
      const closed = await walk.click("Avsluta ärendet", "Ärendet är avslutat");
      expect(closed).toContain("Avslutat");
    } finally {
      await page.close();
      await playground.stop();
    }
  }, 180_000);

  it("Eva, Alfa's team leader, sees the unit's deadlines and the order queue in the team's channel", async () => {
    const { playground, page } = await openPlayground("00000000-0000-0000-0000-0000000000c1");
    try {
      const walk = new Walk(page, "jobbtorg-och-gruppledare");
      await page.getByText("Beställningar", { exact: true }).first().click();
      await page.getByText("Välkommen till Insatsguiden").last().waitFor({ timeout: 30_000 });
      expect(await walk.look("kanalens-valkomst")).toContain("koppla kanal");
      await walk.say("<at>Insatsguiden</at> frister", true);
      await page
        .getByText("Dagens frister")
        .last()
        .waitFor({ timeout: 30_000 })
        .catch(async (e: unknown) => {
          await page.screenshot({ path: path.join(artifacts, "debug-frister.png"), fullPage: true });
          throw e;
        });
      const deadlines = await walk.look("frister", "Dagens frister");
      expect(deadlines).toContain("Försenade");
      expect(deadlines).toContain("FA-2026-9008");
      // The plan Jobbtorg has sent (FA-2026-9009) has dropped off.
      expect(deadlines).not.toContain("FA-2026-9009");
      await walk.say("<at>Insatsguiden</at> nya beställningar", true);
      await page
        .getByText(/Nya beställningar \(\d+\)/)
        .last()
        .waitFor({ timeout: 30_000 });
      expect(await walk.look("nya-bestallningar", /Nya beställningar \(/)).toContain("FA-2026-9008");
    } finally {
      await page.close();
      await playground.stop();
    }
  }, 180_000);
});
