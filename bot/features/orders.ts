import { z } from "zod";
import {
  orderCaseworkerCard,
  orderListCard,
  orderLists,
  type OrderList,
  orderSpeedCard,
  renderOrderChannelCard,
  renderOrderDetailCard,
} from "../../cards/orders.js";
import { noticeCard } from "../../cards/basic.js";
import { renderCard, type AdaptiveCard } from "../../cards/render.js";
import {
  belongsToJobbtorgUnit,
  leadsUnit,
  rolesOf,
  unitNames,
  type DirectoryUser,
  type JobbtorgUnit,
} from "../../src/directory/directory.js";
import { DomainError } from "../../src/errors.js";
import type { EventOf } from "../../src/events/types.js";
import type { OrderCardsPort } from "../../src/events/wiring.js";
import type { EffectOutcome } from "../../src/outbox/dispatcher.js";
import type { ActionOutcome, OrderView } from "../../src/orders/service.js";
import type { SendOutcome } from "../../src/reminders/scheduler.js";
import type { AppServices } from "../../src/services.js";
import { conversationKey } from "../../src/store/conversations.js";
import { defineAction, type ActionContext, type ActionResult } from "../actions.js";
import type { CommandContext } from "../commands.js";
import { messageFor } from "../error-messages.js";
import { effectOutcomeOf } from "../delivery/messenger.js";
import type { BotFeature } from "../feature.js";
import type { BotRuntime } from "../index.js";
import { sendCard } from "../replies.js";

/** Teams' ceiling for a user-specific view (refresh.userIds). */
const maxRefreshUsers = 60;

const isoDate = z.iso.date({ error: "Ange ett datum (ÅÅÅÅ-MM-DD)." });
const orderRef = z.object({ orderId: z.string().min(1).max(64) });
const assignSchema = orderRef.extend({
  assignee: z.string({ error: "Välj en arbetsspecialist." }).min(1, "Välj en arbetsspecialist.").max(64),
});
const gpSentSchema = orderRef.extend({ sentOn: isoDate });

async function namesOf(services: AppServices): Promise<(id: string | null) => string> {
  const users = await services.directory.listUsers();
  const names = new Map(users.map((u) => [u.id, u.displayName]));
  return (id) => (id ? (names.get(id) ?? "okänd medarbetare") : "–");
}

function statusText(order: OrderView, name: (id: string | null) => string): string {
  switch (order.status) {
    case "ny":
      return "Ny – ingen har tagit den än";
    case "tilldelad":
      return `Tilldelad till ${name(order.assignee)}`;
    case "gp-skickad":
      return `Genomförandeplan skickad ${order.gpSentOn} (${name(order.assignee)})`;
    case "efterstod":
      return `Efterstöd sedan ${order.efterstodOn} (${name(order.assignee)})`;
    case "avslutad":
      return `Avslutad${order.closedOn ? ` ${order.closedOn}` : ""}`;
  }
}

function daysLeftText(days: number): string {
  if (days < 0) return `Försenad ${-days} ${-days === 1 ? "arbetsdag" : "arbetsdagar"}`;
  return String(days);
}

function urgencyColor(order: OrderView): "Default" | "Good" | "Warning" | "Attention" | "Accent" {
  if (order.workingDaysLeft === null) return order.status === "avslutad" ? "Default" : "Good";
  if (order.workingDaysLeft < 0) return "Attention";
  return order.workingDaysLeft <= 3 ? "Warning" : "Default";
}

/** What anyone in the channel may read: reference, insats, district, dates, state, staff. */
function channelFacts(order: OrderView, name: (id: string | null) => string) {
  return [
    { title: "Ärende", value: order.caseRef },
    { title: "Insats", value: order.insatsShortName },
    { title: "Stadsdel", value: order.district },
    {
      title: "Beslutsperiod",
      value: order.decisionFrom ? `${order.decisionFrom} – ${order.decisionTo ?? "tills vidare"}` : "–",
    },
    { title: "Genomförandeplan senast", value: `${order.gpDueOn} (${order.gpRuleText})` },
    { title: "Läge", value: statusText(order, name) },
    ...(order.workingDaysLeft === null
      ? []
      : [{ title: "Arbetsdagar kvar", value: daysLeftText(order.workingDaysLeft) }]),
  ];
}

