import type { GpDeadlineRule, IsoDate } from "../deadlines/index.js";
import type { JobbtorgUnit } from "../directory/directory.js";
import type { RegisterEntry } from "../register/register.js";

/**
 * What happened, as the rest of the product hears of it. Each event is written to the outbox in
 * the transaction of the change it describes (src/outbox), and src/events/wiring.ts lists who
 * reacts to it. Fields are ids, dates and codes only: an event never carries a name or free text.
 */
export type DomainEvent =
  /** A decided case was ordered (or continued after a follow-up): GP deadline, order cards. */
  | {
      type: "OrderPlaced";
      caseId: string;
      orderId: string;
      gpDueOn: IsoDate;
      gpRule: GpDeadlineRule;
      /** Null for an outside provider (sysselsättning): no Jobbtorg order row then. */
      jobbtorgUnit: JobbtorgUnit | null;
    }
  /** Jobbtorg moved an order: taken, assigned, efterstöd, closed. Its cards follow. */
  | { type: "OrderChanged"; orderId: string; change: "taken" | "assigned" | "efterstod" | "closed" }
  /**
   * The genomförandeplan arrived: reported sent by Jobbtorg on the order card, or received and
   * checked by the caseworker on the case card or the GP reminder. One event for all three.
   */
  | { type: "PlanReceived"; caseId: string; orderId: string; by: "jobbtorg" | "caseworker"; actorId: string }
  /**
   * The caseworker found the plan did not match the order and asked for a completion: the GP
   * deadline keeps running, open again where Jobbtorg had reported the plan sent.
   */
  | {
      type: "PlanCompletionRequested";
      caseId: string;
      orderId: string;
      gpDueOn: IsoDate;
      gpRule: GpDeadlineRule;
      jobbtorgUnit: JobbtorgUnit | null;
    }
  /** Jobbtorg asks the caseworker for a follow-up (003 Bilaga 2). */
  | { type: "FollowUpRequested"; caseId: string; orderId: string; actorId: string }
  /** The case's next follow-up is due on `dueOn`. */
  | { type: "FollowUpDue"; caseId: string; dueOn: IsoDate }
  /** The follow-up was registered. */
  | { type: "FollowUpHeld"; caseId: string }
  /** The case was closed: its reminders stop and its orders end. */
  | { type: "CaseClosed"; caseId: string }
  /** A decision, already anonymised for the register: no case id travels with it. */
  | { type: "DecisionMade"; entry: RegisterEntry }
  /**
   * A team leader moved open cases (or running orders) from one person to another: their order
   * cards follow and both people are told (src/handover/service.ts).
   */
  | {
      type: "WorkHandedOver";
      kind: "cases" | "orders";
      actorId: string;
      fromId: string;
      toId: string;
      /** The moved cases (kind cases) or the cases of the moved orders (kind orders). */
      caseIds: string[];
      caseRefs: string[];
      /** Moved order ids (kind orders). */
      orderIds: string[];
    }
  /** A question for the expert channel (its text stays in the store: free text). */
  | { type: "ExpertQuestionAsked"; questionId: string }
  /** An expert answered a question: the asker is told. */
  | { type: "ExpertAnswered"; questionId: string }
  /**
   * The case's flerpartsmöte was booked or moved (its invitation sent): the case records it and
   * the caseworker's reminder follows. `startsAt` is an ISO instant.
   */
  | { type: "MeetingBooked"; caseId: string; meetingId: string; startsAt: string; actorId: string }
  /** The flerpartsmöte was cancelled (its cancellation sent): the case goes back to booking. */
  | { type: "MeetingCancelled"; caseId: string; meetingId: string };

export type EventType = DomainEvent["type"];
export type EventOf<T extends EventType> = Extract<DomainEvent, { type: T }>;

/** The order or case an event is about (null: the event must not be linkable to a case). */
export function aggregateOf(event: DomainEvent): string | null {
  switch (event.type) {
    case "DecisionMade":
      return null;
    case "ExpertQuestionAsked":
    case "ExpertAnswered":
      return event.questionId;
    case "WorkHandedOver":
      // The first case: deleting it under retention takes the row (done rows are purged anyway).
      return event.caseIds[0] ?? null;
    case "OrderChanged":
      return event.orderId;
    case "OrderPlaced":
    case "PlanReceived":
    case "PlanCompletionRequested":
    case "FollowUpRequested":
      return event.orderId;
    default:
      return event.caseId;
  }
}
