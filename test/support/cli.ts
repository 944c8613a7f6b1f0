import { PassThrough } from "node:stream";
import { runCli } from "../../src/cli/run.js";

/** Runs the `insatsguiden` CLI in-process with the given environment; collects exit code and output. */
export async function cli(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  stdinText?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on("data", (chunk: Buffer) => err.push(chunk.toString()));
  stdin.end(stdinText ?? "");
  const code = await runCli(args, { stdout, stderr, stdin, env });
  return { code, stdout: out.join(""), stderr: err.join("") };
}
