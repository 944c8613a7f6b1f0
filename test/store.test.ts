import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuditLog } from "../src/store/audit.js";
import { ConversationRepository, conversationKey } from "../src/store/conversations.js";
import { compiledQuery } from "../src/store/compiled-query.js";
import { isReachable } from "../src/store/db.js";
import { migrateToLatest, pendingMigrations } from "../src/store/migrate.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

describe.each(dialects)("store on %s", (dialect) => {
  let store: TestStore;
  beforeEach(async () => {
    store = await freshStore(dialect);
  });
  afterEach(async () => {
    await store.close();
  });

  it("is reachable with every migration applied, and migrating again is a no-op", async () => {
    expect(await isReachable(store)).toBe(true);
    expect(await pendingMigrations(store)).toEqual([]);
    expect(await migrateToLatest(store)).toEqual([]);
  });

  it("saves, replaces and reads conversation references", async () => {
    const repo = new ConversationRepository(store);
    const key = conversationKey.user("aad-1");
    await repo.save({
      key,
      kind: "user",
      reference: { conversation: { id: "a" } },
      tenantId: "t1",
      at: new Date(1000),
    });
    await repo.save({
      key,
      kind: "user",
      reference: { conversation: { id: "b" } },
      tenantId: "t1",
      at: new Date(2000),
    });
    const stored = await repo.get(key);
    expect(stored).toMatchObject({
      kind: "user",
      reference: { conversation: { id: "b" } },
      tenantId: "t1",
      staleAt: null,
    });
    expect(stored?.updatedAt.getTime()).toBe(2000);
    expect(await repo.get("user:nobody")).toBeUndefined();
  });

  it("leaves an unchanged reference untouched (no write per turn)", async () => {
    const repo = new ConversationRepository(store);
    const key = conversationKey.channel("19:kanal");
    const reference = { conversation: { id: "19:kanal" }, serviceUrl: "https://smba.example/" };
    await repo.save({ key, kind: "channel", reference, tenantId: "t1", at: new Date(1000) });
    await repo.save({ key, kind: "channel", reference, tenantId: "t1", at: new Date(9000) });
    expect((await repo.get(key))?.updatedAt.getTime()).toBe(1000);
    await repo.save({ key, kind: "channel", reference, tenantId: "t2", at: new Date(9500) });
    expect((await repo.get(key))?.tenantId).toBe("t2");
  });

  it("marks a reference stale and clears the mark when the user comes back", async () => {
    const repo = new ConversationRepository(store);
    const key = conversationKey.user("aad-2");
    await repo.save({ key, kind: "user", reference: {}, tenantId: null, at: new Date(1000) });
    await repo.markStale(key, new Date(5000));
    expect((await repo.get(key))?.staleAt?.getTime()).toBe(5000);
    expect(await repo.unreachable([key, conversationKey.user("never-installed")])).toEqual([
      key,
      conversationKey.user("never-installed"),
    ]);
    await repo.save({ key, kind: "user", reference: {}, tenantId: null, at: new Date(6000) });
    expect((await repo.get(key))?.staleAt).toBeNull();
    expect(await repo.unreachable([key])).toEqual([]);
  });

  it("appends audit entries in order per case", async () => {
    const audit = new AuditLog(store);
    await audit.record({ at: new Date(2000), actor: "u1", action: "case.decide", caseRef: "FA-2026-0001" });
    await audit.record({ at: new Date(1000), actor: "u1", action: "case.open", caseRef: "FA-2026-0001" });
    await audit.record({
      at: new Date(3000),
      actor: "u2",
      action: "case.open",
      caseRef: "FA-2026-0002",
      detail: "x",
    });
    const entries = await audit.forCase("FA-2026-0001");
    expect(entries.map((e) => e.action)).toEqual(["case.open", "case.decide"]);
    expect(entries[0]).toMatchObject({ actor: "u1", caseRef: "FA-2026-0001", detail: null });
    expect(await audit.count()).toBe(3);
  });

  describe("a compiled query", () => {
    const insertEntry = compiledQuery((db, p: { at: number; actor: string; detail: string | null }) =>
      db
        .insertInto("audit_log")
        .values({ at: p.at, actor: p.actor, action: "test", case_ref: null, detail: p.detail }),
    );
    const entriesOf = compiledQuery((db, p: { actor: string; from: number }) =>
      db
        .selectFrom("audit_log")
        .select(["actor", "at", "detail"])
        .where("actor", "=", p.actor)
        .where("at", ">=", p.from)
        .where("detail", "is distinct from", p.actor) // the same parameter twice
        .orderBy("at"),
    );

    it("binds each call's values by name, in and out of a transaction", async () => {
      await store.db.executeQuery(insertEntry(dialect, { at: 1, actor: "u1", detail: null }));
      await store.db.transaction().execute(async (trx) => {
        await trx.executeQuery(insertEntry(dialect, { at: 2, actor: "u2", detail: "två" }));
        await trx.executeQuery(insertEntry(dialect, { at: 3, actor: "u1", detail: "u1" }));
        await trx.executeQuery(insertEntry(dialect, { at: 4, actor: "u1", detail: "fyra" }));
      });
      const { rows } = await store.db.executeQuery(entriesOf(dialect, { actor: "u1", from: 2 }));
      expect(rows).toEqual([{ actor: "u1", at: 4, detail: "fyra" }]);
      const later = await store.db.executeQuery(entriesOf(dialect, { actor: "u2", from: 3 }));
      expect(later.rows).toEqual([]);
    });

    it("refuses to run without a value for every parameter", () => {
      expect(() => insertEntry(dialect, { at: 1, actor: "u1" } as never)).toThrow(/detail/);
    });
  });
});
