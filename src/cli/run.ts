import { parseArgs } from "node:util";
import "../validation.js";
import { ConfigError } from "../config.js";
import { UsageError, type CliCommand, type CliIo } from "./command.js";
import { commands as allCommands } from "./commands/index.js";

function helpText(commands: CliCommand[]): string {
  const width = Math.max(...commands.map((c) => c.path.length));
  return [
    "Användning: insatsguiden <kommando> [flaggor]",
    "",
    "Kommandon:",
    ...commands.map((c) => `  ${c.path.padEnd(width)}  ${c.summary}`),
    "",
    "Maskinläsbar utdata som JSON på stdout med --json. Slutkoder: 0 ok, 1 fel, 2 felaktig användning.",
  ].join("\n");
}

/** Finds the command whose words start argv, longest first. */
function findCommand(
  argv: string[],
  commands: CliCommand[],
): { command: CliCommand; rest: string[] } | undefined {
  const sorted = [...commands].sort((a, b) => b.path.split(" ").length - a.path.split(" ").length);
  for (const command of sorted) {
    const words = command.path.split(" ");
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  return undefined;
}

/** node:util parseArgs errors in Swedish (its own messages are English). */
function parseErrorText(error: Error & { code?: string }): string {
  const option = /'(-{1,2}[^' ]+)/.exec(error.message)?.[1] ?? "";
  switch (error.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `okänd flagga ${option}`.trim();
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      return `flaggan ${option} saknar värde eller ska inte ha något`.replace("  ", " ");
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return "oväntat argument";
    default:
      return "ogiltiga argument";
  }
}

/** Runs the CLI and returns the exit code (never calls process.exit itself). */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: CliCommand[] = allCommands,
): Promise<number> {
  if (argv.length === 0 || argv[0] === "--help" || argv[0] === "-h" || argv[0] === "help") {
    (argv.length === 0 ? io.stderr : io.stdout).write(`${helpText(commands)}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const found = findCommand(argv, commands);
  if (!found) {
    io.stderr.write(`Okänt kommando: ${argv.join(" ")}\n\n${helpText(commands)}\n`);
    return 2;
  }
  const { command, rest } = found;
  if (rest.includes("--help") || rest.includes("-h")) {
    io.stdout.write(`${command.usage}\n\n${command.summary}\n`);
    return 0;
  }
  try {
    const { values, positionals } = parseArgs({
      args: rest,
      options: command.options ?? {},
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length > (command.maxPositionals ?? 0)) {
      throw new UsageError(`oväntat argument: ${positionals.slice(command.maxPositionals ?? 0).join(" ")}`);
    }
    return await command.run({ values, positionals, io });
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      const message = error instanceof UsageError ? error.message : parseErrorText(error as Error);
      io.stderr.write(`Fel användning: ${message}\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`${error.message}\n`);
      return 1;
    }
    io.stderr.write(`Fel: ${(error as Error).message}\n`);
    return 1;
  }
}
