import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import demoDirectory from "../src/directory/demo-directory.json" with { type: "json" };
import { playgroundConfigFileName, withCurrentUser } from "../src/playground.js";

const repoConfig = fs.readFileSync(path.join(import.meta.dirname, "..", playgroundConfigFileName), "utf8");
const demoIds = new Set(demoDirectory.users.map((user) => user.id));

/** The `key: value` pairs of the top-level `currentUser:` block (flat, as the file writes them). */
function currentUserOf(configText: string): Record<string, string> {
  const block = configText.split("currentUser:\n")[1]!.split(/\n(?=\S)/)[0]!;
  return Object.fromEntries(
    block
      .split("\n")
      .map((line) => /^\s+(\w+):\s*(.+)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!.replace(/^"(.*)"$/, "$1")]),
  );
}

describe("the Agents Playground configuration", () => {
  it("makes the demo caseworker Anna the local user", () => {
    const current = currentUserOf(repoConfig);
    expect(current.aadObjectId).toBe("00000000-0000-0000-0000-0000000000a1");
    expect(current.name).toBe("Anna Handläggare");
  });

  it("gives every other team member an id from the demo directory", () => {
    const others = [...repoConfig.matchAll(/^ {4}aadObjectId: (\S+)$/gm)].map((match) => match[1]);
    expect(others).toHaveLength(5);
    for (const id of others) expect(demoIds.has(id!)).toBe(true);
  });

  it.each([
    ["00000000-0000-0000-0000-0000000000b1", "Sara Arbetsspecialist", "Sara", "Arbetsspecialist"],
    ["00000000-0000-0000-0000-0000000000c1", "Eva Gruppledare", "Eva", "Gruppledare"],
    ["00000000-0000-0000-0000-0000000000d1", "Admin Insatsguiden", "Admin", "Insatsguiden"],
  ])("switches the current user to %s (%s)", (id, displayName, givenName, surname) => {
    const switched = withCurrentUser(repoConfig, { id, displayName, email: "x@example.org" });
    expect(currentUserOf(switched)).toEqual({
      id: "playground-user",
      name: displayName,
      userPrincipleName: "x@example.org",
      aadObjectId: id,
      givenName,
      surname,
      email: "x@example.org",
    });
    // Nothing outside the currentUser block changes.
    const outside = (text: string) => text.replace(/currentUser:\n(?:\s+.*\n)+/, "");
    expect(outside(switched)).toBe(outside(repoConfig));
  });

  it("refuses a file without a currentUser block", () => {
    expect(() => withCurrentUser("version: 0.1.1\n", { id: "x", displayName: "X" })).toThrow(/currentUser/);
  });
});
