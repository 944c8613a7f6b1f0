import { compiledQuery } from "./compiled-query.js";
import type { Store } from "./db.js";

export type ConversationKind = "user" | "channel" | "chat";

export interface StoredConversation {
  key: string;
  kind: ConversationKind;
  /** The Bot Framework ConversationReference as a plain object (opaque to src/). */
  reference: Record<string, unknown>;
  tenantId: string | null;
  updatedAt: Date;
  staleAt: Date | null;
}

export const conversationKey = {
  user: (userId: string) => `user:${userId}`,
  channel: (channelId: string) => `channel:${channelId}`,
  chat: (conversationId: string) => `chat:${conversationId}`,
};

/** Every turn saves its reference; the write is skipped when nothing changed (most turns). */
const upsertReference = compiledQuery(
  (
    db,
    p: { key: string; kind: ConversationKind; reference: string; tenantId: string | null; updatedAt: number },
  ) =>
    db
      .insertInto("conversation_references")
      .values({
        key: p.key,
        kind: p.kind,
        reference: p.reference,
        tenant_id: p.tenantId,
        updated_at: p.updatedAt,
        stale_at: null,
      })
      .onConflict((oc) =>
        oc
          .column("key")
          .doUpdateSet({
            kind: p.kind,
            reference: p.reference,
            tenant_id: p.tenantId,
            updated_at: p.updatedAt,
            stale_at: null,
          })
          .where((eb) =>
            eb.or([
              eb("conversation_references.reference", "<>", p.reference),
              eb("conversation_references.kind", "<>", p.kind),
              eb("conversation_references.stale_at", "is not", null),
              eb("conversation_references.tenant_id", "is distinct from", p.tenantId),
            ]),
          ),
      ),
);

/**
 * Conversation references, so the bot can write first (reminders, orders) after a restart.
 * @remarks Saving a reference clears its stale mark: the user re-installed or wrote again.
 */
export class ConversationRepository {
  constructor(private readonly store: Store) {}

  async save(entry: {
    key: string;
    kind: ConversationKind;
    reference: Record<string, unknown>;
    tenantId: string | null;
    at: Date;
  }): Promise<void> {
    await this.store.db.executeQuery(
      upsertReference(this.store.dialect, {
        key: entry.key,
        kind: entry.kind,
        reference: JSON.stringify(entry.reference),
        tenantId: entry.tenantId,
        updatedAt: entry.at.getTime(),
      }),
    );
  }

  async get(key: string): Promise<StoredConversation | undefined> {
    const row = await this.store.db
      .selectFrom("conversation_references")
      .selectAll()
      .where("key", "=", key)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      key: row.key,
      kind: row.kind,
      reference: JSON.parse(row.reference) as Record<string, unknown>,
      tenantId: row.tenant_id,
      updatedAt: new Date(row.updated_at),
      staleAt: row.stale_at === null ? null : new Date(row.stale_at),
    };
  }

  /** Marks a conversation the bot can no longer reach (Teams said 403 or 404). */
  async markStale(key: string, at: Date): Promise<void> {
    await this.store.db
      .updateTable("conversation_references")
      .set({ stale_at: at.getTime() })
      .where("key", "=", key)
      .execute();
  }

  /** Keys among `keys` with no usable reference: never installed, or stale. */
  async unreachable(keys: readonly string[]): Promise<string[]> {
    if (keys.length === 0) return [];
    const rows = await this.store.db
      .selectFrom("conversation_references")
      .select("key")
      .where("key", "in", keys)
      .where("stale_at", "is", null)
      .execute();
    const reachable = new Set(rows.map((r) => r.key));
    return keys.filter((key) => !reachable.has(key));
  }
}
