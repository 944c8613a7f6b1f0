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

describe("the insatsguiden executable", () => {
  const bin = path.resolve("bin/insatsguiden.js");

  it("runs from any directory without a build step", async () => {
    const { spawnSync } = await import("node:child_process");
    const result = spawnSync(process.execPath, [bin, "--help"], { cwd: os.tmpdir(), encoding: "utf8" });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("Användning: insatsguiden");
  });

  it("serves, reports ready, and exits 0 on SIGTERM", async () => {
    const { spawn } = await import("node:child_process");
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-serve-"));
    const child = spawn(process.execPath, [bin, "serve"], {
      env: { ...process.env, PORT: "0", DATA_DIR: dataDir, LOG_LEVEL: "silent" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    const url = await new Promise<string>((resolve, reject) => {
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+)\/api\/messages/.exec(stderr);
        if (match?.[1]) resolve(match[1]);
      });
      child.once("exit", (code) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
    });
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
