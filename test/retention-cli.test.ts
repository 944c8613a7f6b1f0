/** `db purge [--dry-run]` and `report closed` through the CLI, on the SQLite store in DATA_DIR. */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { openConfiguredStore } from "../src/store/db.js";
import { migrateToLatest } from "../src/store/migrate.js";
import { insertCaseWithRows, rowsOfCase } from "./support/case-rows.js";
import { cli } from "./support/cli.js";

let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-purge-"));
  const store = openConfiguredStore(loadConfig({ DATA_DIR: dataDir }));
  await migrateToLatest(store);
  // Closed long ago whatever today is; and one closed yesterday-ish that stays.
  await insertCaseWithRows(store, "ancient", {
    closedOn: "2001-05-10",
    at: Date.parse("2001-01-01T00:00:00Z"),
  });
  await insertCaseWithRows(store, "recent", { closedOn: new Date().toISOString().slice(0, 10) });
  await store.close();
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe("db purge and report closed", () => {
  it("--dry-run says what would go and deletes nothing; then purge deletes it and the report still counts it", async () => {
    const dry = await cli(["db", "purge", "--dry-run"], { DATA_DIR: dataDir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain("Skulle radera 1 ärenden");
    expect(dry.stdout).toContain("RETENTION_MONTHS=13");
    expect(dry.stdout).toContain("reminders: 1");

    const before = await cli(["report", "closed", "--from", "2001-01", "--to", "2001-12"], {
      DATA_DIR: dataDir,
    });
    const purged = await cli(["db", "purge", "--json"], { DATA_DIR: dataDir });
    expect(JSON.parse(purged.stdout)).toMatchObject({ dryRun: false, rows: { cases: 1, orders: 1 } });
    const after = await cli(["report", "closed", "--from", "2001-01", "--to", "2001-12"], {
      DATA_DIR: dataDir,
    });
    expect(JSON.parse(after.stdout)).toEqual(JSON.parse(before.stdout));
    expect(JSON.parse(after.stdout).rows).toEqual([
      { month: "2001-05", unit: "socialpsykiatri", district: "Farsta", insats: expect.any(String), cases: 1 },
    ]);

    const store = openConfiguredStore(loadConfig({ DATA_DIR: dataDir }));
    try {
      expect((await rowsOfCase(store, "ancient")).cases).toBe(0);
      expect((await rowsOfCase(store, "recent")).cases).toBe(1);
    } finally {
      await store.close();
    }
  });

  it("refuses a retention shorter than the follow-up reports need", async () => {
    const result = await cli(["db", "purge", "--dry-run"], { DATA_DIR: dataDir, RETENTION_MONTHS: "1" });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("RETENTION_MONTHS");
  });

  it("refuses a malformed month", async () => {
    expect(
      (await cli(["report", "closed", "--from", "2001-13", "--to", "2001-12"], { DATA_DIR: dataDir })).code,
    ).toBe(2);
  });
});
