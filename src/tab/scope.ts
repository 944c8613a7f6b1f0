import { ledCaseworkerUnits } from "../cases/authorization.js";
import {
  hasRole,
  isAdmin,
  isJobbtorgUnit,
  jobbtorgUnits,
  rolesOf,
  type CaseworkerUnit,
  type DirectoryUser,
  type JobbtorgUnit,
} from "../directory/directory.js";

/**
 * What part of the store a user sees in the tab, by the same rules as the bot
 * (src/cases/authorization.ts): a caseworker their own cases, a team leader their unit (and
 * district), an admin everything. Jobbtorg's team leaders see their unit's orders.
 */
export interface TabScope {
  admin: boolean;
  caseworker: boolean;
  /** Caseworker units (and districts) the user leads; every unit for an admin. */
  caseworkerUnits: { unit: CaseworkerUnit; district?: string }[];
  /** Jobbtorg units the user leads; both for an admin. */
  jobbtorgUnits: JobbtorgUnit[];
}

export function scopeOf(user: DirectoryUser): TabScope {
  const admin = isAdmin(user);
  return {
    admin,
    caseworker: hasRole(user, "handlaggare"),
    caseworkerUnits: ledCaseworkerUnits(user),
    jobbtorgUnits: admin
      ? [...jobbtorgUnits]
      : rolesOf(user, "gruppledare")
          .map((role) => role.unit)
          .filter(isJobbtorgUnit),
  };
}

/** The views the tab offers the user, in tab order. */
export function viewsOf(scope: TabScope): ("cases" | "deadlines" | "follow-up")[] {
  const leads = scope.admin || scope.caseworkerUnits.length > 0 || scope.jobbtorgUnits.length > 0;
  return [
    ...(scope.caseworker || scope.caseworkerUnits.length > 0 ? (["cases"] as const) : []),
    ...(leads ? (["deadlines", "follow-up"] as const) : []),
  ];
}