/** The user ids Teams draws the detailed view for (MRIs; in local mode the channel ids as they come). */
async function refreshUserIds(services: AppServices, unit: JobbtorgUnit): Promise<string[]> {
  const members = await services.orders.members(unit);
  if (members.length > maxRefreshUsers) return [];
  return members.map((m) => (services.config.localMode ? `29:${m.id}` : `8:orgid:${m.id}`));
}

export async function channelCard(services: AppServices, order: OrderView): Promise<AdaptiveCard> {
  const name = await namesOf(services);
  const userIds = await refreshUserIds(services, order.jobbtorgUnit);
  return renderOrderChannelCard({
    orderId: order.id,
    title: `${order.status === "ny" ? "Ny beställning" : "Beställning"} till ${unitNames[order.jobbtorgUnit]}`,
    color: order.status === "ny" ? "Accent" : urgencyColor(order),
    facts: channelFacts(order, name),
    footnote:
      userIds.length > 0
        ? "Enhetens medarbetare ser knapparna för att ta och rapportera ärendet."
        : "Enhetens medarbetare trycker på Visa åtgärder för att ta och rapportera ärendet.",
    userIds,
  });
}

/** The detailed view with the buttons `user` may press. */
export async function detailCard(
  services: AppServices,
  user: DirectoryUser,
  order: OrderView,
  extra: {
    status?: string;
    error?: string;
    sentOn?: string;
    assignee?: string;
    inChannel?: boolean;
    backTo?: OrderList;
  } = {},
): Promise<AdaptiveCard> {
  const name = await namesOf(services);
  const summary = await services.cases.get(order.caseId);
  const { orders } = services;
  const unit = order.jobbtorgUnit;
  const leads = orders.mayLead(user, unit);
  const mayAct = leads || (order.assignee === user.id && belongsToJobbtorgUnit(user, unit));
  const running =
    order.status === "tilldelad" || order.status === "gp-skickad" || order.status === "efterstod";
  const specialists = leads ? await orders.specialists(unit) : [];
  return renderOrderDetailCard({
    orderId: order.id,
    title: `Beställning till ${unitNames[unit]}`,
    color: urgencyColor(order),
    facts: [
      ...channelFacts(order, name),
      { title: "Beställd", value: order.orderedOn },
      ...(summary ? [{ title: "Handläggare", value: name(summary.caseworkerId) }] : []),
      ...(order.followUpRequestedOn
        ? [{ title: "Uppföljning begärd", value: order.followUpRequestedOn }]
        : []),
    ],
    status: extra.status ?? "",
    error: extra.error ?? "",
    userIds: extra.inChannel ? await refreshUserIds(services, unit) : [],
    showTake: order.status === "ny" && rolesOf(user, "arbetsspecialist").some((role) => role.unit === unit),
    showAssign: leads && (order.status === "ny" || order.status === "tilldelad") && specialists.length > 0,
    showGpSent: mayAct && order.status === "tilldelad",
    showFollowUp: mayAct && running && order.followUpRequestedOn === null,
    showEfterstod: mayAct && order.status === "gp-skickad",
    showClose: mayAct && running,
    specialists: specialists.map((s) => ({ id: s.id, name: s.displayName })),
    assignee: extra.assignee ?? order.assignee ?? "",
    sentOn: extra.sentOn ?? orders.today(),
    today: orders.today(),
    backTo: extra.backTo ?? "",
  });
}

/** `user` or `channel`: what a log line may say about a conversation. */
export function conversationKind(conversationKey: string): string {
  return conversationKey.split(":")[0] ?? "";
}

const done: EffectOutcome = { status: "done" };

/**
 * Posts each order to its unit's intake channel and its specialist's chat, and keeps every copy
 * in step: after any change the stored activities are updated in place, not re-posted. These
 * are outbox effects (src/events/wiring.ts): a failure comes back as `retry` and the outbox
 * tries the whole card again with backoff, rendering the order as it is then.
 * @remarks A first post carries `order:<order id>:<conversation>` as its idempotency key, the
 * same on every attempt, so a repeat after a crash between post and record is recognisable.
 */
export class OrderCards implements OrderCardsPort {
  constructor(
    private readonly services: AppServices,
    private readonly runtime: Pick<BotRuntime, "sender">,
  ) {}

