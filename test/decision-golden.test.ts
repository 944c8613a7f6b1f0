/**
 * Golden decision texts: every insats × outcome × act (before and from 1 July 2025) × with and
 * without ändringsförbehåll, produced through the CLI and compared with test/golden/decisions/.
 * A change to a decision text is a reviewed diff of those files. After an intended change, update
 * them with `npx vitest run test/decision-golden.test.ts -u` and read the diff as a caseworker would.
 */
import { describe, expect, it } from "vitest";
import { cli } from "./support/cli.js";

interface Variant {
  name: string;
  args: string[];
}

const acts = [
  { label: "sol2001", decided: "2025-03-10" },
  { label: "sol2025", decided: "2026-11-28" },
] as const;

/** The period arguments a grant needs: A and D state an end; Insteg and Iwork compute theirs. */
function periodArgs(insats: string, decided: string): string[] {
  if (insats === "sis-socialpsykiatri" || insats === "uvas-kvinnor-sis") {
    const year = Number(decided.slice(0, 4)) + 1;
    return ["--to", `${year}${decided.slice(4, 8)}${String(Number(decided.slice(8)) - 1).padStart(2, "0")}`];
  }
  return [];
}

function variants(): Variant[] {
  const list: Variant[] = [];
  for (const { label, decided } of acts) {
    for (const insats of ["sis-socialpsykiatri", "lss-insteg", "lss-sis", "uvas-kvinnor-sis"]) {
      const base = ["--insats", insats, "--decided", decided, "--district", "Farsta"];
      for (const amend of [false, true]) {
        list.push({
          name: `${insats}-bifall${amend ? "-andringsforbehall" : ""}-${label}`,
          args: [
            ...base,
            "--outcome",
            "bifall",
            ...periodArgs(insats, decided),
            ...(amend ? ["--andringsforbehall"] : []),
          ],
        });
      }
      list.push({ name: `${insats}-avslag-${label}`, args: [...base, "--outcome", "avslag"] });
    }
    const c = ["--insats", "sysselsattning", "--decided", decided, "--district", "Bromma"];
    for (const amend of [false, true]) {
      const flag = amend ? ["--andringsforbehall"] : [];
      const suffix = `${amend ? "-andringsforbehall" : ""}-${label}`;
      list.push(
        {
          name: `sysselsattning-bifall${suffix}`,
          args: [...c, "--outcome", "bifall", "--interval", "22-40", ...flag],
        },
        {
          name: `sysselsattning-delavslag${suffix}`,
          args: [
            ...c,
            "--outcome",
            "delavslag",
            "--interval",
            "10-24",
            "--applied-interval",
            "22-40",
            ...flag,
          ],
        },
      );
    }
    list.push({
      name: `sysselsattning-avslag-${label}`,
      args: [...c, "--outcome", "avslag", "--applied-interval", "10-24"],
    });
  }
  list.push({
    name: "lss-sis-bifall-sarskilda-skal-sol2025",
    args: [
      "--insats",
      "lss-sis",
      "--decided",
      "2026-11-28",
      "--outcome",
      "bifall",
      "--to",
      "2029-05-27",
      "--district",
      "Farsta",
    ],
  });
  return list;
}

describe("golden decision texts (test/golden/decisions)", () => {
  it.each(variants().map((v) => [v.name, v] as const))("%s", async (name, variant) => {
    const result = await cli(["decision", "text", ...variant.args]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    await expect(result.stdout).toMatchFileSnapshot(`./golden/decisions/${name}.txt`);
  });

  it("covers every insats, outcome, act and ändringsförbehåll choice", () => {
    const names = variants().map((v) => v.name);
    expect(names).toHaveLength(new Set(names).size);
    expect(names.filter((n) => n.endsWith("sol2001"))).toHaveLength(17);
    expect(names.filter((n) => n.endsWith("sol2025"))).toHaveLength(18);
  });
});
