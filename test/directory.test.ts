import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { belongsToJobbtorgUnit, leadsUnit } from "../src/directory/directory.js";
import { DirectoryFileError, LocalFileDirectory } from "../src/directory/local-file-directory.js";
import { errorCodes } from "../src/errors.js";
import { errorMessages } from "../bot/error-messages.js";
import { demoUsers } from "./support/fixtures.js";

function tempFile(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), "insatsguiden-dir-")), "directory.json");
}

describe("the local directory", () => {
  it("creates the demo directory on first start and resolves demo users", async () => {
    const file = tempFile();
    const directory = LocalFileDirectory.ensure(file);
    expect(fs.existsSync(file)).toBe(true);
    const anna = await directory.findUser(demoUsers.handlaggare.id);
    expect(anna?.roles).toEqual([{ role: "handlaggare", district: "Farsta", unit: "socialpsykiatri" }]);
    expect(await directory.findUser(demoUsers.unknown.id)).toBeUndefined();
  });

  it("picks up an edited file without a restart, within a second", async () => {
    const file = tempFile();
    let now = 1_000_000;
    const directory = LocalFileDirectory.ensure(file, { now: () => now });
    const content = JSON.parse(fs.readFileSync(file, "utf8")) as { users: unknown[] };
    content.users.push({ id: "new-user", displayName: "Ny Person", roles: [{ role: "admin" }] });
    fs.writeFileSync(file, JSON.stringify(content));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    now += 999;
    expect(await directory.findUser("new-user")).toBeUndefined();
    now += 1;
    expect((await directory.findUser("new-user"))?.displayName).toBe("Ny Person");
  });

  it("refuses an invalid file with the problem named", () => {
    const file = tempFile();
    fs.writeFileSync(
      file,
      JSON.stringify({ users: [{ id: "x", displayName: "X", roles: [{ role: "chef" }] }] }),
    );
    expect(() => LocalFileDirectory.ensure(file)).toThrow(DirectoryFileError);
  });

  it("answers role questions", async () => {
    const directory = LocalFileDirectory.ensure(tempFile());
    const eva = (await directory.findUser(demoUsers.gruppledareAlfa.id))!;
    const sara = (await directory.findUser(demoUsers.specialistAlfa.id))!;
    const karin = (await directory.findUser(demoUsers.gruppledareSocialpsykiatri.id))!;
    expect(leadsUnit(eva, "alfa")).toBe(true);
    expect(belongsToJobbtorgUnit(sara, "alfa")).toBe(true);
    expect(belongsToJobbtorgUnit(sara, "iwork")).toBe(false);
    expect(leadsUnit(karin, "socialpsykiatri", "Farsta")).toBe(true);
    expect(leadsUnit(karin, "socialpsykiatri", "Bromma")).toBe(false);
  });
});

describe("error codes", () => {
  it("are unique and each has a Swedish message", () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
    for (const code of errorCodes) expect(errorMessages[code]).toMatch(/\S/);
  });
});
