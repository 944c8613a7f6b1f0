import { z } from "zod";
import { noticeCard } from "../../cards/basic.js";
import { handoverCard } from "../../cards/directory.js";
import { renderCard, type AdaptiveCard } from "../../cards/render.js";
import {
  jobbtorgUnits,
  unitNames,
  type DirectoryUser,
  type JobbtorgUnit,
} from "../../src/directory/directory.js";
import { DomainError } from "../../src/errors.js";
import type { EventOf } from "../../src/events/types.js";
import type { HandoverNoticesPort } from "../../src/events/wiring.js";
import type { Colleague, Handover } from "../../src/handover/service.js";
import type { EffectOutcome } from "../../src/outbox/dispatcher.js";
import type { AppServices } from "../../src/services.js";
import { conversationKey } from "../../src/store/conversations.js";
import { defineAction, type ActionContext } from "../actions.js";
import { foldSwedish } from "../commands.js";
import { messageFor } from "../error-messages.js";
import type { BotFeature } from "../feature.js";
import type { BotRuntime } from "../index.js";
import { sendCard } from "../replies.js";

const person = z.string({ error: "Välj en medarbetare." }).trim().min(1, "Välj en medarbetare.").max(64);
const casesSchema = z.object({
  fromId: person,
  toId: person,
  caseRef: z.string().trim().max(40).optional(),
});
const ordersSchema = z.object({ unit: z.enum(jobbtorgUnits), fromId: person, toId: person });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function choices(people: Colleague[], what: [string, string]) {
  return people.map((p) => ({ title: `${p.name} (${plural(p.open, ...what)})`, value: p.id }));
}

interface FormState {
  fromId?: string;
  toId?: string;
  caseRef?: string;
  error?: string;
  status?: string;
}

async function casesForm(
  services: AppServices,
  user: DirectoryUser,
  state: FormState = {},
): Promise<AdaptiveCard> {
  const { from, to } = await services.handover.caseworkers(user);
  return renderCard(handoverCard, {
    kind: "cases",
    verb: "handover.cases",
    title: "Flytta ärenden",
    intro:
      "Välj vems öppna ärenden som ska flyttas och till vem i samma enhet och stadsdel. Frister, påminnelser och beställningskort följer med, och båda får ett meddelande.",
    button: "Flytta ärendena",
    from: choices(from, ["öppet ärende", "öppna ärenden"]),
    to: choices(to, ["öppet ärende", "öppna ärenden"]),
    example: services.config.CASE_REF_EXAMPLE,
    fromId: state.fromId ?? "",
    toId: state.toId ?? "",
    caseRef: state.caseRef ?? "",
    error: state.error ?? "",
    status: state.status ?? "",
  });
}

async function ordersForm(
  services: AppServices,
  user: DirectoryUser,
  unit: JobbtorgUnit,
  state: FormState = {},
): Promise<AdaptiveCard> {
  const { from, to } = await services.handover.specialists(user, unit);
  return renderCard(handoverCard, {
    kind: "orders",
    verb: "handover.orders",
    title: `Flytta beställningar i ${unitNames[unit]}`,
    intro:
      "Välj vems pågående beställningar som ska flyttas och till vilken arbetsspecialist i enheten. Korten uppdateras och båda får ett meddelande.",
    button: "Flytta beställningarna",
    unit,
    from: choices(from, ["pågående beställning", "pågående beställningar"]),
    to: choices(to, ["pågående beställning", "pågående beställningar"]),
    fromId: state.fromId ?? "",
    toId: state.toId ?? "",
    error: state.error ?? "",
    status: state.status ?? "",
  });
}

/** A refusal the leader can act on is shown on the form, with the choices kept. */
async function onForm(
  work: () => Promise<string>,
  form: (state: FormState) => Promise<AdaptiveCard>,
  state: FormState,
): Promise<{ card: AdaptiveCard }> {
  try {
    const status = await work();
    return { card: await form({ status }) };
  } catch (error) {
    if (
      !(error instanceof DomainError) ||
      error.code === "USER.FORBIDDEN" ||
      error.code === "HANDOVER.NOT_A_LEADER"
    )
      throw error;
    return { card: await form({ ...state, error: messageFor(error.code, error.details) }) };
  }
}

async function nameOf(services: AppServices, id: string): Promise<string> {
  return (await services.directory.findUser(id))?.displayName ?? "tidigare medarbetare";
}

function summary(handover: Handover, names: { actor: string; from: string; to: string }): string {
  const what =
    handover.kind === "cases"
      ? plural(handover.caseRefs.length, "ärende", "ärenden")
      : plural(handover.orderIds.length, "beställning", "beställningar");
  return `${names.actor} flyttade ${what} från ${names.from} till ${names.to}: ${handover.caseRefs.join(", ")}.`;
}

/** The Jobbtorg unit a command names ("flytta beställningar iwork"), else the leader's first. */
function unitFrom(args: string, units: JobbtorgUnit[]): JobbtorgUnit | undefined {
  const named = jobbtorgUnits.find((unit) => foldSwedish(args).includes(unit));
  return named && units.includes(named) ? named : units[0];
}

