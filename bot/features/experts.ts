import { z } from "zod";
import { noticeCard } from "../../cards/basic.js";
import { askForm, expertReasons, questionCard, type ExpertReasonName } from "../../cards/experts.js";
import { renderCard, type AdaptiveCard } from "../../cards/render.js";
import { isAdmin } from "../../src/directory/directory.js";
import type { ExpertMessagesPort } from "../../src/events/wiring.js";
import type { ExpertQuestion } from "../../src/experts/repository.js";
import { checkFreeText } from "../../src/guard/personal-data.js";
import type { EffectOutcome } from "../../src/outbox/dispatcher.js";
import type { AppServices } from "../../src/services.js";
import { conversationKey } from "../../src/store/conversations.js";
import { defineAction, type ActionContext, type ActionResult } from "../actions.js";
import type { CommandContext } from "../commands.js";
import { effectOutcomeOf } from "../delivery/messenger.js";
import type { BotFeature } from "../feature.js";
import type { BotRuntime } from "../index.js";
import { sendCard } from "../replies.js";
import { conversationTarget } from "../turn.js";

/** The expert loop's storage over the app's store (src/experts/repository.ts). */
export const expertsOf = (services: AppServices) => services.experts.repository;

/** Expert-written entries, searched with the knowledge base by the rule module's answers. */
export const expertEntries = (services: AppServices) => expertsOf(services).entries();

/**
 * The expert loop's messages, run from the outbox (src/events/wiring.ts) through the one
 * messenger: the question to the expert channel, the answer to the asker's chat. Both
 * at-least-once: a crash between a post and its record posts again, with the same key.
 */
export class ExpertMessages implements ExpertMessagesPort {
  constructor(
    private readonly services: AppServices,
    private readonly runtime: Pick<BotRuntime, "sender">,
  ) {}

  async postQuestion(questionId: string, idempotencyKey: string): Promise<EffectOutcome> {
    const repository = expertsOf(this.services);
    const question = await repository.get(questionId);
    // Gone (retention) or already posted: nothing more to do.
    if (!question || question.activity_id) return { status: "done" };
    const outcome = await this.runtime.sender.send({
      conversationKey: question.channel_key,
      card: questionCard(view(question)),
      idempotencyKey,
    });
    if (outcome.status === "sent" && outcome.activityId)
      await repository.setActivityId(question.id, outcome.activityId);
    return effectOutcomeOf(outcome);
  }

  async tellAsker(questionId: string, idempotencyKey: string): Promise<EffectOutcome> {
    const question = await expertsOf(this.services).get(questionId);
    if (!question) return { status: "done" };
    return effectOutcomeOf(
      await this.runtime.sender.send({
        conversationKey: conversationKey.user(question.asker_id),
        card: answerForAsker(question),
        idempotencyKey,
      }),
    );
  }
}

/** Free text refused when it carries a personnummer (any notation): the field's Swedish error. */
const guarded = (schema: z.ZodString) =>
  schema.superRefine((text, context) => {
    const check = checkFreeText(text);
    if (!check.ok) context.addIssue({ code: "custom", message: check.reason });
  });

const formSchema = z.object({ reason: z.enum(expertReasons), question: z.string().max(1000).default("") });

const askSchema = z.object({
  reason: z.enum(expertReasons),
  question: guarded(z.string().trim().min(1, "Skriv din fråga.").max(1000, "Högst 1000 tecken.")),
});

const answerSchema = z.object({
  questionId: z.uuid(),
  answer: guarded(z.string().trim().min(1, "Skriv ett svar.").max(2000, "Högst 2000 tecken.")),
  citation: guarded(z.string().trim().max(300, "Högst 300 tecken.")).default(""),
});

const questionIdSchema = z.object({ questionId: z.uuid() });

const noChannel =
  "Ingen expertkanal är kopplad ännu. Be en administratör skriva **koppla expertkanal** i den kanal där experterna finns.";

/** A question's card actions are taken in its expert channel only. */
async function loadInChannel(
  context: ActionContext,
  questionId: string,
): Promise<ExpertQuestion | ActionResult> {
  const question = await expertsOf(context.services).get(questionId);
  if (!question) return { message: "Frågan finns inte längre." };
  const here = conversationTarget(context.turn.activity, context.services.config.localMode);
  if (here?.key !== question.channel_key) return { message: "Frågan besvaras i expertkanalen." };
  return question;
}

const isResult = (value: ExpertQuestion | ActionResult): value is ActionResult =>
  "message" in value || "card" in value;

function answerForAsker(question: ExpertQuestion): AdaptiveCard {
  return renderCard(noticeCard, {
    title: "Svar från en expert",
    text:
      `Du frågade: ${question.question}\n\n${question.answer ?? ""}` +
      (question.citation ? `\n\nKälla: ${question.citation}` : ""),
    color: "Good",
  });
}

/**
 * The expert loop: an admin links an expert channel; from an answer card a person asks an expert
 * (or says the answer did not help); the question goes to the channel without the asker's name;
 * an expert answers in the card, the asker gets it in the personal chat, and the expert can keep
 * the answer in the knowledge base (marked expert-written).
 */
