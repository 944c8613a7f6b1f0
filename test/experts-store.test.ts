/** The expert loop's storage on SQLite and PostgreSQL: one expert channel, first answer wins, an answer kept once as an expert-written entry. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ExpertRepository } from "../src/experts/repository.js";
import { ask } from "../src/rules/ask.js";
import { dialects, freshStore, type TestStore } from "./support/stores.js";

const question = "Får en deltagare i Alfa ta med sin hund till arbetsplatsen?";

describe.each(dialects)("expert questions on %s", (dialect) => {
  let store: TestStore;
  let repository: ExpertRepository;

  beforeEach(async () => {
    store = await freshStore(dialect);
    repository = new ExpertRepository(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  it("keeps one expert channel: linking another replaces it", async () => {
    expect(await repository.channelKey()).toBeUndefined();
    await repository.linkChannel("channel:a", "admin", 1);
    await repository.linkChannel("channel:b", "admin", 2);
    expect(await repository.channelKey()).toBe("channel:b");
  });

  it("stores the asker by id, takes the first answer only, and saves it once as an expert entry", async () => {
    const asked = await repository.ask({
      question,
      reason: "ask",
      askerId: "user-1",
      channelKey: "channel:b",
      at: 1_700_000_000_000,
    });
    expect(await repository.get(asked.id)).toMatchObject({
      asker_id: "user-1",
      state: "open",
      asked_at: 1_700_000_000_000,
    });
    expect(await repository.saveEntry(asked.id, "expert-1", 5)).toBeUndefined();

    const first = {
      text: "Nej, inte utan arbetsgivarens medgivande.",
      citation: "Arbetsplatsens regler",
      by: "expert-1",
      at: 3,
    };
    expect(await repository.answer(asked.id, first)).toBe(true);
    expect(await repository.answer(asked.id, { ...first, text: "Ja.", by: "expert-2" })).toBe(false);
    expect(await repository.get(asked.id)).toMatchObject({
      state: "answered",
      answer: first.text,
      answered_by: "expert-1",
    });

    const entryId = await repository.saveEntry(asked.id, "expert-1", 4);
    expect(entryId).toBeDefined();
    expect(await repository.saveEntry(asked.id, "expert-1", 5)).toBe(entryId);
    const entries = await repository.entries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ title: question, answer: first.text, expertWritten: true });
    expect(entries[0]!.more).toContain("Arbetsplatsens regler");

    // A later question finds it, marked as written by an expert.
    const answer = ask("Får man ta med sin hund till arbetsplatsen i Alfa?", {
      on: "2026-03-02",
      extraEntries: entries,
    });
    expect(answer.topic).toMatchObject({ kind: "entry", expertWritten: true });
    expect(answer.short).toContain("arbetsgivarens medgivande");
  });
});
