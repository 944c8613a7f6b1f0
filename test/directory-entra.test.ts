/**
 * The directory from Entra ID against a local Graph stand-in that checks the documented request
 * shapes ($select, $top, paging through @odata.nextLink, 429 with Retry-After): roles from
 * transitive group memberships through the group mapping, the per-user cache with its TTL and
 * bound, an outage served from the last answer for a bounded time and then refused, and the
 * mapping's validation at startup.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../src/config.js";
import { EntraDirectory } from "../src/directory/entra-directory.js";
import { GroupMappingError, loadGroupMapping, parseGroupMapping } from "../src/directory/group-mapping.js";
import { LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { directoryFor } from "../src/directory/select.js";
import { DomainError } from "../src/errors.js";
import { GraphDirectoryStandIn } from "./support/graph-directory-standin.js";

const groups = {
  farstaSocialpsykiatri: "11111111-1111-4111-8111-000000000001",
  farstaLeaders: "11111111-1111-4111-8111-000000000002",
  alfa: "11111111-1111-4111-8111-000000000003",
  admins: "11111111-1111-4111-8111-000000000004",
  /** Nested in farstaSocialpsykiatri: its members are caseworkers there too. */
  farstaTeamB: "11111111-1111-4111-8111-000000000005",
  unmapped: "11111111-1111-4111-8111-000000000006",
  unmapped2: "11111111-1111-4111-8111-000000000007",
};

const mapping = parseGroupMapping({
  groups: [
    {
      groupId: groups.farstaSocialpsykiatri,
      name: "Farsta socialpsykiatri handläggare",
      role: { role: "handlaggare", district: "Farsta", unit: "socialpsykiatri" },
    },
    {
      groupId: groups.farstaLeaders,
      name: "Farsta socialpsykiatri gruppledare",
      role: { role: "gruppledare", unit: "socialpsykiatri", district: "Farsta" },
    },
    {
      groupId: groups.alfa,
      name: "Jobbtorg Alfa arbetsspecialister",
      role: { role: "arbetsspecialist", unit: "alfa" },
    },
    { groupId: groups.admins, name: "Insatsguiden administratörer", role: { role: "admin" } },
  ],
});

const standIn = new GraphDirectoryStandIn("dir-token");
let baseUrl = "";
let now = 1_000_000;
let waits: number[] = [];

