import { randomUUID } from "node:crypto";
import type { CaseAction, CaseService } from "../cases/service.js";
import { addDays, type IsoDate } from "../deadlines/index.js";
import { rolesOf, type Directory, type DirectoryUser } from "../directory/directory.js";
import { insatserForUnit, type CaseInsatsId } from "../domain/case-types.js";
import { currentOrder, followUpItems, type Gender } from "../domain/case.js";
import { DomainError } from "../errors.js";
import { OrderRepository } from "../orders/repository.js";
import type { Store } from "../store/db.js";

/**
 * Made-up cases for trying the tab locally (`npm start -- --demodata`) and for the bench: each
 * one walked through the real case workflow (CaseService), step by step with dates in the past,
 * so lists, deadlines, orders and statistics are what the bot itself would have stored. Case
 * references are DEMO-…; nothing in them is a person.
 */
export interface DemoDataDeps {
  store: Store;
  directory: Directory;
  cases: CaseService;
}

/** A small deterministic random source (mulberry32), so the same seed gives the same data. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function seedDemoCases(
  deps: DemoDataDeps,
  options: { count: number; seed?: number; prefix?: string; onProgress?: (done: number) => void },
): Promise<number> {
  const rand = random(options.seed ?? 18);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const between = (low: number, high: number) => low + Math.floor(rand() * (high - low + 1));
  const users = await deps.directory.listUsers();
  const caseworkers = users.filter((user) => rolesOf(user, "handlaggare").length > 0);
  if (caseworkers.length === 0) return 0;
  const specialists = (unit: string) =>
    users.filter((user) => rolesOf(user, "arbetsspecialist").some((role) => role.unit === unit));
  const orders = new OrderRepository(deps.store);
  const today = deps.cases.today();
  const prefix = options.prefix ?? "DEMO";
  let created = 0;
  for (let i = 0; i < options.count; i += 1) {
    const caseworker = pick(caseworkers);
    const role = pick(rolesOf(caseworker, "handlaggare"));
    const insats: CaseInsatsId = pick(insatserForUnit[role.unit]);
    const gender: Gender = rand() < 0.52 ? "kvinna" : rand() < 0.92 ? "man" : "annat";
    const receivedOn = addDays(today, -between(3, 540));
    const { record } = await deps.cases.open(caseworker, {
      creationKey: randomUUID(),
      caseRef: `${prefix}-${String(i + 1).padStart(5, "0")}`,
      insats,
      receivedOn,
      gender,
      age: between(19, 63),
      unit: role.unit,
    });
    created += 1;
    await walk(deps, caseworker, record.id, receivedOn, today, { rand, pick, between, specialists, orders });
    if ((i + 1) % 500 === 0) options.onProgress?.(i + 1);
  }
  return created;
}

interface Walker {
  rand: () => number;
  pick: <T>(items: readonly T[]) => T;
  between: (low: number, high: number) => number;
  specialists: (unit: string) => DirectoryUser[];
  orders: OrderRepository;
}

/** Takes the case as far as its dates allow (no step after today), like a caseworker would have. */
async function walk(
  deps: DemoDataDeps,
  actor: DirectoryUser,
  caseId: string,
  receivedOn: IsoDate,
  today: IsoDate,
  w: Walker,
): Promise<void> {
  let day = receivedOn;
  const next = (low: number, high: number): IsoDate | undefined => {
    const date = addDays(day, w.between(low, high));
    if (date > today) return undefined;
    day = date;
    return date;
  };
  const act = async (action: CaseAction): Promise<boolean> => {
    const record = await deps.cases.load(caseId);
    if (!record) return false;
    try {
      return (await deps.cases.act(actor, caseId, record.version, action, record)).changed;
    } catch (error) {
      if (error instanceof DomainError) return false;
      throw error;
    }
  };
  const record = await deps.cases.load(caseId);
  const type = record!.type;
  let date = next(2, 10);
  if (!date || !(await act({ kind: "informationMeeting", heldOn: date }))) return;
  if (!(await act({ kind: "targetGroup", belongs: true, ruleVerdict: "eligible" }))) return;
  date = next(5, 20);
  if (!date || !(await act({ kind: "dur", completedOn: date, areas: ["arbete"], needsPurposeGoals: true })))
    return;
  if (type !== "C") {
    date = next(3, 14);
    if (!date || !(await act({ kind: "meeting", on: date }))) return;
  }
  const met = w.rand() < 0.88;
  const specialist = type === "C" ? {} : { specialistAssessment: { on: day, ready: true } };
  const sysselsattning =
    type === "C" ? { orientation: "arbetsrehabiliterande" as const, appliedInterval: "10-24" as const } : {};
  if (
    !(await act({
      kind: "criteria",
      met,
      ruleVerdict: met ? "eligible" : "not-eligible",
      ...specialist,
      ...sysselsattning,
    }))
  )
    return;
  date = next(1, 10);
  if (!date) return;
  const outcome = !met ? "avslag" : type === "C" && w.rand() < 0.15 ? "delavslag" : "bifall";
  const decided = await act({
    kind: "decide",
    decidedOn: date,
    outcome,
    ...(type === "C" && outcome !== "avslag" ? { grantedInterval: "10-24" as const } : {}),
    ...(type !== "C" && outcome !== "avslag" && record!.insats !== "lss-insteg"
      ? { periodTo: addDays(date, 364) }
      : {}),
  });
  if (!decided || outcome === "avslag") return;
  date = next(0, 5);
  if (!date || !(await act({ kind: "order", orderedOn: date }))) return;
  // Each cycle: Jobbtorg takes the order, the plan comes in, the follow-up decides whether it goes on.
  for (;;) {
    const order = currentOrder((await deps.cases.load(caseId))!.state);
    if (order?.orderId && order.jobbtorgUnit) {
      const assignOn = addDays(order.orderedOn, w.between(0, 9));
      const people = w.specialists(order.jobbtorgUnit);
      if (assignOn <= today && people.length > 0 && w.rand() < 0.9) {
        await w.orders.take(order.orderId, w.pick(people).id, new Date(`${assignOn}T09:00:00Z`));
      }
    }
    date = next(8, 24);
    if (!date || !(await act({ kind: "gp", receivedOn: date, matchesOrder: true }))) return;
    const followUpDue = (await deps.cases.load(caseId))!.state.followUpDueOn;
    if (!followUpDue) return;
    day = addDays(followUpDue, -w.between(0, 20));
    if (day > today) return;
    const continues = w.rand() < 0.6;
    const followedUp = await act({
      kind: "followUp",
      heldOn: day,
      items: [...followUpItems],
      continues,
      ...(continues ? { orderedOn: day } : {}),
    });
    if (!followedUp) return;
    if (!continues) {
      date = next(0, 10);
      if (date)
        await act({ kind: "close", closedOn: date, reason: "behov-upphort", closingMeetingHeld: true });
      return;
    }
  }
}
