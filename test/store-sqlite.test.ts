import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, describe, expect, it } from "vitest";
import { fallbackAutocheckpointPages } from "../src/store/checkpointer.js";
import { openStore, type Store } from "../src/store/db.js";
import { migrateToLatest } from "../src/store/migrate.js";

const dirs: string[] = [];
const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

async function fileStore(options: { checkpointIntervalMs?: number } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-sqlite-"));
  dirs.push(dir);
  const file = path.join(dir, "bot.sqlite");
  const store = openStore({ sqliteFile: file, ...options });
  stores.push(store);
  await migrateToLatest(store);
  return { store, file, dir };
}

async function writeAuditRows(store: Store, count: number, action: string) {
  for (let i = 0; i < count; i += 1) {
    await store.db
      .insertInto("audit_log")
      .values({ at: i, actor: "test", action, case_ref: `R-${i}`, detail: null })
      .execute();
  }
}

/** Rows in the database file alone, as if the WAL were lost: what a checkpoint has copied in. */
function rowsInMainFile(file: string, dir: string, action: string): number {
  const copy = path.join(dir, "copy.sqlite");
  fs.copyFileSync(file, copy);
  const database = new SqliteDatabase(copy, { readonly: true });
  try {
    return (
      database.prepare("select count(*) as n from audit_log where action = ?").get(action) as { n: number }
    ).n;
  } finally {
    database.close();
  }
}

describe("SQLite store", () => {
  it("checkpoints the WAL in the background, so committed rows reach the database file", async () => {
    const { store, file, dir } = await fileStore({ checkpointIntervalMs: 20 });
    await writeAuditRows(store, 50, "bakgrund");
    await expect.poll(() => rowsInMainFile(file, dir, "bakgrund"), { timeout: 5_000, interval: 25 }).toBe(50);
  });

  it("leaves checkpointing to the background: the bot's own connection only checkpoints past the fallback", async () => {
    const { store, file, dir } = await fileStore({ checkpointIntervalMs: 60_000 });
    const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(store.db);
    expect(rows[0]?.wal_autocheckpoint).toBe(fallbackAutocheckpointPages);
    // The migrated schema into the file, so that what follows is the only thing in the WAL.
    await sql`pragma wal_checkpoint(truncate)`.execute(store.db);
    // Far more than SQLite's default threshold of 1,000 pages' worth of commits…
    await writeAuditRows(store, 1_500, "kvar-i-wal");
    // …and none of it was copied into the file on the request path.
    expect(rowsInMainFile(file, dir, "kvar-i-wal")).toBe(0);
  });

  it("keeps answering correctly after a schema change, though it keeps its prepared statements", async () => {
    const { store } = await fileStore();
    const read = () => store.db.selectFrom("audit_log").selectAll().where("action", "=", "x").execute();
    expect(await read()).toEqual([]);
    await sql`alter table audit_log add column extra text`.execute(store.db);
    await writeAuditRows(store, 1, "x");
    const [row] = await read();
    expect(row).toMatchObject({ action: "x", extra: null });
  });

  it("closes cleanly while the background checkpoint runs, leaving no WAL behind", async () => {
    const { store, file } = await fileStore({ checkpointIntervalMs: 1 });
    await writeAuditRows(store, 100, "stäng");
    stores.splice(stores.indexOf(store), 1);
    await store.close();
    expect(fs.existsSync(`${file}-wal`)).toBe(false);
    const database = new SqliteDatabase(file, { readonly: true });
    const { n } = database.prepare("select count(*) as n from audit_log").get() as { n: number };
    database.close();
    expect(n).toBe(100);
  });
});
