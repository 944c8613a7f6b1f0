/**
 * `npm start -- --demo`: demo cases in every state for the demo directory's users, Jobbtorg's
 * side of some of them, and the playground team's channels linked to units — so a newcomer can
 * walk every role's journey in one sitting. Dates are relative to the demo's day (`--datum`).
 * @remarks Idempotent: a case already seeded (same creation key) is left as it is.
 */
import { DateTime } from "luxon";
import type { CaseAction } from "./cases/service.js";
import type { Clock } from "./clock.js";
import { subtractWorkingDays, type IsoDate } from "./deadlines/index.js";
import type { DirectoryUser } from "./directory/directory.js";
import type { CaseInsatsId } from "./domain/case-types.js";
import type { AppServices } from "./services.js";
import { conversationKey } from "./store/conversations.js";

/** A clock on the demo's day: the chosen date, with time running from the moment it was set. */
export class DemoClock implements Clock {
  private offsetMs = 0;
  constructor(date?: IsoDate) {
    if (date) this.setDate(date);
  }
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Moves the demo to `date` at the current Stockholm time of day. */
  setDate(date: IsoDate): void {
    const real = DateTime.now().setZone("Europe/Stockholm");
    const target = DateTime.fromISO(date, { zone: "Europe/Stockholm" }).set({
      hour: real.hour,
      minute: real.minute,
      second: real.second,
    });
    if (!target.isValid) throw new Error(`Ogiltigt datum: ${date}`);
    this.offsetMs = target.toMillis() - real.toMillis();
  }
}

/** Demo directory ids (src/directory/demo-directory.json). */
const ids = {
  anna: "00000000-0000-0000-0000-0000000000a1",
  lars: "00000000-0000-0000-0000-0000000000a2",
  maja: "00000000-0000-0000-0000-0000000000a3",
  sara: "00000000-0000-0000-0000-0000000000b1",
  ida: "00000000-0000-0000-0000-0000000000b3",
  admin: "00000000-0000-0000-0000-0000000000d1",
} as const;

/** The playground's team (`.m365agentsplayground.yml`): General has the team's id. */
export const demoChannels = {
  general: "playground-team-jobbtorg-alfa",
  bestallningar: "playground-channel-bestallningar",
} as const;

interface DemoCase {
  ref: string;
  caseworker: keyof typeof ids;
  insats: CaseInsatsId;
  /** Working days before the demo's day the application came in. */
  receivedAgo: number;
  age: number;
  steps: (d: (workingDaysAgo: number) => IsoDate) => CaseAction[];
  /** Jobbtorg's side once the order is placed. */
  jobbtorg?: { specialist: keyof typeof ids; gpSentAgo?: number };
}

const start = (d: (n: number) => IsoDate, from: number): CaseAction[] => [
  { kind: "informationMeeting", heldOn: d(from) },
  { kind: "targetGroup", belongs: true },
  { kind: "dur", completedOn: d(from - 2), areas: ["arbete"], needsPurposeGoals: true },
];
const specialistReady = (on: IsoDate) => ({ specialistAssessment: { on, ready: true } });
const decided = (d: (n: number) => IsoDate, from: number): CaseAction[] => [
  ...start(d, from),
  { kind: "meeting", on: d(from - 4) },
  { kind: "criteria", met: true, ...specialistReady(d(from - 4)) },
  { kind: "decide", decidedOn: d(from - 5), outcome: "bifall", periodTo: "2099-12-31" },
];

