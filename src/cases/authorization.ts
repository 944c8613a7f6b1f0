import {
  caseworkerUnits,
  isAdmin,
  leadsUnit,
  rolesOf,
  type CaseworkerUnit,
  type DirectoryUser,
} from "../directory/directory.js";

/**
 * Who may see and act on a case: its caseworker, a team leader of its unit (and district), or an
 * admin — nobody else (issue 5, "Every action"). Jobbtorg staff work on the order, not the case.
 */
export function mayActOnCase(
  user: DirectoryUser,
  subject: { caseworkerId: string; unit: CaseworkerUnit; district: string },
): boolean {
  return user.id === subject.caseworkerId || leadsUnit(user, subject.unit, subject.district) || isAdmin(user);
}

/** The caseworker units (and districts) a user leads; an admin sees every unit. */
export function ledCaseworkerUnits(user: DirectoryUser): { unit: CaseworkerUnit; district?: string }[] {
  if (isAdmin(user)) return caseworkerUnits.map((unit) => ({ unit }));
  return rolesOf(user, "gruppledare").flatMap((role) =>
    (caseworkerUnits as readonly string[]).includes(role.unit)
      ? [{ unit: role.unit as CaseworkerUnit, ...(role.district ? { district: role.district } : {}) }]
      : [],
  );
}
