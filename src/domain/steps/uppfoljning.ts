/**
 * Step 10, Uppföljning every six months: the checklist of 003 Bilaga 1 §3; a continued insats is
 * ordered again.
 */
import { followUpDue, type IsoDate } from "../../deadlines/index.js";
import { fail } from "../../errors.js";
import {
  advance,
  checkDate,
  currentOrder,
  followUpItems,
  refuse,
  requiredFollowUpItems,
  swedishDate,
  type CaseState,
  type FollowUpItem,
  type Outcome,
  type TransitionContext,
} from "../case-state.js";
import { placeOrder } from "./bestallning.js";
import { defineStep } from "./step.js";

export interface FollowUpCommand {
  kind: "followUp";
  heldOn: IsoDate;
  items: FollowUpItem[];
  continues: boolean;
  orderedOn?: IsoDate;
  orderId?: string;
}

function followUp(state: CaseState, command: FollowUpCommand, context: TransitionContext): Outcome {
  const previous = state.followUps.at(-1)?.heldOn ?? currentOrder(state)?.gpReceivedOn;
  const problem = checkDate("heldOn", command.heldOn, context, {
    date: previous,
    label: state.followUps.length > 0 ? "förra uppföljningen" : "genomförandeplanen",
  });
  if (problem) return fail(problem);
  const missing = requiredFollowUpItems.filter((item) => !command.items.includes(item));
  if (missing.length > 0) return refuse("CASE.FOLLOW_UP_CHECKLIST_INCOMPLETE", { field: "items" });
  const items = followUpItems.filter((item) => command.items.includes(item));
  const followUps = [...state.followUps, { heldOn: command.heldOn, items, continues: command.continues }];
  if (!command.continues) {
    const { followUpDueOn: _due, ...rest } = state;
    return advance(rest, "uppfoljning", { followUps, step: "avslut" }, [{ kind: "completeFollowUp" }]);
  }
  const periodTo = state.decision?.periodTo;
  if (periodTo && command.heldOn >= periodTo) {
    return refuse("CASE.DECISION_PERIOD_ENDED", { field: "continues", end: swedishDate(periodTo) });
  }
  const orderedOn = command.orderedOn ?? command.heldOn;
  const orderProblem = checkDate("orderedOn", orderedOn, context, {
    date: command.heldOn,
    label: "uppföljningen",
  });
  if (orderProblem) return fail(orderProblem);
  const placed = placeOrder(state, orderedOn, followUps.length, context, {
    ...(command.orderId ? { orderId: command.orderId } : {}),
  });
  if (!placed.ok) return placed;
  const dueOn = followUpDue(command.heldOn);
  return advance(
    state,
    "uppfoljning",
    {
      followUps,
      orders: [...state.orders, placed.value.entry],
      followUpDueOn: dueOn,
      step: "genomforandeplan",
    },
    [{ kind: "completeFollowUp" }, { kind: "scheduleFollowUp", dueOn }, ...placed.value.effects],
  );
}

export const uppfoljningStep = defineStep({
  id: "uppfoljning",
  kind: "followUp",
  label: "registrera uppföljningen",
  history: "Uppföljning registrerad",
  detailTexts: { fortsatter: "insatsen fortsätter", avslutas: "insatsen avslutas" },
  detail: (command) => (command.continues ? "fortsatter" : "avslutas"),
  apply: followUp,
});
