import { randomUUID } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import type { KnowledgeEntry } from "../rules/knowledge.js";
import type { Database } from "../store/schema.js";
import type { ExpertQuestionTable, ExpertReason } from "./schema.js";
import "./schema.js";

export type ExpertQuestion = Selectable<ExpertQuestionTable>;

/** The most of an expert answer kept as an entry's short answer (the answer card's limit). */
const entryAnswerLimit = 600;

/**
 * The expert loop's storage: the one expert channel, the questions posted there and the answers
 * kept as knowledge entries (searched with the knowledge base, src/rules/ask.ts `extraEntries`).
 */
export class ExpertRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Links `channelKey` as the expert channel, replacing any earlier one. */
  async linkChannel(channelKey: string, by: string, at: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("expert_channels").execute();
      await trx
        .insertInto("expert_channels")
        .values({ channel_key: channelKey, registered_by: by, registered_at: at })
        .execute();
    });
  }

  async channelKey(): Promise<string | undefined> {
    const row = await this.db.selectFrom("expert_channels").select("channel_key").executeTakeFirst();
    return row?.channel_key;
  }

  async ask(
    input: {
      question: string;
      reason: ExpertReason;
      askerId: string;
      channelKey: string;
      at: number;
    },
    db: Kysely<Database> = this.db,
  ): Promise<ExpertQuestion> {
    const row: ExpertQuestion = {
      id: randomUUID(),
      question: input.question,
      reason: input.reason,
      asker_id: input.askerId,
      asked_at: input.at,
      channel_key: input.channelKey,
      activity_id: null,
      state: "open",
      answer: null,
      citation: null,
      answered_by: null,
      answered_at: null,
      entry_id: null,
    };
    await db.insertInto("expert_questions").values(row).execute();
    return row;
  }

  async get(id: string): Promise<ExpertQuestion | undefined> {
    return this.db.selectFrom("expert_questions").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Records the post in the expert channel; false when one was recorded already. */
  async setActivityId(id: string, activityId: string): Promise<boolean> {
    const result = await this.db
      .updateTable("expert_questions")
      .set({ activity_id: activityId })
      .where("id", "=", id)
      .where("activity_id", "is", null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records the first answer; false when the question was already answered (two experts at once). */
  async answer(
    id: string,
    answer: { text: string; citation: string; by: string; at: number },
    db: Kysely<Database> = this.db,
  ): Promise<boolean> {
    const result = await db
      .updateTable("expert_questions")
      .set({
        state: "answered",
        answer: answer.text,
        citation: answer.citation,
        answered_by: answer.by,
        answered_at: answer.at,
      })
      .where("id", "=", id)
      .where("state", "=", "open")
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Keeps an answered question as a knowledge entry, once; returns the entry's id. */
  async saveEntry(id: string, by: string, at: number): Promise<string | undefined> {
    return this.db.transaction().execute(async (trx) => {
      const question = await trx
        .selectFrom("expert_questions")
        .selectAll()
        .where("id", "=", id)
        .executeTakeFirst();
      if (!question || question.state !== "answered" || question.answer === null) return undefined;
      if (question.entry_id) return question.entry_id;
      const entryId = `expert-${id}`;
      await trx
        .insertInto("expert_entries")
        .values({
          id: entryId,
          question_id: id,
          title: question.question.slice(0, 120),
          answer: question.answer.slice(0, entryAnswerLimit),
          citation: question.citation ?? "",
          created_by: by,
          created_at: at,
        })
        .execute();
      await trx.updateTable("expert_questions").set({ entry_id: entryId }).where("id", "=", id).execute();
      return entryId;
    });
  }

  /** The kept answers as knowledge entries, marked expert-written. */
  async entries(): Promise<KnowledgeEntry[]> {
    const rows = await this.db.selectFrom("expert_entries").selectAll().orderBy("created_at").execute();
    return rows.map((row) => ({
      id: row.id,
      kind: "process",
      title: row.title,
      answer: row.answer,
      ...(row.citation ? { more: `Expertens källa: ${row.citation}` } : {}),
      citations: [],
      insatser: [],
      keywords: [],
      expertWritten: true,
    }));
  }
}
