import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { tabDistDir, tabSourceDir } from "./index.js";

/**
 * Builds the tab's page with Vite when its sources changed since the last build (`npm start`,
 * the browser tests): a hash of every source file is kept beside the build, so an unchanged
 * tab costs one directory walk. Vite is a development dependency, loaded only here.
 */
const stampFile = path.join(tabDistDir, ".source-hash");

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.name !== "dist" && entry.name !== "node_modules")
    .flatMap((entry) =>
      entry.isDirectory() ? sourceFiles(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
    )
    .sort();
}

export function tabSourceHash(): string {
  const hash = createHash("sha256");
  for (const file of sourceFiles(tabSourceDir)) {
    hash.update(path.relative(tabSourceDir, file)).update("\0").update(fs.readFileSync(file)).update("\0");
  }
  return hash.digest("hex");
}

/** @returns true when it built, false when the existing build was current. */
export async function ensureTabBuilt(): Promise<boolean> {
  const hash = tabSourceHash();
  if (fs.existsSync(stampFile) && fs.readFileSync(stampFile, "utf8") === hash) return false;
  const { build } = await import("vite");
  await build({ configFile: path.join(tabSourceDir, "vite.config.ts"), logLevel: "warn" });
  fs.writeFileSync(stampFile, hash);
  return true;
}

// `npm run build:tab`: the same check and build from the command line (before `serve` in production).
if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname)) {
  const built = await ensureTabBuilt();
  process.stdout.write(built ? `Fliken är byggd i ${tabDistDir}\n` : "Fliken är redan byggd.\n");
}
