import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cli } from "./support/cli.js";

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

describe("insatsguiden deadline", () => {
  it("gives the GP due date as JSON under the default working-day rule", async () => {
    const result = await cli(["deadline", "plan", "--ordered", "2026-03-27", "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ ordered: "2026-03-27", rule: "working", due: "2026-04-21" });
  });

  it("follows --rule, else GP_DEADLINE_RULE", async () => {
    const flag = await cli(["deadline", "plan", "--ordered", "2026-03-19", "--rule", "calendar", "--json"]);
    expect(JSON.parse(flag.stdout)).toMatchObject({ rule: "calendar", due: "2026-04-07" });
    const env = await cli(["deadline", "plan", "--ordered", "2026-03-19", "--json"], {
      GP_DEADLINE_RULE: "calendar",
    });
    expect(JSON.parse(env.stdout)).toMatchObject({ rule: "calendar", due: "2026-04-07" });
  });

  it("gives the follow-up date and working-day counts as JSON", async () => {
    const followUp = await cli(["deadline", "follow-up", "--from", "2025-08-31", "--json"]);
    expect(JSON.parse(followUp.stdout)).toEqual({ from: "2025-08-31", due: "2026-02-28" });
    const count = await cli([
      "deadline",
      "working-days",
      "--from",
      "2026-12-01",
      "--to",
      "2026-12-31",
      "--json",
    ]);
    expect(JSON.parse(count.stdout)).toEqual({ count: 19 });
  });

  it.each([
    [["deadline", "plan", "--ordered", "2026-02-30"], /ÅÅÅÅ-MM-DD/],
    [["deadline", "plan"], /--ordered saknas/],
    [["deadline", "plan", "--ordered", "2026-03-02", "--rule", "weekdays"], /working eller calendar/],
    [["deadline", "working-days", "--from", "2026-03-02"], /--to saknas/],
  ])("exits 2 with a Swedish usage error for %j", async (args, message) => {
    const result = await cli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe("");
  });

  it("exits 1 naming GP_DEADLINE_RULE when it is set to something else", async () => {
    const result = await cli(["deadline", "plan", "--ordered", "2026-03-02"], { GP_DEADLINE_RULE: "x" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("GP_DEADLINE_RULE");
  });
});
