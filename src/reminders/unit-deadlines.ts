/**
 * A team leader's deadlines on demand (`frister`, and the button on the daily digest): the open
 * deadlines of the units they lead, overdue first, then due this week — the digest's selection,
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

/** The user's units' open deadlines, or undefined when they lead no unit (and are no admin). */
export async function unitDeadlines(
  deps: {
    repository: Pick<ReminderRepository, "openDeadlines">;
    /** When Jobbtorg reported the order's plan sent (null: not yet). */
    gpSentOn(orderId: string): Promise<string | null | undefined>;
  },
  user: DirectoryUser,
  today: IsoDate,
): Promise<UnitDeadlines | undefined> {
  const led = rolesOf(user, "gruppledare").map((role) => ({
    unit: role.unit,
    district: role.district ?? null,
  }));
  const admin = isAdmin(user);
  if (led.length === 0 && !admin) return undefined;
  const open = await deps.repository.openDeadlines(weekEnd(today));
  const watched: Deadline[] = [];
  for (const deadline of open) {
    if (!admin && !led.some((scope) => channelWatches(scope, deadline))) continue;
    if (deadline.kind === "gp" && (await deps.gpSentOn(deadline.id.slice("gp:".length)))) continue;
    watched.push(deadline);
  }
  return {
    title: admin ? "alla enheter" : led.map((scope) => channelTitle(scope.unit, scope.district)).join(", "),
    overdue: watched.filter((deadline) => deadline.due_on < today),
    thisWeek: watched.filter((deadline) => deadline.due_on >= today),
  };
}
