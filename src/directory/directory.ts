import { z } from "../validation.js";

/** Social-services units a caseworker belongs to; `uppsokande` is Jobbtorg's outreach team with decision rights (case type D). */
export const caseworkerUnits = ["socialpsykiatri", "lss", "uppsokande"] as const;
/** Jobbtorg units that carry out the insatser. */
export const jobbtorgUnits = ["alfa", "iwork"] as const;
export const allUnits = [...caseworkerUnits, ...jobbtorgUnits] as const;

export type CaseworkerUnit = (typeof caseworkerUnits)[number];
export type JobbtorgUnit = (typeof jobbtorgUnits)[number];

/** True for Jobbtorg's units (Alfa, Iwork), as opposed to the districts' caseworker units. */
export function isJobbtorgUnit(unit: string): unit is JobbtorgUnit {
  return (jobbtorgUnits as readonly string[]).includes(unit);
}
export type Unit = (typeof allUnits)[number];

/** The units as people say them — the one list every card, list and message names a unit from. */
export const unitNames: Readonly<Record<Unit, string>> = {
  socialpsykiatri: "Socialpsykiatri",
  lss: "LSS",
  uppsokande: "Uppsökande",
  alfa: "Jobbtorg Alfa",
  iwork: "Jobbtorg Iwork",
};

export const roleSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("handlaggare"), district: z.string().min(1), unit: z.enum(caseworkerUnits) }),
  z.object({ role: z.literal("arbetsspecialist"), unit: z.enum(jobbtorgUnits) }),
  z.object({
    role: z.literal("gruppledare"),
    unit: z.enum(allUnits),
    district: z.string().min(1).optional(),
  }),
  z.object({ role: z.literal("admin") }),
]);

export const directoryUserSchema = z.object({
  /** Entra object id (`from.aadObjectId`); in local mode the channel user id. */
  id: z.string().min(1),
  displayName: z.string().min(1),
  email: z.email().optional(),
  roles: z.array(roleSchema).min(1),
});

export const directoryFileSchema = z.object({ users: z.array(directoryUserSchema) });

export type Role = z.infer<typeof roleSchema>;
export type RoleName = Role["role"];
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

/** Who is who. Adapters: a local JSON file (embedded default); Entra ID groups in a tenant. */
export interface Directory {
  findUser(id: string): Promise<DirectoryUser | undefined>;
  listUsers(): Promise<DirectoryUser[]>;
}

export function rolesOf<R extends RoleName>(user: DirectoryUser, role: R): Extract<Role, { role: R }>[] {
  return user.roles.filter((r): r is Extract<Role, { role: R }> => r.role === role);
}

export function hasRole(user: DirectoryUser, role: RoleName): boolean {
  return user.roles.some((r) => r.role === role);
}

export function isAdmin(user: DirectoryUser): boolean {
  return hasRole(user, "admin");
}

/** True when the user leads `unit` (and, for district units, that district). */
export function leadsUnit(user: DirectoryUser, unit: Unit, district?: string): boolean {
  return rolesOf(user, "gruppledare").some(
    (r) => r.unit === unit && (district === undefined || r.district === undefined || r.district === district),
  );
}

/** True when the user works in the Jobbtorg unit as a specialist or leads it. */
export function belongsToJobbtorgUnit(user: DirectoryUser, unit: JobbtorgUnit): boolean {
  return rolesOf(user, "arbetsspecialist").some((r) => r.unit === unit) || leadsUnit(user, unit);
}
