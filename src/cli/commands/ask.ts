import { loadConfig } from "../../config.js";
import { isIsoDate, stockholmDate } from "../../deadlines/index.js";
import { ask } from "../../rules/ask.js";
import { citationText } from "../../rules/sources.js";
import { printJson, UsageError, type CliCommand } from "../command.js";

export const askCommand: CliCommand = {
  path: "ask",
  summary: "Svarar på en fråga på svenska om insatser, målgrupper och processen – med källor.",
  usage:
    'insatsguiden ask "<fråga>" [--on ÅÅÅÅ-MM-DD] [--json]\n\n' +
    '  t.ex. insatsguiden ask "Får en 17-åring som riskerar att hoppa av gymnasiet stöd?" --json\n' +
    "  --on  datumet vars regler gäller (standard i dag)",
  options: { on: { type: "string" }, json: { type: "boolean" } },
  maxPositionals: 1,
  async run({ values, positionals, io }) {
    const question = positionals[0]?.trim() ?? "";
    if (question === "") throw new UsageError("frågan saknas – skriv den inom citattecken");
    const on = values.on === undefined ? stockholmDate(new Date()) : String(values.on);
    if (!isIsoDate(on)) throw new UsageError(`--on måste vara ett datum ÅÅÅÅ-MM-DD, fick "${on}"`);
    const config = loadConfig(io.env);
    const answer = ask(question, {
      on,
      gpRule: config.GP_DEADLINE_RULE,
      ...(config.IPS_PROJECT_END ? { ipsProjectEnd: config.IPS_PROJECT_END } : {}),
    });
    if (values.json) {
      // The issue's contract, exactly: question, insatser, verdict, answer, citations.
      printJson(io, {
        question: answer.question,
        insatser: answer.insatser,
        verdict: answer.verdict,
        answer: answer.answer,
        citations: answer.citations,
      });
    } else {
      io.stdout.write(`${answer.answer}\n`);
      if (answer.citations.length > 0) {
        io.stdout.write(`\nKällor:\n${answer.citations.map((c) => `- ${citationText(c)}`).join("\n")}\n`);
      }
    }
    return 0;
  },
};
