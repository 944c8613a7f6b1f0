import { unitNames, type Role } from "./directory.js";

const roleNames: Record<Role["role"], string> = {
  handlaggare: "Handläggare",
  arbetsspecialist: "Arbetsspecialist",
  gruppledare: "Gruppledare",
  admin: "Administratör",
};

/** A role as people say it: the role's name, and its unit and district ("Socialpsykiatri, Farsta"). */
export function describeRole(role: Role): { role: string; scope: string } {
  if (role.role === "admin") return { role: roleNames.admin, scope: "Alla enheter" };
  const unit = unitNames[role.unit];
  const district = "district" in role && role.district ? `, ${role.district}` : "";
  return { role: roleNames[role.role], scope: `${unit}${district}` };
}
