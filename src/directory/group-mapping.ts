import fs from "node:fs";
import { z } from "../validation.js";
import { roleSchema, type Role } from "./directory.js";

/**
 * One Entra ID security group and the role it gives its members (transitively: members of a
 * nested group count). A person in several mapped groups has every role they give.
 */
export const groupMappingEntrySchema = z.strictObject({
  /** The group's object id in Entra ID. */
  groupId: z.guid({ error: "förväntade gruppens objekt-id (GUID)" }),
  /** What the group is, for people reading the file and `directory check` (not shown to users). */
  name: z.string().trim().min(1).max(120),
  role: roleSchema,
});

export const groupMappingFileSchema = z
  .strictObject({ groups: z.array(groupMappingEntrySchema).min(1, "minst en grupp behövs") })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.groups.forEach((entry, index) => {
      const earlier = seen.get(entry.groupId.toLowerCase());
      if (earlier !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: ["groups", index, "groupId"],
          message: `samma grupp som groups[${earlier}]`,
        });
      }
      seen.set(entry.groupId.toLowerCase(), index);
    });
  });

export type GroupMappingEntry = z.infer<typeof groupMappingEntrySchema>;
export type GroupMapping = z.infer<typeof groupMappingFileSchema>;

export class GroupMappingError extends Error {
  constructor(file: string, problem: string) {
    super(`Gruppmappningen ${file} är ogiltig: ${problem}`);
    this.name = "GroupMappingError";
  }
}

/**
 * Reads and validates the mapping; a bad entry throws {@link GroupMappingError} naming the entry
 * (its index and name) and what is wrong, so startup stops instead of guessing a role.
 */
export function loadGroupMapping(file: string): GroupMapping {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch (error) {
    throw new GroupMappingError(file, `kunde inte läsas som JSON (${(error as Error).message})`);
  }
  return parseGroupMapping(raw, file);
}

export function parseGroupMapping(raw: unknown, file = "(gruppmappning)"): GroupMapping {
  const parsed = groupMappingFileSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const groups = (raw as { groups?: unknown[] } | null)?.groups;
  const problems = parsed.error.issues.map((issue) => {
    const [first, index] = issue.path;
    const entry = first === "groups" && typeof index === "number" ? groups?.[index] : undefined;
    const name = (entry as { name?: unknown } | undefined)?.name;
    const label = typeof name === "string" ? ` (${name})` : "";
    return `${issue.path.join(".") || "(filen)"}${label}: ${issue.message}`;
  });
  throw new GroupMappingError(file, problems.join("; "));
}

/** The roles a set of group ids gives, without duplicates, in the mapping's order. */
export function rolesForGroups(mapping: GroupMapping, groupIds: Iterable<string>): Role[] {
  const member = new Set([...groupIds].map((id) => id.toLowerCase()));
  const roles: Role[] = [];
  for (const entry of mapping.groups) {
    if (!member.has(entry.groupId.toLowerCase())) continue;
    if (!roles.some((role) => JSON.stringify(role) === JSON.stringify(entry.role))) roles.push(entry.role);
  }
  return roles;
}