  /**
   * Posts or updates every copy of the order's card; `wait` while the unit has no channel.
   * @remarks Two runs for one order may overlap (a change while a retry is on its way): each
   * checks after its round that the cards it sent are still the order's current ones, and sends
   * again if not, so the last card to land is always the current one.
   */
  async sync(orderId: string): Promise<EffectOutcome> {
    for (let round = 0; ; round += 1) {
      const order = await this.services.orders.get(orderId);
      if (!order) return done;
      const { outcome, sent } = await this.syncOnce(order);
      if (outcome.status !== "done" || round === 3) return outcome;
      const latest = await this.services.orders.get(orderId);
      if (!latest) return done;
      let current = true;
      for (const [key, card] of sent) {
        if (JSON.stringify(await this.cardFor(key, latest)) !== card) current = false;
      }
      if (current) return outcome;
    }
  }

  private async syncOnce(order: OrderView): Promise<{ outcome: EffectOutcome; sent: Map<string, string> }> {
    const copies = await this.services.orders.repository.cards(order.id);
    const targets = await this.postTargets(order);
    const keys = new Set([...targets.keys, ...copies.map((copy) => copy.conversationKey)]);
    const sent = new Map<string, string>();
    let failed: EffectOutcome | undefined;
    for (const key of keys) {
      const card = await this.cardFor(key, order);
      if (!card) continue;
      const copy = copies.find((c) => c.conversationKey === key);
      const outcome = copy
        ? await this.runtime.sender.update(key, copy.activityId, card)
        : await this.post(order, key, card);
      const facts = { orderId: order.id, conversation: conversationKind(key) };
      if (outcome.status === "sent") sent.set(key, JSON.stringify(card));
      else if (outcome.status === "retry") {
        failed ??= {
          status: "retry",
          error: outcome.httpStatus ? `http-${outcome.httpStatus}` : outcome.error,
          ...(outcome.afterMs !== undefined ? { afterMs: outcome.afterMs } : {}),
        };
        this.services.log.warn(facts, "order card not delivered, will try again");
      } else {
        this.services.log.warn(
          { ...facts, outcome: outcome.status },
          "order card cannot reach the conversation, giving up",
        );
      }
    }
    if (failed) return { outcome: failed, sent };
    // Kept in the unit's queue until a channel is linked (`koppla kanal`), which wakes it.
    if (!targets.channel && order.status !== "avslutad") {
      return { outcome: { status: "wait", error: "no-channel" }, sent };
    }
    return { outcome: done, sent };
  }

  /** The conversations that should hold a copy: the unit's intake channel, and the assignee's chat while the order runs. */
  private async postTargets(order: OrderView): Promise<{ keys: string[]; channel: boolean }> {
    const keys: string[] = [];
    const channel = await this.services.reminders.repository.channelForUnit(`unit:${order.jobbtorgUnit}`);
    if (channel) keys.push(channel.channel_key);
    if (
      order.assignee &&
      order.status !== "avslutad" &&
      (await this.services.directory.findUser(order.assignee))
    ) {
      keys.push(conversationKey.user(order.assignee));
    }
    return { keys, channel: channel !== undefined };
  }

  private async cardFor(key: string, order: OrderView): Promise<AdaptiveCard | undefined> {
    if (!key.startsWith("user:")) return channelCard(this.services, order);
    const user = await this.services.directory.findUser(key.slice("user:".length));
    return user && detailCard(this.services, user, order);
  }

  /** Posts the first copy to a conversation and remembers it, so later changes update it in place. */
  private async post(order: OrderView, key: string, card: AdaptiveCard): Promise<SendOutcome> {
    const outcome = await this.runtime.sender.send({
      conversationKey: key,
      card,
      idempotencyKey: `order:${order.id}:${key}`,
    });
    if (outcome.status === "sent" && outcome.activityId) {
      await this.services.orders.repository.recordCard(
        order.id,
        { conversationKey: key, activityId: outcome.activityId },
        this.services.clock.now(),
      );
    }
    return outcome;
  }

