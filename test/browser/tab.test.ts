/**
 * The Teams tab in a real browser, as each role opens it in local mode: Debian's chromium driven
 * headless through playwright-core against the bot's own server, with the demo-user chooser in
 * place of Teams single sign-on. Each view must render with real data from the store, filter,
 * show its charts with their tables, speak Swedish, work from the keyboard and pass axe-core
 * without serious violations. Screenshots land in test-artifacts/tab/ (gitignored).
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ManualClock } from "../../src/clock.js";
import { loadConfig } from "../../src/config.js";
import { silentLogger } from "../../src/log.js";
import { startApp, type RunningApp } from "../../src/main.js";
import { ensureTabBuilt } from "../../src/tab/build.js";
import { seedDemoCases } from "../../src/tab/demo-data.js";
import { seedTabCases } from "../support/tab-data.js";

const chromiumPath = "/usr/bin/chromium";
const artifacts = path.join(import.meta.dirname, "..", "..", "test-artifacts", "tab");
const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

const missingBrowser = fs.existsSync(chromiumPath)
  ? undefined
  : `${chromiumPath} saknas (apt-get install chromium)`;
if (missingBrowser && process.env.CI === "true") {
  throw new Error(`CI=true men webbläsartestet kan inte köras: ${missingBrowser}`);
}

/** axe-core's serious and critical findings on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(axeSource);
  // Fluent UI's focus manager (tabster) puts 1-pixel focus sentinels, aria-hidden, around some
  // groups; focusing one moves focus on at once, so they are left out, as Fluent's own tests do.
  const violations = (await page.evaluate(
    'axe.run({ exclude: [["[data-tabster-dummy]"]] }).then((r) => r.violations)',
  )) as {
    id: string;
    impact: string;
    nodes: { target: string[] }[];
  }[];
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

/** English a Fluent UI or Chart.js default could leak into the page. */
const english = /\b(Loading|Search|Error|Close|Select|Submit|Cancel|Next|Previous)\b/;

