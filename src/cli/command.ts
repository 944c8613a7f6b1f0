import type { ParseArgsConfig } from "node:util";

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  stdin: NodeJS.ReadableStream;
  env: NodeJS.ProcessEnv;
}

export type CliOptions = NonNullable<ParseArgsConfig["options"]>;

export interface CliInput {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  positionals: string[];
  io: CliIo;
}

/**
 * One subcommand of `insatsguiden`. `path` is its words ("db migrate"); it returns the exit
 * code: 0 ok, 1 failure. Bad arguments throw {@link UsageError} (exit 2).
 */
export interface CliCommand {
  path: string;
  summary: string;
  usage: string;
  options?: CliOptions;
  /** Positional arguments allowed after the path (default 0). */
  maxPositionals?: number;
  run(input: CliInput): Promise<number>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export function printJson(io: CliIo, value: unknown): void {
  io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Reads a required string option or throws a usage error naming it. */
export function requireString(values: CliInput["values"], name: string): string {
  const value = values[name];
  if (typeof value !== "string" || value === "") throw new UsageError(`--${name} saknas`);
  return value;
}
