import type { CaseRepository } from "../cases/repository.js";
import type { CaseService } from "../cases/service.js";
import { DomainError } from "../errors.js";
import type { EffectHandler, EffectOutcome } from "../outbox/dispatcher.js";
import type { NewEffect } from "../outbox/repository.js";
import type { DecisionRegister } from "../register/register.js";
import type { DeadlineDoneHandlers, ReminderService } from "../reminders/service.js";
import { aggregateOf, type DomainEvent, type EventOf, type EventType } from "./types.js";

/**
 * Who reacts to what: every subscription of the product, by name, in one list. A change writes
 * one outbox row per subscription of each of its events, in its own transaction; the dispatcher
 * (src/outbox/dispatcher.ts) runs each on its own, so one failing effect never repeats another.
 * docs/effects.md says which are exactly-once and which at-least-once, and why.
 */
export const subscriptions = {
  OrderPlaced: ["scheduleGpReminders", "syncCaseOrderCards", "tellWhenNoChannel"],
  OrderChanged: ["syncOrderCards"],
  PlanReceived: ["closeGpDeadline", "syncOrderCards", "tellCaseworkerPlanSent"],
  PlanCompletionRequested: ["reopenGpDeadline"],
  FollowUpRequested: ["syncOrderCards", "tellCaseworkerFollowUp"],
  FollowUpDue: ["scheduleFollowUpReminders"],
  FollowUpHeld: ["closeFollowUpDeadline"],
  CaseClosed: ["cancelCaseReminders", "syncCaseOrderCards"],
  DecisionMade: ["recordDecision"],
  WorkHandedOver: ["syncHandedOverOrderCards", "tellHandover"],
  ExpertQuestionAsked: ["postExpertQuestion"],
  ExpertAnswered: ["tellAskerExpertAnswer"],
  MeetingBooked: ["recordMeetingOnCase", "scheduleMeetingReminder"],
  MeetingCancelled: ["clearMeetingOnCase", "cancelMeetingReminder"],
} as const satisfies Record<EventType, readonly string[]>;

export type HandlerName = (typeof subscriptions)[EventType][number];

/** Card effects redo the whole card: a later change replaces a waiting one (see NewEffect.coalesce). */
const coalescing: ReadonlySet<HandlerName> = new Set(["syncOrderCards"]);

/**
 * The outbox rows for events of one change. `key` is unique per change (a case's new version, an
 * order's conditional update); each row's key adds the event and the handler.
 */
export function effectsOf(events: DomainEvent[], key: string): NewEffect[] {
  return events.flatMap((event, index) =>
    (subscriptions[event.type] as readonly HandlerName[]).map((handler) => ({
      eventType: event.type,
      handler,
      aggregateId: aggregateOf(event),
      payload: event,
      key: `${key}|${index}|${event.type}|${handler}`,
      coalesce: coalescing.has(handler),
    })),
  );
}

/** The bot's side of the order effects (bot/features/orders.ts): cards in Teams, notices to the caseworker. */
export interface OrderCardsPort {
  /** Posts or updates every copy of the order's card to its current state. */
  sync(orderId: string): Promise<EffectOutcome>;
  /**
   * An order for a unit without a linked channel waits in the unit's queue: its caseworker is
   * told so at once, and the unit's team leaders how to link a channel (`koppla kanal <enhet>`).
   */
  tellWhenNoChannel(event: EventOf<"OrderPlaced">, idempotencyKey: string): Promise<EffectOutcome>;
  /** Tells the case's caseworker that Jobbtorg sent the plan or asks for a follow-up. */
  tellCaseworker(
    event: EventOf<"PlanReceived"> | EventOf<"FollowUpRequested">,
    idempotencyKey: string,
  ): Promise<EffectOutcome>;
}

/** The bot's side of a handover (bot/features/handover.ts): both people are told what moved. */
export interface HandoverNoticesPort {
  tell(event: EventOf<"WorkHandedOver">, idempotencyKey: string): Promise<EffectOutcome>;
}

/** The bot's side of the expert loop (bot/features/experts.ts). */
export interface ExpertMessagesPort {
  /** Posts the question to the expert channel, once its post is recorded. */
  postQuestion(questionId: string, idempotencyKey: string): Promise<EffectOutcome>;
  /** Sends the answer to the asker's chat. */
  tellAsker(questionId: string, idempotencyKey: string): Promise<EffectOutcome>;
}

/** The reminder functions case and order effects call; narrow, so tests can pass a recording fake. */
export type ReminderEffectsPort = Pick<
  ReminderService,
  "scheduleGpDeadline" | "completeGpDeadline" | "scheduleFollowUp" | "completeFollowUp" | "cancelCase"