describe.skipIf(missingBrowser !== undefined)("the Teams tab in a browser, per role", () => {
  let dataDir: string;
  let app: RunningApp;
  let browser: Browser;
  let page: Page;
  let caseId: string;

  beforeAll(async () => {
    // Built once and reused while tab/ is unchanged (src/tab/build.ts keeps a hash of its sources).
    await ensureTabBuilt();
    fs.mkdirSync(artifacts, { recursive: true });
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-tab-"));
    app = await startApp(
      loadConfig({ PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent", SCHEDULER_INTERVAL_MS: "0" }),
      {
        log: silentLogger,
        clock: new ManualClock(new Date("2026-03-02T09:00:00+01:00")),
      },
    );
    caseId = (await seedTabCases(app.services)).ordered.id;
    await seedDemoCases(app.services, { count: 60 });
    browser = await chromium.launch({
      executablePath: chromiumPath,
      headless: true,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }, 30_000);

  /** A fresh page; the user is chosen from the keyboard: Tab to their button, Enter. */
  async function signInAs(name: string): Promise<void> {
    await page?.close();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "sv-SE" });
    await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    await page.goto(`${app.url}/tab/`);
    await page.getByRole("heading", { name: "Välj demoanvändare" }).waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("sv");
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press("Tab");
      const focused = (await page.evaluate('document.activeElement?.textContent ?? ""')) as string;
      if (focused.startsWith(name)) break;
    }
    await page.keyboard.press("Enter");
    await page.getByRole("tablist", { name: "Vyer" }).waitFor();
  }

  it(
    "Anna (caseworker) sees her cases, filters them and opens one from the keyboard",
    { timeout: 90_000 },
    async () => {
      await signInAs("Anna Handläggare");
      expect(await page.getByRole("tab").allInnerTexts()).toEqual(["Mina ärenden"]);
      const table = page.getByRole("table", { name: "Mina ärenden" });
      await table.waitFor();
      expect(await table.getByRole("row").count()).toBeGreaterThan(3);
      await page.screenshot({ path: path.join(artifacts, "anna-mina-arenden.png"), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.locator("main").innerText()).not.toMatch(english);

      // Filters: a search narrows the list to one case; the step filter keeps only that step.
      await page.getByLabel("Sök ärendereferens").fill("FA-2026-0001");
      await page.getByText("Visar 1 av 1 ärenden.").waitFor();
      await page.getByLabel("Sök ärendereferens").fill("");
      const filtered = page.waitForResponse((r) => r.url().includes("step=informationsmote"));
      await page.getByLabel("Steg").selectOption("informationsmote");
      await filtered;
      await page.getByRole("button", { name: "FA-2026-0002" }).waitFor();
      const steps = await table.getByRole("row").locator("td:nth-child(3)").allInnerTexts();
      expect(steps.length).toBeGreaterThan(0);
      expect(steps.every((text) => text.startsWith("Informationsmöte"))).toBe(true);
      await page.getByLabel("Steg").selectOption("");

      // Keyboard: focus the case's link and press Enter; the case page takes focus on its heading.
      await page.getByLabel("Sök ärendereferens").fill("FA-2026-0001");
      await page.getByText("Visar 1 av 1 ärenden.").waitFor();
      await page.getByRole("button", { name: "FA-2026-0001" }).focus();
      await page.keyboard.press("Enter");
      const heading = page.getByRole("heading", { name: "Ärende FA-2026-0001" });
      await heading.waitFor();
      expect(await heading.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(page.url()).toContain(`#/arenden/${caseId}`);
      await page.getByText("Beställning skickad").waitFor();
      expect(await page.getByLabel("Beslutstextens innehåll").innerText()).toMatch(
        /^BESLUT\nÄrende: FA-2026-0001/,
      );
      await page.getByRole("button", { name: "Kopiera beslutstexten" }).click();
      await page.getByText("Beslutstexten är kopierad.").waitFor();
      await page.screenshot({ path: path.join(artifacts, "anna-arende.png"), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
    },
  );

  it(
    "Karin (team leader) sees the unit's deadlines and the follow-up, moving between views by keyboard",
    { timeout: 90_000 },
    async () => {
      await signInAs("Karin Enhetschef");
      expect(await page.getByRole("tab").allInnerTexts()).toEqual([
        "Enhetens ärenden",
        "Teamets frister",
        "Uppföljning",
      ]);
      await page.getByRole("table", { name: "Enhetens ärenden" }).waitFor();
      await page.getByRole("tab", { name: "Enhetens ärenden" }).focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("Enter");
      await page.getByRole("heading", { name: "Teamets frister", level: 1 }).waitFor();
      await page.getByRole("heading", { name: /^Försenade \(\d+\)$/ }).waitFor();
      expect(await page.getByRole("table", { name: "Per handläggare" }).innerText()).toContain(
        "Anna Handläggare",
      );
      // Filter: only follow-up deadlines.
      const followUps = page.waitForResponse((r) => r.url().includes("kind=follow-up"));
      await page.getByLabel("Frist", { exact: true }).selectOption("follow-up");
      await followUps;
      await expect
        .poll(async () => {
          const kinds = await page.locator("table td:nth-child(2)").allInnerTexts();
          return kinds.includes("Uppföljning") && !kinds.includes("Genomförandeplan");
        })
        .toBe(true);
      await page.screenshot({ path: path.join(artifacts, "karin-teamets-frister.png"), fullPage: true });
      expect(await seriousViolations(page)).toEqual([]);
      expect(await page.locator("main").innerText()).not.toMatch(english);

      await page.getByRole("tab", { name: "Uppföljning" }).click();
      await checkFollowUp("karin");
    },
  );

  it("Admin sees every unit's follow-up and downloads a table as CSV", { timeout: 90_000 }, async () => {
    await signInAs("Admin Insatsguiden");
    await page.getByRole("tab", { name: "Uppföljning" }).click();
    await checkFollowUp("admin");
    expect(await page.getByText("Alla enheter").count()).toBe(1);
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Ladda ner CSV" }).first().click();
    const file = await (await download).path();
    expect(fs.readFileSync(file, "utf8")).toMatch(/^\uFEFFinsats,kön,beslut,beviljade\r\n/);
    await page.getByRole("tab", { name: "Teamets frister" }).click();
    await page.getByRole("heading", { name: "Teamets frister", level: 1 }).waitFor();
    await page.screenshot({ path: path.join(artifacts, "admin-teamets-frister.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
  });

  it(
    "with an app id set, a demo user stored in the browser is refused and no other is offered",
    { timeout: 60_000 },
    async () => {
      const teamsDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-tab-appid-"));
      const teams = await startApp(
        loadConfig({
          PORT: "0",
          DATA_DIR: teamsDir,
          LOG_LEVEL: "silent",
          SCHEDULER_INTERVAL_MS: "0",
          MicrosoftAppId: "00000000-aaaa-bbbb-cccc-000000000018",
          MicrosoftAppPassword: "hemlighet",
          MicrosoftAppType: "MultiTenant",
          // Nothing answers here: a demo user must be refused before any token is looked at.
          TAB_OPENID_METADATA_URL: "http://127.0.0.1:9/openid",
        }),
        { log: silentLogger },
      );
      try {
        await page?.close();
        page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: "sv-SE" });
        await page.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
        await page.addInitScript(
          'sessionStorage.setItem("insatsguiden-demo-user", "00000000-0000-0000-0000-0000000000d1")',
        );
        const url = teams.url.replace("0.0.0.0", "127.0.0.1");
        await page.goto(`${url}/tab/`);
        await page.getByText("Du behöver logga in. Öppna Insatsguiden-fliken i Teams.").waitFor();
        expect(await page.getByRole("button", { name: "Byt demoanvändare" }).count()).toBe(0);
        expect(await page.getByRole("tablist").count()).toBe(0);
        await page.screenshot({ path: path.join(artifacts, "app-id-demoanvandare-nekas.png") });
      } finally {
        await teams.close();
        fs.rmSync(teamsDir, { recursive: true, force: true });
      }
    },
  );

  /** Four charts, each with its table beside it; small numbers suppressed. */
  async function checkFollowUp(who: string): Promise<void> {
    await page.getByRole("heading", { name: "Uppföljning", level: 1 }).waitFor();
    const sections = page.locator("[data-chart-section]");
    await sections.first().waitFor();
    expect(await sections.count()).toBe(4);
    for (const section of await sections.all()) {
      expect(await section.locator("canvas[role=img]").count()).toBe(1);
      expect(await section.getByRole("table").count()).toBe(1);
      expect(await section.getByRole("table").getByRole("row").count()).toBeGreaterThan(1);
    }
    expect(await page.locator("main").innerText()).toMatch(
      /x = dolt så att ingen enskild kan pekas ut: antal under 5/,
    );
    await page.screenshot({ path: path.join(artifacts, `${who}-uppfoljning.png`), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    expect(await page.locator("main").innerText()).not.toMatch(english);
  }
});