  async tellWhenNoChannel(event: EventOf<"OrderPlaced">, idempotencyKey: string): Promise<EffectOutcome> {
    const unit = event.jobbtorgUnit;
    if (!unit) return done;
    const { reminders, directory, cases } = this.services;
    if (await reminders.repository.channelForUnit(`unit:${unit}`)) return done;
    const summary = await cases.get(event.caseId);
    const order = await this.services.orders.get(event.orderId);
    if (!summary || !order) return done;
    const leaders = (await directory.listUsers()).filter((user) => leadsUnit(user, unit));
    const notices = [
      {
        key: conversationKey.user(summary.caseworkerId),
        card: renderCard(noticeCard, {
          title: "Beställningen väntar på Jobbtorgs kanal",
          text:
            `Beställningen för ${order.caseRef} är registrerad, men ${unitNames[unit]} har ingen kanal kopplad till Insatsguiden än. ` +
            "Den ligger kvar i enhetens kö och skickas dit så fort gruppledaren kopplar en kanal. Enhetens gruppledare får besked om hur kanalen kopplas.",
          color: "Warning",
        }),
      },
      ...leaders.map((leader) => ({
        key: conversationKey.user(leader.id),
        card: renderCard(noticeCard, {
          title: `${unitNames[unit]} har en beställning som väntar`,
          text:
            `En ny beställning (${order.caseRef}) väntar i enhetens kö eftersom ingen kanal är kopplad. ` +
            `Skriv **koppla kanal ${unit}** i den teamkanal som ska ta emot beställningarna, så skickas den dit direkt.`,
          color: "Attention",
        }),
      })),
    ];
    let failed: EffectOutcome | undefined;
    for (const notice of notices) {
      const outcome = await this.runtime.sender.send({
        conversationKey: notice.key,
        card: notice.card,
        idempotencyKey: `${idempotencyKey}:${notice.key}`,
      });
      if (outcome.status === "retry") {
        failed ??= {
          status: "retry",
          error: outcome.httpStatus ? `http-${outcome.httpStatus}` : outcome.error,
        };
      }
    }
    return failed ?? done;
  }

  /** The caseworker reviews the plan against the order, or holds the follow-up Jobbtorg asks for. */
  async tellCaseworker(
    event: EventOf<"PlanReceived"> | EventOf<"FollowUpRequested">,
    idempotencyKey: string,
  ): Promise<EffectOutcome> {
    const [summary, order] = await Promise.all([
      this.services.cases.get(event.caseId),
      this.services.orders.get(event.orderId),
    ]);
    if (!summary || !order) return done;
    const name = await namesOf(this.services);
    const gp = event.type === "PlanReceived";
    const card = renderCard(orderCaseworkerCard, {
      title: gp ? "Genomförandeplanen är skickad" : "Jobbtorg begär uppföljning",
      text: gp
        ? `${name(event.actorId)} på ${unitNames[order.jobbtorgUnit]} har skickat genomförandeplanen. ` +
          "Granska den mot beställningen och registrera granskningen i ärendet."
        : `${name(event.actorId)} på ${unitNames[order.jobbtorgUnit]} ber om en uppföljning av insatsen (tillämpningsanvisningarna för socialpsykiatrin, bilaga 2). ` +
          "Boka uppföljningen och registrera den i ärendet.",
      facts: [
        { title: "Ärende", value: order.caseRef },
        { title: "Insats", value: order.insatsShortName },
        gp
          ? { title: "Skickad", value: order.gpSentOn ?? "" }
          : { title: "Begärd", value: order.followUpRequestedOn ?? "" },
        { title: "Arbetsspecialist", value: name(order.assignee) },
      ],
      caseId: order.caseId,
    });
    const outcome = await this.runtime.sender.send({
      conversationKey: conversationKey.user(summary.caseworkerId),
      card,
      idempotencyKey,
    });
    if (outcome.status === "gone")
      this.services.log.warn({ orderId: order.id, status: outcome.status }, "could not tell the caseworker");
    // Not installed yet: the notice waits for the install.
    return effectOutcomeOf(outcome);
  }
}

/** A refusal the user can correct (a date, a choice, the state moved on) shows on the card itself. */
async function inline(
  context: ActionContext,
  orderId: string,
  run: () => Promise<ActionOutcome>,
  done: (outcome: ActionOutcome) => Promise<ActionResult>,
  kept: { sentOn?: string; assignee?: string } = {},
): Promise<ActionResult> {
  try {
    return await done(await run());
  } catch (error) {
    if (
      !(error instanceof DomainError) ||
      error.code === "USER.FORBIDDEN" ||
      error.code === "ORDER.NOT_FOUND"
    ) {
      throw error;
    }
    const order = await context.services.orders.loadFor(context.user, orderId);
    return {
      card: await detailCard(context.services, context.user, order, {
        error: messageFor(error.code, error.details),
        ...kept,
        inChannel: inChannel(context),
      }),
    };
  }
}