/** Handing work over: `flytta ärenden`, `flytta beställningar` and their cards. */
export function handoverFeature(): BotFeature {
  return {
    name: "handover",
    commands: [
      {
        names: ["flytta ärenden", "flytta ärende"],
        help: {
          command: "flytta ärenden [ärendereferens]",
          description:
            "För gruppledare: flytta en handläggares öppna ärenden (eller ett ärende) till en kollega i enheten.",
        },
        scopes: ["personal"],
        roles: ["gruppledare", "admin"],
        async handle({ turn, user, services }, args) {
          if (!services.handover.leadsCaseworkers(user)) throw new DomainError("HANDOVER.NOT_A_LEADER");
          const caseRef = args.trim();
          const caseId = caseRef ? await findCaseId(services, caseRef) : undefined;
          if (caseRef && !caseId) throw new DomainError("CASE.NOT_FOUND");
          // Only a case the leader may act on fills in the form (loadFor refuses others).
          const record = caseId ? await services.cases.loadFor(user, caseId) : undefined;
          await sendCard(
            turn,
            await casesForm(
              services,
              user,
              record ? { fromId: record.caseworkerId, caseRef: record.caseRef } : {},
            ),
          );
        },
      },
      {
        names: ["flytta beställningar", "flytta beställning"],
        help: {
          command: "flytta beställningar [alfa|iwork]",
          description:
            "För gruppledare i Jobbtorg: flytta en arbetsspecialists pågående beställningar till en kollega.",
        },
        scopes: ["personal"],
        roles: ["gruppledare", "admin"],
        async handle({ turn, user, services }, args) {
          const unit = unitFrom(args, services.handover.ledJobbtorgUnits(user));
          if (!unit) throw new DomainError("HANDOVER.NOT_A_LEADER");
          await sendCard(turn, await ordersForm(services, user, unit));
        },
      },
    ],
    actions: [
      defineAction({
        verb: "handover.cases",
        personalChatOnly: true,
        schema: casesSchema,
        async handle({ services, user }: ActionContext, data) {
          const state = { fromId: data.fromId, toId: data.toId, caseRef: data.caseRef ?? "" };
          return onForm(
            async () => {
              const moved = await services.handover.moveCases(user, {
                fromId: data.fromId,
                toId: data.toId,
                ...(data.caseRef ? { caseRef: data.caseRef } : {}),
              });
              const names = {
                actor: "Du",
                from: await nameOf(services, moved.fromId),
                to: await nameOf(services, moved.toId),
              };
              return summary(moved, names);
            },
            (s) => casesForm(services, user, s),
            state,
          );
        },
        async invalid({ services, user }, submitted, errors) {
          const text = (key: string) =>
            typeof submitted[key] === "string" ? (submitted[key] as string) : "";
          return {
            card: await casesForm(services, user, {
              fromId: text("fromId"),
              toId: text("toId"),
              caseRef: text("caseRef"),
              error: Object.values(errors)[0] ?? messageFor("ACTION.INVALID_DATA"),
            }),
          };
        },
      }),
      defineAction({
        verb: "handover.orders",
        personalChatOnly: true,
        schema: ordersSchema,
        async handle({ services, user }: ActionContext, data) {
          return onForm(
            async () => {
              const moved = await services.handover.moveOrders(user, data);
              const names = {
                actor: "Du",
                from: await nameOf(services, moved.fromId),
                to: await nameOf(services, moved.toId),
              };
              return summary(moved, names);
            },
            (s) => ordersForm(services, user, data.unit, s),
            { fromId: data.fromId, toId: data.toId },
          );
        },
      }),
    ],
  };
}

async function findCaseId(services: AppServices, caseRef: string): Promise<string | undefined> {
  const row = await services.store.db
    .selectFrom("cases")
    .select("id")
    .where("case_ref", "=", caseRef)
    .executeTakeFirst();
  return row?.id;
}

/**
 * After a handover (the event WorkHandedOver, src/events/wiring.ts): both people get a card in
 * their own chat saying what moved. At-least-once: a crash between the posts and the outbox row's
 * completion sends again, with the same keys (the row's key and the person).
 */
export class HandoverNotices implements HandoverNoticesPort {
  constructor(
    private readonly services: AppServices,
    private readonly runtime: Pick<BotRuntime, "sender">,
  ) {}

  async tell(handover: EventOf<"WorkHandedOver">, idempotencyKey: string): Promise<EffectOutcome> {
    const services = this.services;
    const names = {
      actor: await nameOf(services, handover.actorId),
      from: await nameOf(services, handover.fromId),
      to: await nameOf(services, handover.toId),
    };
    const text = summary(handover, names);
    const title = handover.kind === "cases" ? "Ärenden har flyttats" : "Beställningar har flyttats";
    const follow =
      handover.kind === "cases"
        ? " Frister och påminnelser följer med ärendena."
        : " Korten i enhetens kanal visar den nya arbetsspecialisten.";
    let failed: EffectOutcome | undefined;
    for (const id of new Set([handover.fromId, handover.toId])) {
      const outcome = await this.runtime.sender.send({
        conversationKey: conversationKey.user(id),
        card: renderCard(noticeCard, { title, text: `${text}${follow}`, color: "Accent" }),
        idempotencyKey: `${idempotencyKey}:${id}`,
      });
      // A person without the app (or gone) is not waited for: the handover itself stands.
      if (outcome.status === "retry") {
        failed ??= {
          status: "retry",
          error: outcome.httpStatus ? `http-${outcome.httpStatus}` : outcome.error,
          ...(outcome.afterMs !== undefined ? { afterMs: outcome.afterMs } : {}),
        };
      }
    }
    return failed ?? { status: "done" };
  }
}
