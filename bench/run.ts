import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createBenchContext, type BenchResult, type BenchScenario } from "./harness.js";

// restify 11 touches process.binding('http_parser') on import; the warning is noise here.
process.noDeprecation = true;

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const scenariosDir = path.join(benchDir, "scenarios");
const resultsFile = path.join(benchDir, "results.json");

type StoredResults = Record<string, { value: number; unit: string; baseline: number; ratio: number }>;

async function loadScenarios(): Promise<{ file: string; scenario: BenchScenario }[]> {
  const files = fs
    .readdirSync(scenariosDir)
    .filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts"))
    .sort();
  const loaded = [];
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(scenariosDir, file)).href)) as {
      scenario?: BenchScenario;
    };
    if (!module.scenario || typeof module.scenario.run !== "function") {
      throw new Error(`bench/scenarios/${file} exports no \`scenario: BenchScenario\``);
    }
    loaded.push({ file: path.basename(file, ".ts"), scenario: module.scenario });
  }
  return loaded;
}

function formatTable(results: BenchResult[]): string {
  const rows = [
    ["benchmark", "insatsguiden", "baseline", "ratio", "unit"],
    ...results.map((r) => [r.name, r.value.toFixed(2), r.baseline.toFixed(2), r.ratio.toFixed(2), r.unit]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  const line = (row: string[]) =>
    row
      .map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!)))
      .join("  ");
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** Merges into results.json: other scenarios' figures stay, this run's replace theirs. */
function mergeResults(results: BenchResult[]): void {
  const stored: StoredResults = fs.existsSync(resultsFile)
    ? (JSON.parse(fs.readFileSync(resultsFile, "utf8")) as StoredResults)
    : {};
  for (const r of results)
    stored[r.name] = { value: r.value, unit: r.unit, baseline: r.baseline, ratio: r.ratio };
  const sorted = Object.fromEntries(Object.entries(stored).sort(([a], [b]) => a.localeCompare(b)));
  fs.writeFileSync(resultsFile, `${JSON.stringify(sorted, null, 2)}\n`);
}

async function main(names: string[]): Promise<number> {
  const all = await loadScenarios();
  const unknown = names.filter((name) => !all.some((s) => s.scenario.name === name || s.file === name));
  if (unknown.length > 0) {
    process.stderr.write(
      `Okänt scenario: ${unknown.join(", ")}. Finns: ${all.map((s) => s.scenario.name).join(", ")}\n`,
    );
    return 2;
  }
  const chosen =
    names.length === 0 ? all : all.filter((s) => names.includes(s.scenario.name) || names.includes(s.file));
  const results: BenchResult[] = [];
  for (const { scenario } of chosen) {
    const context = createBenchContext((line) => process.stderr.write(`[${scenario.name}] ${line}\n`));
    const started = Date.now();
    try {
      results.push(...(await scenario.run(context)));
    } finally {
      await context.dispose();
    }
    process.stderr.write(`[${scenario.name}] klart på ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  }
  process.stdout.write(`${formatTable(results)}\n`);
  mergeResults(results);
  process.stdout.write(
    `\nSkrev ${results.length} resultat till ${path.relative(process.cwd(), resultsFile)}\n`,
  );
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