>;

/** What a flerpartsmöte's effects ask of the case and the reminders (src/meetings/service.ts). */
export interface MeetingEffectsPort {
  cases: Pick<CaseService, "recordMultiPartyMeeting" | "clearMultiPartyMeeting">;
  reminders: Pick<ReminderService, "scheduleMeetingReminder" | "cancelMeetingReminder">;
}

export interface WiringDeps {
  cases: Pick<CaseRepository, "get" | "orders">;
  reminders: ReminderEffectsPort;
  register: DecisionRegister;
  /** The bot's card effects; absent in a process without a bot runtime (the CLI), whose card rows wait. */
  orderCards?: OrderCardsPort;
  /** Handover notices; absent where there is no bot runtime, like the card effects. */
  handoverNotices?: HandoverNoticesPort;
  /** Expert channel posts and answers; absent where there is no bot runtime. */
  expertMessages?: ExpertMessagesPort;
  /** A flerpartsmöte's effects on its case and reminder; absent where meetings are not run. */
  meetings?: MeetingEffectsPort;
}

const done: EffectOutcome = { status: "done" };

function local<T extends EventType>(
  type: T,
  write: (
    event: EventOf<T>,
    trx: Parameters<Extract<EffectHandler, { kind: "local" }>["write"]>[1],
  ) => Promise<void>,
): EffectHandler {
  return {
    kind: "local",
    write: (event, trx) => (event.type === type ? write(event as EventOf<T>, trx) : Promise.resolve()),
  };
}

function remote<T extends EventType>(
  types: readonly T[],
  run: (event: EventOf<T>, key: string) => Promise<EffectOutcome>,
): EffectHandler {
  return {
    kind: "remote",
    run: (event, effect) =>
      (types as readonly EventType[]).includes(event.type)
        ? run(event as EventOf<T>, effect.key)
        : Promise.resolve(done),
  };
}

/** The handler behind every name in {@link subscriptions} (the card ones only with `orderCards`). */
export function effectHandlers(deps: WiringDeps): Partial<Record<HandlerName, EffectHandler>> {
  const { cases, reminders, register, orderCards, handoverNotices, expertMessages, meetings } = deps;
  const caseFacts = async (caseId: string) => {
    const record = await cases.get(caseId);
    return (
      record && {
        caseId: record.id,
        caseRef: record.caseRef,
        insats: record.insats,
        caseworkerId: record.caseworkerId,
        caseworkerUnit: record.unit,
        district: record.district,
      }
    );
  };
  const scheduleGp = async (
    event: EventOf<"OrderPlaced"> | EventOf<"PlanCompletionRequested">,
  ): Promise<EffectOutcome> => {
    const facts = await caseFacts(event.caseId);
    if (facts) {
      await reminders.scheduleGpDeadline({
        ...facts,
        orderId: event.orderId,
        dueOn: event.gpDueOn,
        rule: event.gpRule,
        jobbtorgUnit: event.jobbtorgUnit,
      });
    }
    return done;
  };
  return {
    // Reminder rows are upserts keyed by the deadline: running one twice changes nothing.
    scheduleGpReminders: remote(["OrderPlaced"], scheduleGp),
    // The same upsert as at the order: an open deadline is left as it is, a closed one reopens.
    reopenGpDeadline: remote(["PlanCompletionRequested"], scheduleGp),
    closeGpDeadline: remote(["PlanReceived"], async (event) => {
      await reminders.completeGpDeadline(event.orderId);
      return done;
    }),
    scheduleFollowUpReminders: remote(["FollowUpDue"], async (event) => {
      const facts = await caseFacts(event.caseId);
      if (facts) await reminders.scheduleFollowUp({ ...facts, dueOn: event.dueOn });
      return done;
    }),
    closeFollowUpDeadline: remote(["FollowUpHeld"], async (event) => {
      await reminders.completeFollowUp(event.caseId);
      return done;
    }),
    cancelCaseReminders: remote(["CaseClosed"], async (event) => {
      await reminders.cancelCase(event.caseId);
      return done;
    }),
    // Exactly once: the entry and the row's completion commit together.
    recordDecision: local("DecisionMade", (event, trx) => register.record(event.entry, trx)),
    ...(orderCards ? cardHandlers(cases, orderCards) : {}),
    ...(handoverNotices
      ? {
          tellHandover: remote(["WorkHandedOver"], (event, key) => handoverNotices.tell(event, key)),
        }
      : {}),
    ...(meetings ? meetingHandlers(meetings, caseFacts) : {}),
    ...(expertMessages
      ? {
          postExpertQuestion: remote(["ExpertQuestionAsked"], (event, key) =>
            expertMessages.postQuestion(event.questionId, key),
          ),
          tellAskerExpertAnswer: remote(["ExpertAnswered"], (event, key) =>
            expertMessages.tellAsker(event.questionId, key),
          ),
        }
      : {}),
  };
}

