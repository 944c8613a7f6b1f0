/**
 * Builds the Teams app package: fills `manifest.template.json` with the bot id and the version
 * from package.json, validates it offline against the Teams JSON schema that
 * `@microsoft/app-manifest` bundles, checks the icon sizes and zips manifest.json with both icons.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import AjvDraft04 from "ajv-draft-04";
import addFormatsModule from "ajv-formats";
import JSZip from "jszip";

const manifestDir = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(manifestDir, "..");

export const templateFile = path.join(manifestDir, "manifest.template.json");
/** Where `npm run package` writes the zip unless told otherwise. */
export const defaultPackagePath = path.join(repoRoot, "appPackage", "insatsguiden.zip");

/** The icons the manifest names, with the size Teams requires of each. */
export const icons = [
  { file: "color.png", width: 192, height: 192 },
  { file: "outline.png", width: 32, height: 32 },
] as const;

/** The parts of a Teams manifest this module reads; the schema checks the rest. */
export interface TeamsManifest {
  $schema: string;
  manifestVersion: string;
  version: string;
  id: string;
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles?: boolean;
    commandLists?: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  validDomains?: string[];
  [key: string]: unknown;
}

const guidPattern = /^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$/;

/** An Entra app id (the bot id) is a GUID. */
export function isGuid(value: string): boolean {
  return guidPattern.test(value);
}

function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
  return pkg.version;
}

/** Replaces `{{name}}` string values anywhere in the template; an unfilled placeholder is an error. */
function fill(node: unknown, values: Record<string, string>): unknown {
  if (typeof node === "string") {
    const match = /^\{\{(\w+)\}\}$/.exec(node);
    if (!match) return node;
    const value = values[match[1]!];
    if (value === undefined) throw new Error(`manifestmallen har en okänd platshållare ${node}`);
    return value;
  }
  if (Array.isArray(node)) return node.map((item) => fill(item, values));
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, fill(value, values)]));
  }
  return node;
}

export interface ManifestInput {
  /** The bot's Microsoft App Id; also the Teams app id, so one registration identifies both. */
  appId: string;
  /** Semver; default the version in package.json. */
  version?: string;
  /**
   * Extra hosts for `validDomains`. The first is the bot's public host: the Insatsguiden tab is
   * served there (/tab/), so the manifest then carries the tab and its single sign-on.
   */
  validDomains?: string[];
}

/** The personal tab (src/tab), the bot's chat beside it, and Teams SSO for `host` (issue 18). */
export function tabEntries(appId: string, host: string) {
  const url = `https://${host}/tab/`;
  return {
    staticTabs: [
      { entityId: "insatsguiden", name: "Översikt", contentUrl: url, websiteUrl: url, scopes: ["personal"] },
      // The reserved id keeps the chat with the bot as the app's first tab.
      { entityId: "conversations", scopes: ["personal"] },
    ],
    webApplicationInfo: { id: appId, resource: `api://${host}/${appId}` },
  };
}

/** The filled manifest (not yet validated). */
export function buildManifest(input: ManifestInput): TeamsManifest {
  const template = JSON.parse(fs.readFileSync(templateFile, "utf8")) as unknown;
  const manifest = fill(template, {
    botId: input.appId,
    version: input.version ?? packageVersion(),
  }) as TeamsManifest;
  if (input.validDomains?.length) {
    manifest.validDomains = [...new Set([...(manifest.validDomains ?? []), ...input.validDomains])];
    Object.assign(manifest, tabEntries(input.appId, input.validDomains[0]!));
  }
  return manifest;
}

/** The bundled schema file for a manifest version, e.g. "1.24". */
export function schemaFileFor(manifestVersion: string): string {
  const appManifestEntry = createRequire(import.meta.url).resolve("@microsoft/app-manifest");
  const file = path.join(
    path.dirname(appManifestEntry),
    "json-schemas",
    "teams",
    `v${manifestVersion}`,
    "MicrosoftTeams.schema.json",
  );
  if (!fs.existsSync(file)) {
    throw new Error(`@microsoft/app-manifest har inget schema för manifestversion ${manifestVersion}`);
  }
  return file;
}

/**
 * Validates a manifest against the Teams schema of its `manifestVersion` (draft-04, offline).
 * @returns one line per problem (JSON pointer and ajv's message); empty when valid.
 */
export function validateManifest(manifest: unknown): string[] {
  const version = (manifest as { manifestVersion?: unknown }).manifestVersion;
  if (typeof version !== "string") return ["/manifestVersion saknas"];
  // Some published schema files carry \a and \v escapes JSON does not allow (the package cleans them the same way).
  const raw = fs
    .readFileSync(schemaFileFor(version), "utf8")
    .replace(/\\a/g, "\\u0007")
    .replace(/\\v/g, "\\u000b");
  const ajv = new AjvDraft04.default({ allErrors: true, strictTypes: false });
  addFormatsModule.default(ajv, ["uri", "email", "regex"]);
  const validate = ajv.compile(JSON.parse(raw) as object);
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || "/"} ${error.message ?? ""} ${JSON.stringify(error.params)}`,
  );
}

/** Width and height from a PNG's IHDR chunk; throws when the bytes are not a PNG. */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (png.length < 24 || !png.subarray(0, 8).equals(signature) || png.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error("inte en PNG-fil");
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

export class AppPackageError extends Error {
  constructor(
    message: string,
    readonly problems: string[] = [],
  ) {
    super(problems.length ? `${message}\n${problems.map((p) => `  - ${p}`).join("\n")}` : message);
    this.name = "AppPackageError";
  }
}

export interface AppPackage {
  /** Absolute path of the zip. */
  path: string;
  appId: string;
  manifestVersion: string;
  manifest: TeamsManifest;
}

// A fixed timestamp for the zip entries, so the same input gives the same bytes.
const entryDate = new Date(Date.UTC(2026, 0, 1));

/** Builds, validates and writes the zip; throws {@link AppPackageError} (Swedish) when anything is off. */
export async function createAppPackage(input: ManifestInput & { outFile?: string }): Promise<AppPackage> {
  if (!isGuid(input.appId)) {
    throw new AppPackageError(`Bot-id "${input.appId}" är inget GUID (t.ex. 12345678-abcd-…).`);
  }
  const manifest = buildManifest(input);
  const problems = validateManifest(manifest);
  if (problems.length) {
    throw new AppPackageError(`Manifestet följer inte Teams schema v${manifest.manifestVersion}:`, problems);
  }
  const zip = new JSZip();
  zip.file("manifest.json", `${JSON.stringify(manifest, null, 2)}\n`, { date: entryDate });
  for (const icon of icons) {
    const bytes = fs.readFileSync(path.join(manifestDir, icon.file));
    const { width, height } = pngSize(bytes);
    if (width !== icon.width || height !== icon.height) {
      throw new AppPackageError(
        `manifest/${icon.file} är ${width}×${height}, Teams kräver ${icon.width}×${icon.height}.`,
      );
    }
    zip.file(icon.file, bytes, { date: entryDate });
  }
  const outFile = path.resolve(input.outFile ?? defaultPackagePath);
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  fs.writeFileSync(outFile, await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
  return { path: outFile, appId: input.appId, manifestVersion: manifest.manifestVersion, manifest };
}
