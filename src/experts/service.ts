import type { Clock } from "../clock.js";
import { effectsOf } from "../events/wiring.js";
import type { OutboxDispatcher } from "../outbox/dispatcher.js";
import { OutboxRepository } from "../outbox/repository.js";
import type { AuditLog } from "../store/audit.js";
import type { Store } from "../store/db.js";
import { ExpertRepository, type ExpertQuestion } from "./repository.js";
import type { ExpertReason } from "./schema.js";

/**
 * The expert loop's changes: a question asked, an answer given. Each commits with its audit row
 * and its event's outbox row, so the post to the expert channel and the answer to the asker
 * follow after a crash too (src/events/wiring.ts). Events carry the question's id only: its
 * text is free text and stays in the store.
 */
export class ExpertService {
  readonly repository: ExpertRepository;
  private readonly outbox: OutboxRepository;

  constructor(
    private readonly deps: {
      store: Store;
      clock: Clock;
      audit: AuditLog;
      effects: Pick<OutboxDispatcher, "runNow">;
    },
  ) {
    this.repository = new ExpertRepository(deps.store.db);
    this.outbox = new OutboxRepository(deps.store);
  }

  /** Stores the question for the expert channel `channelKey`; the post follows from the outbox. */
  async ask(input: {
    question: string;
    reason: ExpertReason;
    askerId: string;
    channelKey: string;
  }): Promise<ExpertQuestion> {
    const at = this.deps.clock.now();
    const { result, ids } = await this.outbox.writeWith(async (trx) => {
      const question = await this.repository.ask({ ...input, at: at.getTime() }, trx);
      await this.deps.audit.record({ at, actor: input.askerId, action: "expert.ask" }, trx);
      return {
        result: question,
        effects: effectsOf(
          [{ type: "ExpertQuestionAsked", questionId: question.id }],
          `expert:${question.id}`,
        ),
      };
    }, at);
    await this.deps.effects.runNow(ids);
    return (await this.repository.get(result.id)) ?? result;
  }

  /** Records the first answer and tells the asker; false when another expert answered first. */
  async answer(questionId: string, answer: { text: string; citation: string; by: string }): Promise<boolean> {
    const at = this.deps.clock.now();
    const { result: first, ids } = await this.outbox.writeWith(async (trx) => {
      const first = await this.repository.answer(questionId, { ...answer, at: at.getTime() }, trx);
      if (first) await this.deps.audit.record({ at, actor: answer.by, action: "expert.answer" }, trx);
      return {
        result: first,
        effects: first
          ? effectsOf([{ type: "ExpertAnswered", questionId }], `expert-answer:${questionId}`)
          : [],
      };
    }, at);
    await this.deps.effects.runNow(ids);
    return first;
  }
}