/** Upserts keyed by the meeting (its case step, its deadline): running one twice changes nothing. */
function meetingHandlers(
  meetings: MeetingEffectsPort,
  caseFacts: (caseId: string) => Promise<
    | {
        caseId: string;
        caseRef: string;
        insats: string;
        caseworkerId: string;
        caseworkerUnit: string;
        district: string;
      }
    | undefined
  >,
): Record<
  "recordMeetingOnCase" | "scheduleMeetingReminder" | "clearMeetingOnCase" | "cancelMeetingReminder",
  EffectHandler
> {
  return {
    recordMeetingOnCase: remote(["MeetingBooked"], async (event) => {
      await meetings.cases.recordMultiPartyMeeting(event.caseId, {
        meetingId: event.meetingId,
        startsAt: new Date(event.startsAt),
        actorId: event.actorId,
      });
      return done;
    }),
    scheduleMeetingReminder: remote(["MeetingBooked"], async (event) => {
      const facts = await caseFacts(event.caseId);
      if (facts) {
        await meetings.reminders.scheduleMeetingReminder({
          ...facts,
          meetingId: event.meetingId,
          startsAt: new Date(event.startsAt),
        });
      }
      return done;
    }),
    clearMeetingOnCase: remote(["MeetingCancelled"], async (event) => {
      await meetings.cases.clearMultiPartyMeeting(event.caseId, event.meetingId);
      return done;
    }),
    cancelMeetingReminder: remote(["MeetingCancelled"], async (event) => {
      await meetings.reminders.cancelMeetingReminder(event.meetingId);
      return done;
    }),
  };
}

function cardHandlers(
  cases: WiringDeps["cases"],
  orderCards: OrderCardsPort,
): Record<
  | "syncOrderCards"
  | "syncCaseOrderCards"
  | "tellCaseworkerPlanSent"
  | "tellCaseworkerFollowUp"
  | "tellWhenNoChannel"
  | "syncHandedOverOrderCards",
  EffectHandler
> {
  return {
    syncOrderCards: remote(["OrderChanged", "PlanReceived", "FollowUpRequested"], (event) =>
      orderCards.sync(event.orderId),
    ),
    syncCaseOrderCards: remote(["OrderPlaced", "CaseClosed"], async (event) => {
      // A new order after a follow-up ends the earlier ones: every card of the case follows.
      for (const order of await cases.orders(event.caseId)) {
        const outcome = await orderCards.sync(order.id);
        if (outcome.status !== "done") return outcome;
      }
      return done;
    }),
    // Every copy names the new people; a new assignee's chat gets its copy.
    syncHandedOverOrderCards: remote(["WorkHandedOver"], async (event) => {
      const ids = new Set(event.orderIds);
      for (const caseId of event.caseIds) for (const order of await cases.orders(caseId)) ids.add(order.id);
      for (const id of ids) {
        const outcome = await orderCards.sync(id);
        if (outcome.status !== "done") return outcome;
      }
      return done;
    }),
    tellCaseworkerPlanSent: remote(["PlanReceived"], (event, key) =>
      event.by === "jobbtorg" ? orderCards.tellCaseworker(event, key) : Promise.resolve(done),
    ),
    tellWhenNoChannel: remote(["OrderPlaced"], (event, key) =>
      event.jobbtorgUnit ? orderCards.tellWhenNoChannel(event, key) : Promise.resolve(done),
    ),
    tellCaseworkerFollowUp: remote(["FollowUpRequested"], (event, key) =>
      orderCards.tellCaseworker(event, key),
    ),
  };
}

/**
 * What "Klar" on a reminder does, per kind of deadline: a GP reminder is the plan arriving (the
 * case card's step); a follow-up needs its checklist, which one button cannot give.
 */
export function deadlineDoneHandlers(
  cases: Pick<CaseService, "planReceivedFromReminder">,
): DeadlineDoneHandlers {
  return {
    gp: (deadline, actorId) => cases.planReceivedFromReminder(deadline, actorId),
    "follow-up": () => Promise.reject(new DomainError("CASE.FOLLOW_UP_NEEDS_CHECKLIST")),
  };
}