function inChannel(context: ActionContext): boolean {
  return context.turn.activity.conversation?.conversationType === "channel";
}

async function show(
  context: ActionContext,
  order: OrderView,
  status = "",
  backTo?: OrderList,
): Promise<ActionResult> {
  return {
    card: await detailCard(context.services, context.user, order, {
      status,
      inChannel: inChannel(context),
      ...(backTo ? { backTo } : {}),
    }),
  };
}

/** `nya beställningar` / `mina beställningar`, as a command and from an order's "Tillbaka till listan". */
async function listCard(services: AppServices, user: DirectoryUser, list: OrderList): Promise<AdaptiveCard> {
  if (services.orders.unitsOf(user).length === 0) throw new DomainError("USER.FORBIDDEN");
  const orders = list === "nya" ? await services.orders.unassigned(user) : await services.orders.mine(user);
  return renderCard(orderListCard, {
    list,
    title: `${list === "nya" ? "Nya beställningar" : "Mina beställningar"} (${orders.length})`,
    empty: list === "nya" ? "Inga nya beställningar väntar." : "Du har inga pågående beställningar.",
    items: listItems(orders, await namesOf(services)),
  });
}

function simpleAction(
  verb: string,
  run: (context: ActionContext, orderId: string) => Promise<ActionOutcome>,
  confirmation: string,
) {
  return defineAction({
    verb,
    schema: orderRef,
    async handle(context, data) {
      return inline(
        context,
        data.orderId,
        () => run(context, data.orderId),
        (outcome) => show(context, outcome.order, outcome.changed ? confirmation : ""),
      );
    },
  });
}

async function invalidOn(
  context: ActionContext,
  submitted: Record<string, unknown>,
  errors: Record<string, string>,
): Promise<ActionResult> {
  const orderId = typeof submitted.orderId === "string" ? submitted.orderId : undefined;
  const text = Object.values(errors).join(" ");
  if (!orderId) return { message: messageFor("ACTION.INVALID_DATA") };
  const order = await context.services.orders.loadFor(context.user, orderId);
  return {
    card: await detailCard(context.services, context.user, order, {
      error: text,
      ...(typeof submitted.sentOn === "string" ? { sentOn: submitted.sentOn } : {}),
      ...(typeof submitted.assignee === "string" ? { assignee: submitted.assignee } : {}),
      inChannel: inChannel(context),
    }),
  };
}

function listItems(orders: OrderView[], name: (id: string | null) => string) {
  return orders.map((order) => ({
    orderId: order.id,
    heading: `${order.caseRef} · ${order.insatsShortName} · ${order.district}`,
    detail:
      `Beställd ${order.orderedOn} · genomförandeplan senast ${order.gpDueOn}` +
      (order.workingDaysLeft === null
        ? ` · ${statusText(order, name)}`
        : order.workingDaysLeft < 0
          ? ` · försenad ${-order.workingDaysLeft} arbetsdagar`
          : ` · ${order.workingDaysLeft} ${order.workingDaysLeft === 1 ? "arbetsdag" : "arbetsdagar"} kvar`),
    color: urgencyColor(order),
  }));
}