function directory(options: Partial<ConstructorParameters<typeof EntraDirectory>[0]> = {}) {
  return new EntraDirectory({
    tokens: { token: async () => "dir-token" },
    mapping,
    baseUrl,
    ttlMs: 60_000,
    staleMs: 600_000,
    now: () => now,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
}

beforeAll(async () => {
  baseUrl = await standIn.start();
});
afterAll(() => standIn.close());
beforeEach(() => {
  standIn.requests.length = 0;
  standIn.users.clear();
  standIn.groups.clear();
  standIn.down = false;
  standIn.pageSize = 2;
  now = 1_000_000;
  waits = [];
  standIn.addUser("u-anna", "Anna Handläggare", "anna@stockholm.se");
  standIn.addUser("u-karin", "Karin Enhetschef", "karin@stockholm.se");
  standIn.addUser("u-sara", "Sara Arbetsspecialist");
  standIn.addUser("u-new", "Nyanställd Handläggare");
  standIn.addMembers(groups.farstaSocialpsykiatri, "u-anna", groups.farstaTeamB);
  standIn.addMembers(groups.farstaLeaders, "u-karin");
  standIn.addMembers(groups.alfa, "u-sara");
  standIn.addMembers(groups.farstaTeamB);
  standIn.addMembers(groups.unmapped, "u-anna", "u-karin");
  standIn.addMembers(groups.unmapped2, "u-anna");
  standIn.addMembers(groups.admins);
});

describe("the Entra ID directory", () => {
  it("gives a user added to a nested mapped group the group's role, with no file edit", async () => {
    const dir = directory();
    expect(await dir.findUser("u-new")).toBeUndefined();
    standIn.addMembers(groups.farstaTeamB, "u-new");
    now += 60_000;
    expect(await dir.findUser("u-new")).toEqual({
      id: "u-new",
      displayName: "Nyanställd Handläggare",
      roles: [{ role: "handlaggare", district: "Farsta", unit: "socialpsykiatri" }],
    });
  });

  it("asks for named properties only and follows every page of the memberships", async () => {
    const anna = await directory().findUser("u-anna");
    expect(anna).toEqual({
      id: "u-anna",
      displayName: "Anna Handläggare",
      email: "anna@stockholm.se",
      roles: [{ role: "handlaggare", district: "Farsta", unit: "socialpsykiatri" }],
    });
    const [user, ...pages] = standIn.requests;
    expect(user).toEqual({ path: "/v1.0/users/u-anna", query: { $select: "id,displayName,mail" } });
    // Anna is in three groups; pages of two: the adapter follows the nextLink once.
    expect(pages).toHaveLength(2);
    expect(pages[0]!.path).toBe("/v1.0/users/u-anna/transitiveMemberOf/microsoft.graph.group");
    expect(pages[0]!.query).toEqual({ $select: "id", $top: "999", $count: "true" });
    expect(pages[1]!.query.$skiptoken).toBeTruthy();
  });

  it("gives every role of every mapped group, and none for unmapped groups", async () => {
    standIn.addMembers(groups.admins, "u-karin");
    const karin = await directory().findUser("u-karin");
    expect(karin?.roles).toEqual([
      { role: "gruppledare", unit: "socialpsykiatri", district: "Farsta" },
      { role: "admin" },
    ]);
  });

  it("knows nobody outside the mapped groups or outside the tenant", async () => {
    standIn.addUser("u-other", "Annan Person");
    standIn.addMembers(groups.unmapped, "u-other");
    const dir = directory();
    expect(await dir.findUser("u-other")).toBeUndefined();
    expect(await dir.findUser("u-missing")).toBeUndefined();
  });

  it("asks Graph at most once per user per TTL, also for simultaneous turns", async () => {
    const dir = directory();
    await Promise.all([dir.findUser("u-anna"), dir.findUser("u-anna"), dir.findUser("u-anna")]);
    const perRound = standIn.requests.length;
    expect(perRound).toBe(3);
    now += 59_999;
    await dir.findUser("u-anna");
    expect(standIn.requests).toHaveLength(perRound);
    standIn.removeMember(groups.farstaSocialpsykiatri, "u-anna");
    now += 1;
    expect(await dir.findUser("u-anna")).toBeUndefined();
    expect(standIn.requests).toHaveLength(perRound * 2 - 1);
  });

  it("keeps a bounded number of users (least recently used go first)", async () => {
    const dir = directory({ maxUsers: 2 });
    await dir.findUser("u-anna");
    await dir.findUser("u-karin");
    await dir.findUser("u-anna");
    await dir.findUser("u-sara");
    standIn.requests.length = 0;
    await dir.findUser("u-anna");
    await dir.findUser("u-sara");
    expect(standIn.requests).toHaveLength(0);
    await dir.findUser("u-karin");
    expect(standIn.requests.length).toBeGreaterThan(0);
  });

  it("waits out a 429's Retry-After and then answers", async () => {
    standIn.fail({ status: 429, retryAfter: "3" });
    const anna = await directory().findUser("u-anna");
    expect(anna?.roles[0]?.role).toBe("handlaggare");
    expect(waits).toEqual([3000]);
  });

  it("during an outage answers from the last known roles for a bounded time, then refuses", async () => {
    const stale: unknown[] = [];
    const dir = directory({ onStale: (error) => stale.push(error) });
    const before = await dir.findUser("u-anna");
    standIn.down = true;
    now += 60_000;
    expect(await dir.findUser("u-anna")).toEqual(before);
    expect(stale).toHaveLength(1);
    // Within the retry pause the next turn does not wait on Graph again.
    const asked = standIn.requests.length;
    await dir.findUser("u-anna");
    expect(standIn.requests).toHaveLength(asked);
    now += 600_000;
    const refusal = await dir.findUser("u-anna").catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe("DIRECTORY.UNAVAILABLE");
    // Never a guess for someone it has not seen.
    await expect(dir.findUser("u-karin")).rejects.toMatchObject({ code: "DIRECTORY.UNAVAILABLE" });
  });

  it("lists everyone in the mapped groups with their roles (pickers, directory check)", async () => {
    standIn.addMembers(groups.farstaTeamB, "u-new");
    const users = await directory().listUsers();
    expect(users.map((u) => [u.id, u.roles.map((r) => r.role)])).toEqual([
      ["u-anna", ["handlaggare"]],
      ["u-new", ["handlaggare"]],
      ["u-karin", ["gruppledare"]],
      ["u-sara", ["arbetsspecialist"]],
    ]);
    const member = standIn.requests.find((r) => r.path.endsWith("/transitiveMembers/microsoft.graph.user"));
    expect(member?.query).toEqual({ $select: "id,displayName,mail", $top: "999", $count: "true" });
  });
});

describe("the group mapping", () => {
  it("names the bad entry and what is wrong with it", () => {
    const bad = {
      groups: [
        { groupId: groups.alfa, name: "Alfa", role: { role: "arbetsspecialist", unit: "alfa" } },
        {
          groupId: groups.farstaLeaders,
          name: "Farsta ledare",
          role: { role: "gruppledare", unit: "farsta" },
        },
      ],
    };
    expect(() => parseGroupMapping(bad)).toThrow(/groups\.1\.role\.unit \(Farsta ledare\)/);
  });

  it("refuses a group mapped twice and an id that is not a GUID", () => {
    const twice = {
      groups: [
        { groupId: groups.alfa, name: "A", role: { role: "admin" } },
        { groupId: groups.alfa.toUpperCase(), name: "B", role: { role: "admin" } },
      ],
    };
    expect(() => parseGroupMapping(twice)).toThrow(/groups\.1\.groupId \(B\): samma grupp som groups\[0\]/);
    expect(() =>
      parseGroupMapping({ groups: [{ groupId: "alfa", name: "A", role: { role: "admin" } }] }),
    ).toThrow(GroupMappingError);
  });

  it("stops startup on a bad mapping file, and needs the Graph credentials", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mapping-"));
    const file = path.join(dir, "groups.json");
    fs.writeFileSync(
      file,
      JSON.stringify({ groups: [{ groupId: groups.alfa, name: "Alfa", role: { role: "chef" } }] }),
    );
    const env = {
      DATA_DIR: dir,
      DIRECTORY_GROUP_MAPPING: file,
      GRAPH_TENANT_ID: "t",
      GRAPH_CLIENT_ID: "c",
      GRAPH_CLIENT_SECRET: "s",
    };
    expect(() => directoryFor(loadConfig(env), { warn: () => undefined })).toThrow(
      /groups\.0\.role.*\(Alfa\)/,
    );
    expect(() => loadConfig({ DATA_DIR: dir, DIRECTORY_GROUP_MAPPING: file })).toThrow(
      /DIRECTORY_GROUP_MAPPING/,
    );
    fs.writeFileSync(
      file,
      JSON.stringify({ groups: [{ groupId: groups.alfa, name: "Alfa", role: { role: "admin" } }] }),
    );
    expect(loadGroupMapping(file).groups).toHaveLength(1);
    expect(directoryFor(loadConfig(env), { warn: () => undefined })).toBeInstanceOf(EntraDirectory);
    expect(directoryFor(loadConfig({ DATA_DIR: dir }), { warn: () => undefined })).toBeInstanceOf(
      LocalFileDirectory,
    );
  });
});

describe("the Entra ID member list", () => {
  it("waits only for the first list; an expired one answers at once and refreshes behind", async () => {
    const dir = directory();
    expect((await dir.listUsers()).map((u) => u.id)).not.toContain("u-new");
    standIn.addMembers(groups.farstaTeamB, "u-new");
    now += 60_000;
    // Still the old list, at once; the fresh one arrives in the background.
    expect((await dir.listUsers()).map((u) => u.id)).not.toContain("u-new");
    await vi.waitFor(async () => expect((await dir.listUsers()).map((u) => u.id)).toContain("u-new"));
  });

  it("past the stale bound during an outage, the list is refused rather than guessed", async () => {
    const dir = directory();
    await dir.listUsers();
    standIn.down = true;
    now += 60_000 + 600_000;
    await expect(dir.listUsers()).rejects.toMatchObject({ code: "DIRECTORY.UNAVAILABLE" });
  });
});
