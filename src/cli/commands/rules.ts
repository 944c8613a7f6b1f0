import fs from "node:fs";
import { loadConfig } from "../../config.js";
import { isIsoDate, stockholmDate } from "../../deadlines/index.js";
import { evaluateAll, factsSchema, inForce, insatser } from "../../rules/index.js";
import { fieldErrors } from "../../validation.js";
import { printJson, requireString, UsageError, type CliCommand, type CliIo } from "../command.js";

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString("utf8");
}

function onDate(value: unknown): string {
  if (value === undefined) return stockholmDate(new Date());
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw new UsageError(`--on måste vara ett datum ÅÅÅÅ-MM-DD, fick "${String(value)}"`);
  }
  return value;
}

export const rulesListCommand: CliCommand = {
  path: "rules list",
  summary: "Alla insatser med vem som beslutar, behovsprövning och rättslig grund.",
  usage: "insatsguiden rules list [--on ÅÅÅÅ-MM-DD] [--json]",
  options: { on: { type: "string" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const on = onDate(values.on);
    const list = insatser.map((insats) => ({
      id: insats.id,
      name: insats.name,
      decidedBy: insats.decidedBy,
      needsAssessment: insats.needsAssessment,
      citations: insats.legalBasis.filter((citation) => inForce(citation, on)),
    }));
    if (values.json) printJson(io, list);
    else {
      for (const insats of list) {
        io.stdout.write(
          `${insats.id}\t${insats.name}\t(${insats.decidedBy}, ${insats.needsAssessment ? "behovsprövas" : "utan behovsprövning"})\n`,
        );
      }
    }
    return 0;
  },
};

async function readFacts(file: string, io: CliIo): Promise<unknown> {
  const text = file === "-" ? await readAll(io.stdin) : fs.readFileSync(file, "utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new UsageError(`--facts ${file} är inte giltig JSON`);
  }
}

export const rulesCheckCommand: CliCommand = {
  path: "rules check",
  summary: "Prövar alla insatser mot fakta (JSON) och visar utfall per kriterium med källor.",
  usage:
    "insatsguiden rules check --facts <fil|-> [--on ÅÅÅÅ-MM-DD] [--json]\n\n" +
    '  --facts  JSON med kända fakta, t.ex. {"age": 24, "folkbokfordStockholm": true}; - läser stdin\n' +
    "  --on     datumet vars regler gäller (standard i dag)",
  options: { facts: { type: "string" }, on: { type: "string" }, json: { type: "boolean" } },
  async run({ values, io }) {
    const on = onDate(values.on);
    const parsed = factsSchema.safeParse(await readFacts(requireString(values, "facts"), io));
    if (!parsed.success) {
      const problems = Object.entries(fieldErrors(parsed.error)).map(
        ([field, message]) => `${field}: ${message}`,
      );
      throw new UsageError(`ogiltiga fakta – ${problems.join("; ")}`);
    }
    const config = loadConfig(io.env);
    const results = evaluateAll(parsed.data, on, {
      ...(config.IPS_PROJECT_END ? { ipsProjectEnd: config.IPS_PROJECT_END } : {}),
    }).map(({ insats, verdict, unmet, unknown, trace }) => ({ insats, verdict, unmet, unknown, trace }));
    if (values.json) printJson(io, { on, results });
    else {
      for (const result of results) {
        const detail =
          result.verdict === "not-eligible"
            ? `ej uppfyllt: ${result.unmet.join(", ")}`
            : result.verdict === "needs-facts"
              ? `saknas: ${result.unknown.join(", ")}`
              : "";
        io.stdout.write(`${result.insats}\t${result.verdict}\t${detail}\n`);
      }
    }
    return 0;
  },
};