const demoCases: DemoCase[] = [
  // Anna, socialpsykiatri (type A): one case at each step.
  {
    ref: "FA-2026-9001",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 2,
    age: 29,
    steps: () => [],
  },
  {
    ref: "FA-2026-9002",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 20,
    age: 41,
    steps: (d) => [{ kind: "informationMeeting", heldOn: d(15) }],
  },
  {
    ref: "FA-2026-9003",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 25,
    age: 24,
    steps: (d) => [
      { kind: "informationMeeting", heldOn: d(20) },
      { kind: "targetGroup", belongs: true },
    ],
  },
  {
    ref: "FA-2026-9004",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 30,
    age: 33,
    steps: (d) => start(d, 20),
  },
  {
    ref: "FA-2026-9005",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 30,
    age: 52,
    steps: (d) => [...start(d, 20), { kind: "meeting", on: d(1) }],
  },
  {
    ref: "FA-2026-9006",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 35,
    age: 38,
    steps: (d) => [
      ...start(d, 25),
      { kind: "meeting", on: d(3) },
      { kind: "criteria", met: true, ...specialistReady(d(3)) },
    ],
  },
  {
    ref: "FA-2026-9007",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 40,
    age: 45,
    steps: (d) => decided(d, 20),
  },
  {
    ref: "FA-2026-9008",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 60,
    age: 31,
    steps: (d) => [...decided(d, 50), { kind: "order", orderedOn: d(20), jobbtorgUnit: "alfa" }],
  },
  {
    ref: "FA-2026-9009",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 50,
    age: 27,
    steps: (d) => [...decided(d, 40), { kind: "order", orderedOn: d(12), jobbtorgUnit: "alfa" }],
    jobbtorg: { specialist: "sara", gpSentAgo: 1 },
  },
  {
    ref: "FA-2026-9010",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 140,
    age: 36,
    steps: (d) => [
      ...decided(d, 130),
      { kind: "order", orderedOn: d(124), jobbtorgUnit: "alfa" },
      { kind: "gp", receivedOn: d(112), matchesOrder: true },
    ],
    jobbtorg: { specialist: "sara", gpSentAgo: 113 },
  },
  {
    ref: "FA-2026-9011",
    caseworker: "anna",
    insats: "sis-socialpsykiatri",
    receivedAgo: 30,
    age: 60,
    steps: (d) => [{ kind: "withdraw", on: d(25) }],
  },
  // Anna, sysselsättning (type C, no flerpartsmöte).
  {
    ref: "FA-2026-9201",
    caseworker: "anna",
    insats: "sysselsattning",
    receivedAgo: 20,
    age: 44,
    steps: (d) => start(d, 15),
  },
  {
    ref: "FA-2026-9202",
    caseworker: "anna",
    insats: "sysselsattning",
    receivedAgo: 25,
    age: 39,
    steps: (d) => [
      ...start(d, 20),
      { kind: "criteria", met: true, orientation: "arbetsrehabiliterande", appliedInterval: "10-24" },
    ],
  },
  // Lars, LSS (type B, Jobbtorg Iwork).
  {
    ref: "BR-2026-9101",
    caseworker: "lars",
    insats: "lss-sis",
    receivedAgo: 25,
    age: 23,
    steps: (d) => start(d, 20),
  },
  {
    ref: "BR-2026-9102",
    caseworker: "lars",
    insats: "lss-sis",
    receivedAgo: 45,
    age: 26,
    steps: (d) => [
      ...decided(d, 35).slice(0, -1),
      { kind: "decide", decidedOn: d(10), outcome: "bifall" },
      { kind: "order", orderedOn: d(5), jobbtorgUnit: "iwork" },
    ],
    jobbtorg: { specialist: "ida" },
  },
  // Maja, uppsökande (type D).
  {
    ref: "JT-2026-9301",
    caseworker: "maja",
    insats: "uvas-kvinnor-sis",
    receivedAgo: 10,
    age: 22,
    steps: (d) => [{ kind: "informationMeeting", heldOn: d(8) }],
  },
  {
    ref: "JT-2026-9302",
    caseworker: "maja",
    insats: "uvas-kvinnor-sis",
    receivedAgo: 40,
    age: 27,
    steps: (d) => decided(d, 20),
  },
];

/** Seeds the demo cases and channels for `today`; returns how many cases were new. */
export async function seedDemo(services: AppServices): Promise<{ created: number; total: number }> {
  const users = new Map<string, DirectoryUser>();
  const user = async (key: keyof typeof ids): Promise<DirectoryUser> => {
    const found = users.get(key) ?? (await services.directory.findUser(ids[key]));
    if (!found) throw new Error(`Demoanvändaren ${key} saknas i katalogen`);
    users.set(key, found);
    return found;
  };
  const today = services.cases.today();
  const d = (workingDaysAgo: number) =>
    workingDaysAgo <= 0 ? today : subtractWorkingDays(today, workingDaysAgo);
  let created = 0;
  for (const demo of demoCases) {
    const caseworker = await user(demo.caseworker);
    const opened = await services.cases.open(caseworker, {
      creationKey: `demo-${demo.ref}`,
      caseRef: demo.ref,
      insats: demo.insats,
      receivedOn: d(demo.receivedAgo),
      gender: demo.age % 2 ? "kvinna" : "man",
      age: demo.age,
    });
    if (!opened.created) continue;
    created += 1;
    let record = opened.record;
    for (const action of demo.steps(d)) {
      record = (await services.cases.act(caseworker, record.id, record.version, action, record)).record;
    }
    if (demo.jobbtorg) {
      const specialist = await user(demo.jobbtorg.specialist);
      for (const order of await services.orders.forCase(record.id)) {
        if (order.status !== "ny") continue;
        await services.orders.take(specialist, order.id);
        if (demo.jobbtorg.gpSentAgo !== undefined)
          await services.orders.gpSent(specialist, order.id, d(demo.jobbtorg.gpSentAgo));
      }
    }
  }
  // The playground's team: General gets socialpsykiatri Farsta's digest, Beställningar Alfa's orders.
  const now = services.clock.now().getTime();
  const link = async (channelId: string, unit: "socialpsykiatri" | "alfa", district: string | null) => {
    const key = conversationKey.channel(channelId);
    if ((await services.reminders.repository.channelByKey(key))?.unit === unit) return;
    await services.reminders.repository.registerChannel({
      channel_key: key,
      scope_key: district ? `${unit}:${district}` : unit,
      unit,
      district,
      registered_by: ids.admin,
      registered_at: now,
    });
  };
  await link(demoChannels.general, "socialpsykiatri", "Farsta");
  await link(demoChannels.bestallningar, "alfa", null);
  return { created, total: demoCases.length };
}