/** Jobbtorg's order handling: intake cards, the queues and the team leaders' speed view. */
export function ordersFeature(): BotFeature {
  return {
    name: "orders",
    commands: [
      {
        names: ["nya beställningar"],
        help: {
          command: "nya beställningar",
          description: "För Jobbtorg: beställningar som ingen tagit än, äldst först.",
        },
        roles: ["arbetsspecialist", "gruppledare", "admin"],
        async handle({ services, user, turn }: CommandContext) {
          await sendCard(turn, await listCard(services, user, "nya"));
        },
      },
      {
        names: ["mina beställningar"],
        help: {
          command: "mina beställningar",
          description: "För arbetsspecialister: dina pågående beställningar.",
        },
        roles: ["arbetsspecialist"],
        scopes: ["personal"],
        async handle({ services, user, turn }: CommandContext) {
          await sendCard(turn, await listCard(services, user, "mina"));
        },
      },
      {
        names: ["kö och tempo", "beställningsöversikt"],
        help: {
          command: "kö och tempo",
          description:
            "För Jobbtorgs gruppledare: öppna beställningar per arbetsspecialist och tid till genomförandeplan.",
        },
        roles: ["gruppledare", "admin"],
        async handle({ services, user, turn }: CommandContext) {
          const reports = await services.orders.speed(user);
          const name = await namesOf(services);
          await sendCard(
            turn,
            renderCard(orderSpeedCard, {
              units: reports.map((report) => ({
                name: unitNames[report.unit],
                summary:
                  report.unassigned === 0
                    ? "Inga nya beställningar väntar."
                    : `${report.unassigned} ${report.unassigned === 1 ? "ny beställning väntar" : "nya beställningar väntar"} på att tas.`,
                specialists: report.openByAssignee.map((row) => ({
                  name: name(row.assignee),
                  open: `${row.open} öppna`,
                })),
                speed:
                  report.gpDays.count === 0
                    ? `Inga genomförandeplaner skickade sedan ${report.sinceOn}.`
                    : `Beställning → genomförandeplan sedan ${report.sinceOn} (${report.gpDays.count} ${report.gpDays.count === 1 ? "plan" : "planer"}): ` +
                      `median ${String(report.gpDays.median).replace(".", ",")} arbetsdagar, längst ${report.gpDays.worst}.`,
              })),
            }),
          );
        },
      },
    ],
    actions: [
      defineAction({
        verb: "order.refresh",
        schema: orderRef,
        async handle(context, data) {
          const { services, user } = context;
          const order = await services.orders.get(data.orderId);
          if (!order) throw new DomainError("ORDER.NOT_FOUND");
          // Outside the unit the card stays the channel's version: nothing more to see.
          if (!services.orders.mayWork(user, order.jobbtorgUnit))
            return { card: await channelCard(services, order) };
          return show(context, order);
        },
      }),
      defineAction({
        verb: "order.open",
        // Opened from a list, the card leads back to it (an unknown value is no list: older cards).
        schema: orderRef.extend({ list: z.enum(orderLists).optional().catch(undefined) }),
        async handle(context, data) {
          const order = await context.services.orders.loadFor(context.user, data.orderId);
          return show(context, order, "", data.list);
        },
      }),
      defineAction({
        verb: "order.list",
        schema: z.object({ list: z.enum(orderLists) }),
        async handle(context, data) {
          return { card: await listCard(context.services, context.user, data.list) };
        },
      }),
      defineAction({
        verb: "order.take",
        schema: orderRef,
        async handle(context, data) {
          return inline(
            context,
            data.orderId,
            () => context.services.orders.take(context.user, data.orderId),
            async (outcome) => {
              if (outcome.changed) return show(context, outcome.order, "Ärendet är ditt.");
              if (outcome.order.assignee === context.user.id) return show(context, outcome.order);
              const name = await namesOf(context.services);
              return {
                card: await detailCard(context.services, context.user, outcome.order, {
                  error: `Beställningen är redan tilldelad till ${name(outcome.order.assignee)}.`,
                  inChannel: inChannel(context),
                }),
              };
            },
          );
        },
      }),
      defineAction({
        verb: "order.assign",
        schema: assignSchema,
        invalid: invalidOn,
        async handle(context, data) {
          const name = await namesOf(context.services);
          return inline(
            context,
            data.orderId,
            () => context.services.orders.assign(context.user, data.orderId, data.assignee),
            (outcome) =>
              show(context, outcome.order, outcome.changed ? `Tilldelad till ${name(data.assignee)}.` : ""),
            { assignee: data.assignee },
          );
        },
      }),
      defineAction({
        verb: "order.gpSent",
        schema: gpSentSchema,
        invalid: invalidOn,
        async handle(context, data) {
          return inline(
            context,
            data.orderId,
            () => context.services.orders.gpSent(context.user, data.orderId, data.sentOn),
            (outcome) =>
              show(
                context,
                outcome.order,
                outcome.changed
                  ? "Genomförandeplanen är registrerad som skickad. Handläggaren har fått besked."
                  : "",
              ),
            { sentOn: data.sentOn },
          );
        },
      }),
      simpleAction(
        "order.followUp",
        (context, orderId) => context.services.orders.requestFollowUp(context.user, orderId),
        "Uppföljning begärd. Handläggaren har fått besked.",
      ),
      simpleAction(
        "order.efterstod",
        (context, orderId) => context.services.orders.efterstod(context.user, orderId),
        "Insatsen fortsätter som efterstöd.",
      ),
      simpleAction(
        "order.close",
        (context, orderId) => context.services.orders.close(context.user, orderId),
        "Insatsen är avslutad.",
      ),
    ],
  };
}
