import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import appManifest from "@microsoft/app-manifest";
import JSZip from "jszip";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { colorIcon, outlineIcon } from "../manifest/make-icons.js";
import { validateManifest, type TeamsManifest } from "../manifest/package.js";
import { cli } from "./support/cli.js";

const appId = "0f5e3c1a-7b2d-4c8e-9a61-2d4b8e7f1c3a";
const packageJson = JSON.parse(fs.readFileSync("package.json", "utf8")) as { version: string };

/** The Teams schema check as Microsoft's own package does it: independent of our validator. */
async function officialSchemaErrors(manifest: unknown): Promise<string[]> {
  return appManifest.AppManifestUtils.validateAgainstSchema(manifest as never);
}

let tempDir: string;
let zipPath: string;
let manifest: TeamsManifest;
let zip: JSZip;

beforeAll(async () => {
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-package-"));
  const result = await cli(["package", "--app-id", appId, "--out", path.join(tempDir, "app.zip"), "--json"]);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  const printed = JSON.parse(result.stdout) as { path: string; appId: string; manifestVersion: string };
  zipPath = printed.path;
  expect(printed).toEqual({ path: path.join(tempDir, "app.zip"), appId, manifestVersion: "1.24" });
  zip = await JSZip.loadAsync(fs.readFileSync(zipPath));
  manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as TeamsManifest;
});

afterAll(() => fs.rmSync(tempDir, { recursive: true, force: true }));

