import { PassThrough } from "node:stream";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run.js";

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (chunk: Buffer) => out.push(chunk.toString()));
  stderr.on("data", (chunk: Buffer) => err.push(chunk.toString()));
  const code = await runCli(args, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

describe("the insatsguiden CLI", () => {
  it("prints help with --help and exits 0", async () => {
    const result = await cli(["--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("db migrate");
    expect(result.stdout).toContain("serve");
  });

  it("exits 2 on an unknown command or option", async () => {
    expect((await cli(["nonsense"])).code).toBe(2);
    expect((await cli(["db", "migrate", "--bogus"])).code).toBe(2);
    expect((await cli([])).code).toBe(2);
  });

  it("migrates the SQLite store and reports JSON", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-cli-"));
    const first = await cli(["db", "migrate", "--json"], { DATA_DIR: dataDir });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({
      dialect: "sqlite",
      applied: expect.arrayContaining(["0001_foundation"]),
    });
    const again = await cli(["db", "migrate", "--json"], { DATA_DIR: dataDir });
    expect(JSON.parse(again.stdout)).toEqual({ dialect: "sqlite", applied: [] });
    expect(fs.existsSync(path.join(dataDir, "insatsguiden.sqlite"))).toBe(true);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("exits 1 with the variable named when configuration is bad", async () => {
    const result = await cli(["db", "migrate"], { PORT: "abc" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("PORT");
  });
});
