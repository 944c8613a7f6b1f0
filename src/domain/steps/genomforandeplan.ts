/**
 * Step 9, Genomförandeplan mottagen och granskad: a plan that matches the order starts the insats;
 * one that does not asks for a completion while the deadline keeps running (003 Bilaga 1 and 2).
 */
import type { IsoDate } from "../../deadlines/index.js";
import { fail } from "../../errors.js";
import { stepTitles } from "../case-types.js";
import {
  advance,
  checkDate,
  currentOrder,
  refuse,
  type CaseState,
  type TransitionContext,
} from "../case-state.js";
import { defineStep } from "./step.js";

export interface GpCommand {
  kind: "gp";
  receivedOn: IsoDate;
  matchesOrder: boolean;
}

const label = "registrera genomförandeplanen";

function gp(state: CaseState, command: GpCommand, context: TransitionContext) {
  const current = currentOrder(state);
  if (!current) return refuse("CASE.WRONG_STEP", { action: label, step: stepTitles[state.step] });
  const problem = checkDate("receivedOn", command.receivedOn, context, {
    date: current.completionRequestedOn.at(-1) ?? current.orderedOn,
    label: current.completionRequestedOn.length > 0 ? "begäran om komplettering" : "beställningen",
  });
  if (problem) return fail(problem);
  const orders = state.orders.slice(0, -1);
  if (!command.matchesOrder) {
    // The plan does not match the order: ask for a completion; the deadline keeps running.
    const updated = {
      ...current,
      completionRequestedOn: [...current.completionRequestedOn, command.receivedOn],
    };
    return advance(
      state,
      "genomforandeplan",
      { orders: [...orders, updated] },
      current.orderId
        ? [
            {
              kind: "requestPlanCompletion",
              orderId: current.orderId,
              gpDueOn: current.gpDueOn,
              gpRule: current.gpRule,
              ...(current.jobbtorgUnit ? { jobbtorgUnit: current.jobbtorgUnit } : {}),
            },
          ]
        : [],
    );
  }
  const updated = { ...current, gpReceivedOn: command.receivedOn };
  return advance(
    state,
    "genomforandeplan",
    { orders: [...orders, updated], step: "uppfoljning" },
    current.orderId ? [{ kind: "completeGp", orderId: current.orderId }] : [],
  );
}

export const genomforandeplanStep = defineStep({
  id: "genomforandeplan",
  kind: "gp",
  label,
  history: "Genomförandeplan mottagen",
  detailTexts: { godkand: "stämmer med beställningen", komplettering: "komplettering begärd" },
  detail: (command) => (command.matchesOrder ? "godkand" : "komplettering"),
  apply: gp,
});
