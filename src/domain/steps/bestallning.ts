/**
 * Step 8, Beställning: the order to Jobbtorg (or, for C, the outside provider); the plan is then
 * due within 15 days. A continued insats after a follow-up orders again (placeOrder).
 */
import { gpDueDate, type IsoDate } from "../../deadlines/index.js";
import type { JobbtorgUnit } from "../../directory/directory.js";
import { fail, ok, type DomainError, type Result } from "../../errors.js";
import { defaultJobbtorgUnit, ordersFromJobbtorg } from "../case-types.js";
import {
  advance,
  checkDate,
  currentOrder,
  refuse,
  type CaseEffect,
  type CaseState,
  type OrderEntry,
  type TransitionContext,
} from "../case-state.js";
import { defineStep } from "./step.js";

export interface OrderCommand {
  kind: "order";
  orderedOn: IsoDate;
  orderId?: string;
  jobbtorgUnit?: JobbtorgUnit;
}

export function placeOrder(
  state: CaseState,
  orderedOn: IsoDate,
  cycle: number,
  context: TransitionContext,
  requested: { orderId?: string; jobbtorgUnit?: JobbtorgUnit },
): Result<{ entry: OrderEntry; effects: CaseEffect[] }, DomainError> {
  const gpDueOn = gpDueDate(orderedOn, context.gpRule);
  if (!requested.orderId) throw new Error("an order needs an order id from the service");
  if (!ordersFromJobbtorg(state.type)) {
    // An outside provider: no Jobbtorg order, but the plan is due within 15 days all the same.
    const order = { orderId: requested.orderId, orderedOn, gpDueOn, gpRule: context.gpRule };
    return ok({
      entry: { ...order, cycle, completionRequestedOn: [] },
      effects: [{ kind: "placeOrder", ...order }],
    });
  }
  const previousUnit = currentOrder(state)?.jobbtorgUnit;
  const unit = requested.jobbtorgUnit ?? previousUnit ?? defaultJobbtorgUnit[state.type];
  // Alfa serves socialpsykiatri (A), Iwork LSS personkrets 1–2 (B) (001); D may use either.
  const fixed = state.type === "D" ? undefined : defaultJobbtorgUnit[state.type];
  if (!unit || (fixed && unit !== fixed))
    return refuse("CASE.JOBBTORG_UNIT_MISMATCH", { field: "jobbtorgUnit" });
  return ok({
    entry: {
      orderId: requested.orderId,
      cycle,
      orderedOn,
      gpDueOn,
      gpRule: context.gpRule,
      jobbtorgUnit: unit,
      completionRequestedOn: [],
    },
    effects: [
      {
        kind: "placeOrder",
        orderId: requested.orderId,
        orderedOn,
        gpDueOn,
        gpRule: context.gpRule,
        jobbtorgUnit: unit,
      },
    ],
  });
}

function order(state: CaseState, command: OrderCommand, context: TransitionContext) {
  const problem = checkDate("orderedOn", command.orderedOn, context, {
    date: state.decision?.decidedOn,
    label: "beslutet",
  });
  if (problem) return fail(problem);
  const placed = placeOrder(state, command.orderedOn, 0, context, command);
  if (!placed.ok) return placed;
  return advance(
    state,
    "bestallning",
    { orders: [...state.orders, placed.value.entry], step: "genomforandeplan" },
    placed.value.effects,
  );
}

export const bestallningStep = defineStep({
  id: "bestallning",
  kind: "order",
  label: "skicka beställningen",
  history: "Beställning skickad",
  apply: order,
});
