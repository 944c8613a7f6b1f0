import type { Store } from "../../src/store/db.js";
import { conversationKey } from "../../src/store/conversations.js";

/**
 * A queue of `count` follow-up reminders, due now, to `people` users with a conversation at the
 * connector at `serviceUrl` (reminder i goes to user i mod people): what the reminder bench and
 * the crash tests deliver. Keys are `<keyPrefix>|<i>`, so the stand-in can count lost and repeated.
 */
export async function seedDueReminders(
  store: Store,
  options: { count: number; people: number; serviceUrl: string; now: number; keyPrefix: string },
): Promise<void> {
  const { count, people, serviceUrl, now, keyPrefix } = options;
  const batch = 500;
  const range = (from: number, to: number) => Array.from({ length: to - from }, (_, k) => from + k);
  for (let start = 0; start < people; start += batch) {
    await store.db
      .insertInto("conversation_references")
      .values(
        range(start, Math.min(start + batch, people)).map((i) => ({
          key: conversationKey.user(`user-${i}`),
          kind: "user" as const,
          reference: JSON.stringify({
            channelId: "msteams",
            serviceUrl,
            conversation: { id: `a:conv-${i}` },
            bot: { id: "28:bot" },
          }),
          tenant_id: "tenant",
          updated_at: now,
          stale_at: null,
        })),
      )
      .execute();
  }
  for (let start = 0; start < count; start += batch) {
    const ids = range(start, Math.min(start + batch, count));
    await store.db
      .insertInto("deadlines")
      .values(
        ids.map((i) => ({
          id: `follow-up:c-${i}`,
          kind: "follow-up" as const,
          case_id: `c-${i}`,
          case_ref: `FA-2026-${String(i).padStart(5, "0")}`,
          insats: "sysselsattning",
          due_on: "2026-03-02",
          starts_at: null,
          rule: null,
          caseworker_id: `user-${i % people}`,
          caseworker_unit: "socialpsykiatri",
          district: "Farsta",
          jobbtorg_unit: null,
          state: "open" as const,
          created_at: now,
          closed_at: null,
        })),
      )
      .execute();
    await store.db
      .insertInto("reminders")
      .values(
        ids.map((i) => ({
          deadline_id: `follow-up:c-${i}`,
          kind: "follow-up-due" as const,
          target: `user:user-${i % people}`,
          due_at: now - 1_000,
          run_at: now - 1_000,
          idempotency_key: `${keyPrefix}|${i}`,
          state: "pending" as const,
          attempts: 0,
          created_at: now,
        })),
      )
      .execute();
  }
}
