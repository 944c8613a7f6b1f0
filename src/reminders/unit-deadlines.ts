/**
 * Deadlines on demand (`frister`, and the button on the daily digest): a team leader's units',
 * a caseworker's own cases', a work specialist's unit's plans — overdue first, then due this week — the digest's selection,
 * now rather than at DIGEST_TIME. A genomförandeplan Jobbtorg has already sent drops off.
 */
import { DateTime } from "luxon";
import type { IsoDate } from "../deadlines/index.js";
import { isAdmin, rolesOf, type DirectoryUser } from "../directory/directory.js";
import type { Deadline, ReminderRepository } from "./repository.js";
import { channelWatches } from "./scheduler.js";
import { channelTitle } from "./messages.js";

export interface UnitDeadlines {
  /** "Jobbtorg Alfa", "Socialpsykiatri Farsta, LSS" or "alla enheter". */
  title: string;
  overdue: Deadline[];
  thisWeek: Deadline[];
}

/** The last day (Sunday) of the ISO week `date` is in. */
function weekEnd(date: IsoDate): IsoDate {
  return DateTime.fromISO(date, { zone: "utc" }).endOf("week").toFormat("yyyy-MM-dd");
}

/**
 * The open deadlines the user answers for: a team leader's units (an admin's: all); a caseworker
 * who leads nothing, their own cases'; a work specialist, their Jobbtorg unit's plans. Undefined
 * for someone with none of these roles.
 */
export async function unitDeadlines(
  deps: {
    repository: Pick<ReminderRepository, "openDeadlines">;
    /** Jobbtorg reported the order's plan sent and no completion was asked for since. */
    planSent(orderId: string): Promise<boolean>;
  },
  user: DirectoryUser,
  today: IsoDate,
): Promise<UnitDeadlines | undefined> {
  const led = rolesOf(user, "gruppledare").map((role) => ({
    unit: role.unit,
    district: role.district ?? null,
  }));
  const admin = isAdmin(user);
  const ownCases = led.length === 0 && !admin && rolesOf(user, "handlaggare").length > 0;
  // A work specialist watches their unit's plans as its intake channel does.
  const specialistOf = led.length === 0 && !admin && !ownCases ? rolesOf(user, "arbetsspecialist") : [];
  const scopes = [...led, ...specialistOf.map((role) => ({ unit: role.unit, district: null }))];
  if (scopes.length === 0 && !admin && !ownCases) return undefined;
  const open = await deps.repository.openDeadlines(weekEnd(today));
  const watched: Deadline[] = [];
  for (const deadline of open) {
    const mine = ownCases
      ? deadline.caseworker_id === user.id
      : admin || scopes.some((scope) => channelWatches(scope, deadline));
    if (!mine) continue;
    if (deadline.kind === "gp" && (await deps.planSent(deadline.id.slice("gp:".length)))) continue;
    watched.push(deadline);
  }
  return {
    title: admin
      ? "alla enheter"
      : ownCases
        ? "dina ärenden"
        : scopes.map((scope) => channelTitle(scope.unit, scope.district)).join(", "),
    overdue: watched.filter((deadline) => deadline.due_on < today),
    thisWeek: watched.filter((deadline) => deadline.due_on >= today),
  };
}