describe("the Teams app package", () => {
  it("holds exactly manifest.json and the two icons at the top level", () => {
    expect(Object.keys(zip.files).sort()).toEqual(["color.png", "manifest.json", "outline.png"]);
  });

  it("has a manifest valid against the bundled Teams schema v1.24 or newer", async () => {
    const [major, minor] = manifest.manifestVersion.split(".").map(Number);
    expect(major === 1 && minor! >= 24).toBe(true);
    expect(manifest.$schema).toContain(`/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
    expect(await officialSchemaErrors(manifest)).toEqual([]);
    expect(validateManifest(manifest)).toEqual([]);
  });

  it.each<[string, (m: Record<string, unknown> & TeamsManifest) => void]>([
    ["without developer (required)", (m) => delete m.developer],
    ["without the short description (required)", (m) => delete (m.description as { short?: string }).short],
    ["with an app id that is no GUID", (m) => (m.id = "insatsguiden")],
    ["with a bot id that is no GUID", (m) => (m.bots[0]!.botId = "28:insatsguiden")],
    [
      "with a short name over 30 characters",
      (m) => ((m.name as { short: string }).short = "Insatsguiden för hela Stockholms stad"),
    ],
    ["with an unknown bot scope", (m) => (m.bots[0]!.scopes = ["personal", "meetings"])],
  ])("the schema check rejects a manifest %s", async (_, breakIt) => {
    const broken = structuredClone(manifest) as Record<string, unknown> & TeamsManifest;
    breakIt(broken);
    expect(await officialSchemaErrors(broken)).not.toEqual([]);
    expect(validateManifest(broken)).not.toEqual([]);
  });

  it("carries the bot id, the package version and Swedish names", () => {
    expect(manifest.id).toBe(appId);
    expect(manifest.bots).toHaveLength(1);
    expect(manifest.bots[0]!.botId).toBe(appId);
    expect(manifest.version).toBe(packageJson.version);
    expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: "sv-se" });
    expect(manifest.name).toMatchObject({ short: "Insatsguiden" });
    expect(manifest.developer).toMatchObject({ name: "Stockholms stad" });
    expect((manifest.description as { short: string }).short).toMatch(/uppföljning/);
    expect(JSON.stringify(manifest)).not.toMatch(/\{\{\w+\}\}/);
  });

  it("offers the bot in personal, team and group-chat scope, without files", () => {
    expect(manifest.bots[0]!.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(manifest.bots[0]!.supportsFiles).toBe(false);
  });

  it.each([
    [
      "personal",
      [
        "hjälp",
        "ny ansökan",
        "mina ärenden",
        "teamets ärenden",
        "nya beställningar",
        "mina beställningar",
        "boka flerpartsmöte",
      ],
    ],
    ["team", ["hjälp", "koppla kanal", "nya beställningar", "teamets ärenden"]],
    ["groupChat", ["hjälp", "boka flerpartsmöte"]],
  ])("lists the Swedish commands for %s scope", (scope, titles) => {
    const lists = manifest.bots[0]!.commandLists!.filter((list) => list.scopes.includes(scope));
    expect(lists).toHaveLength(1);
    const commands = lists[0]!.commands;
    expect(commands.map((c) => c.title)).toEqual(titles);
    for (const command of commands) {
      // Teams shows at most 32 characters of a title and 128 of a description.
      expect(command.title.length).toBeLessThanOrEqual(32);
      expect(command.description.length).toBeGreaterThan(10);
      expect(command.description.length).toBeLessThanOrEqual(128);
    }
  });

  it("has a 192×192 opaque colour icon", async () => {
    const color = PNG.sync.read(await zip.file("color.png")!.async("nodebuffer"));
    expect([color.width, color.height]).toEqual([192, 192]);
    const translucent = color.data.filter((value, i) => i % 4 === 3 && value !== 255).length;
    expect(translucent).toBe(0);
    // The corner is background, not the white symbol.
    expect([color.data[0], color.data[1], color.data[2]]).not.toEqual([255, 255, 255]);
  });

  it("has a 32×32 outline icon, white on a transparent background", async () => {
    const outline = PNG.sync.read(await zip.file("outline.png")!.async("nodebuffer"));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const alphaAt = (x: number, y: number) => outline.data[(y * 32 + x) * 4 + 3];
    expect([alphaAt(0, 0), alphaAt(31, 0), alphaAt(0, 31), alphaAt(31, 31)]).toEqual([0, 0, 0, 0]);
    let opaque = 0;
    let coloured = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      const [r, g, b, a] = outline.data.subarray(i, i + 4);
      if (a! > 0 && (r !== 255 || g !== 255 || b !== 255)) coloured += 1;
      if (a === 255) opaque += 1;
    }
    expect(coloured).toBe(0);
    expect(opaque).toBeGreaterThan(100);
  });

  it("ships the icons the generator draws (committed PNGs are up to date)", () => {
    expect(fs.readFileSync("manifest/color.png").equals(colorIcon())).toBe(true);
    expect(fs.readFileSync("manifest/outline.png").equals(outlineIcon())).toBe(true);
  });
});

describe("insatsguiden package", () => {
  it("refuses in Swedish, exit 1, without MicrosoftAppId or --app-id", async () => {
    const out = path.join(tempDir, "none.zip");
    const result = await cli(["package", "--out", out]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("MicrosoftAppId saknas");
    expect(result.stderr).toContain("--app-id");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("takes the bot id from MicrosoftAppId without needing the secret", async () => {
    const out = path.join(tempDir, "from-env.zip");
    const result = await cli(["package", "--out", out, "--json"], { MicrosoftAppId: appId.toUpperCase() });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ appId: appId.toUpperCase() });
    const fromEnv = await JSZip.loadAsync(fs.readFileSync(out));
    const built = JSON.parse(await fromEnv.file("manifest.json")!.async("string")) as TeamsManifest;
    expect(built.bots[0]!.botId).toBe(appId.toUpperCase());
  });

  /** `package --app-id … --domain insatsguiden.stockholm.se`, and the manifest it built. */
  async function packagedForDomain(name: string): Promise<unknown> {
    const out = path.join(tempDir, name);
    const result = await cli([
      "package",
      "--app-id",
      appId,
      "--domain",
      "insatsguiden.stockholm.se",
      "--out",
      out,
    ]);
    expect(result.code).toBe(0);
    return JSON.parse(
      await (await JSZip.loadAsync(fs.readFileSync(out))).file("manifest.json")!.async("string"),
    );
  }

  it("adds --domain hosts to validDomains", async () => {
    const built = (await packagedForDomain("domain.zip")) as TeamsManifest;
    expect(built.validDomains).toEqual(["insatsguiden.stockholm.se"]);
  });

  it("installs the tab beside the bot on the --domain host, with single sign-on, still valid against the schema", async () => {
    const built = (await packagedForDomain("tab.zip")) as TeamsManifest & {
      staticTabs: Record<string, unknown>[];
      webApplicationInfo: Record<string, unknown>;
    };
    expect(built.staticTabs).toEqual([
      {
        entityId: "insatsguiden",
        name: "Översikt",
        contentUrl: "https://insatsguiden.stockholm.se/tab/",
        websiteUrl: "https://insatsguiden.stockholm.se/tab/",
        scopes: ["personal"],
      },
      { entityId: "conversations", scopes: ["personal"] },
    ]);
    expect(built.webApplicationInfo).toEqual({
      id: appId,
      resource: `api://insatsguiden.stockholm.se/${appId}`,
    });
    expect(built.bots[0]!.botId).toBe(appId);
    expect(await officialSchemaErrors(built)).toEqual([]);
    expect(validateManifest(built)).toEqual([]);
    // Without a host the package has the bot only: a tab needs an https address.
    expect(manifest).not.toHaveProperty("staticTabs");
  });

  it.each([
    ["--app-id that is no GUID (usage error)", ["--app-id", "min-bot"], {}, 2],
    ["MicrosoftAppId that is no GUID", [], { MicrosoftAppId: "min-bot" }, 1],
  ])("refuses a %s", async (_, args, env, code) => {
    const out = path.join(tempDir, "bad.zip");
    const result = await cli(["package", ...args, "--out", out], env);
    expect(result.code).toBe(code);
    expect(result.stderr).toMatch(/GUID/);
    expect(fs.existsSync(out)).toBe(false);
  });
});