export function expertsFeature(): BotFeature {
  return {
    name: "experts",
    commands: [
      {
        names: ["koppla expertkanal"],
        help: {
          command: "koppla expertkanal",
          description: "För administratörer: kanalen får frågorna till experterna.",
        },
        roles: ["admin"],
        async handle(context: CommandContext) {
          const { services, user, turn } = context;
          const target = conversationTarget(turn.activity, services.config.localMode);
          if (context.scope !== "channel" || target?.kind !== "channel") {
            await sendCard(
              turn,
              renderCard(noticeCard, {
                title: "Skriv det i expertkanalen",
                text: "Skriv **koppla expertkanal** i den teamkanal där experterna ska få frågorna, inte i en chatt.",
                color: "Attention",
              }),
            );
            return;
          }
          if (!isAdmin(user)) {
            await sendCard(
              turn,
              renderCard(noticeCard, {
                title: "Ingen behörighet",
                text: "Bara en administratör kan koppla expertkanalen.",
                color: "Attention",
              }),
            );
            return;
          }
          await expertsOf(services).linkChannel(target.key, user.id, services.clock.now().getTime());
          await services.audit.record({ at: services.clock.now(), actor: user.id, action: "expert.channel" });
          await sendCard(
            turn,
            renderCard(noticeCard, {
              title: "Kanalen är expertkanal",
              text: "Här kommer frågor som underlagen inte svarar på. Svara i kortet; den som frågade får svaret i sin chatt. Korten visar aldrig vem som frågade.",
              color: "Good",
            }),
          );
        },
      },
    ],
    actions: [
      defineAction({
        verb: "expert.form",
        personalChatOnly: true,
        schema: formSchema,
        async handle(_context, data) {
          return { card: askForm(data.reason, data.question) };
        },
      }),
      defineAction({
        verb: "expert.ask",
        personalChatOnly: true,
        schema: askSchema,
        async handle(context, data) {
          const { services, user } = context;
          const repository = expertsOf(services);
          const channelKey = await repository.channelKey();
          if (!channelKey)
            return { card: askForm(data.reason, data.question, noChannel.replace(/\*\*/g, "")) };
          const question = await services.experts.ask({
            question: data.question,
            reason: data.reason,
            askerId: user.id,
            channelKey,
          });
          return {
            card: renderCard(noticeCard, {
              title: question.activity_id
                ? "Frågan är skickad till experterna"
                : "Frågan skickas till experterna",
              text:
                `Du frågade: ${question.question}\n\n` +
                (question.activity_id
                  ? ""
                  : "Expertkanalen kunde inte nås just nu; frågan är sparad och skickas dit så snart det går. ") +
                "Du får svaret här i chatten. Ditt namn visas inte i expertkanalen.",
              color: question.activity_id ? "Good" : "Accent",
            }),
          };
        },
        async invalid(_context, submitted, errors) {
          const reason = expertReasons.find((r) => r === submitted.reason);
          if (!reason) return { message: "Ogiltiga uppgifter." };
          const question = typeof submitted.question === "string" ? submitted.question : "";
          return { card: askForm(reason, question, errors.question ?? Object.values(errors)[0] ?? "") };
        },
      }),
      defineAction({
        verb: "expert.answer",
        schema: answerSchema,
        async handle(context, data) {
          const { services, user } = context;
          const loaded = await loadInChannel(context, data.questionId);
          if (isResult(loaded)) return loaded;
          await services.experts.answer(loaded.id, {
            text: data.answer,
            citation: data.citation,
            by: user.id,
          });
          const answered = (await expertsOf(services).get(loaded.id))!;
          return { card: questionCard(view(answered)) };
        },
        async invalid(context, submitted, errors) {
          const id = z.uuid().safeParse(submitted.questionId);
          if (!id.success) return { message: "Ogiltiga uppgifter." };
          const loaded = await loadInChannel(context, id.data);
          if (isResult(loaded)) return loaded;
          const text = (key: string) =>
            typeof submitted[key] === "string" ? (submitted[key] as string) : "";
          return {
            card: questionCard(view(loaded), {
              values: { answer: text("answer"), citation: text("citation") },
              error: errors.answer ?? errors.citation ?? Object.values(errors)[0] ?? "",
            }),
          };
        },
      }),
      defineAction({
        verb: "expert.save",
        schema: questionIdSchema,
        async handle(context, data) {
          const { services, user } = context;
          const loaded = await loadInChannel(context, data.questionId);
          if (isResult(loaded)) return loaded;
          const repository = expertsOf(services);
          const entryId = await repository.saveEntry(loaded.id, user.id, services.clock.now().getTime());
          if (entryId && !loaded.entry_id)
            await services.audit.record({ at: services.clock.now(), actor: user.id, action: "expert.save" });
          return { card: questionCard(view((await repository.get(loaded.id))!)) };
        },
      }),
    ],
  };
}

const view = (row: ExpertQuestion) => ({ ...row, reason: row.reason as ExpertReasonName });
