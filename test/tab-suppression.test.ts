/**
 * Small-number suppression of Uppföljning (src/tab/suppression.ts): property tests in which an
 * attacker takes what is shown — the counts, the sums, and a missing row read as zero — and tries
 * to compute a hidden count back. The attacker here is its own arithmetic (the rank of the shown
 * sums over the underlying counts), not the code under test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  hiddenMark,
  protectDecisionTables,
  suppressBelow,
  suppressCells,
  type Cell,
  type DecisionCount,
  type Shown,
  type SumRelation,
} from "../src/tab/suppression.js";

/** Rank of integer vectors by elimination over exact fractions (numerator/denominator as bigint). */
function rank(vectors: number[][]): number {
  const rows = vectors.map((v) => v.map((x) => BigInt(x)));
  const width = rows[0]?.length ?? 0;
  let r = 0;
  for (let c = 0; c < width && r < rows.length; c += 1) {
    const pivot = rows.findIndex((row, i) => i >= r && row[c] !== 0n);
    if (pivot < 0) continue;
    [rows[r], rows[pivot]] = [rows[pivot]!, rows[r]!];
    for (let i = 0; i < rows.length; i += 1) {
      if (i === r || rows[i]![c] === 0n) continue;
      const [a, b] = [rows[r]![c]!, rows[i]![c]!];
      // row_i := a·row_i − b·row_r keeps integers (fraction-free).
      rows[i] = rows[i]!.map((x, k) => a * x - b * rows[r]![k]!);
    }
    r += 1;
  }
  return r;
}

/** True when `target` is a linear combination of `shown`: the attacker computes it back. */
function derivable(shown: number[][], target: number[]): boolean {
  return rank(shown) === rank([...shown, target]);
}

describe("complementary suppression of a table with row and column totals", () => {
  const table = fc
    .tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 2, max: 4 }))
    .chain(([rows, columns]) =>
      fc.array(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 30 })), {
          minLength: columns,
          maxLength: columns,
        }),
        { minLength: rows, maxLength: rows },
      ),
    );

  it("hides every count from 1 to 4, shows the rest as they are, and leaves no hidden one derivable", () => {
    fc.assert(
      fc.property(table, (values) => {
        const rows = values.length;
        const columns = values[0]!.length;
        const cells: Cell[] = [];
        const relations: SumRelation[] = [];
        // Each shown figure is a sum over the interior cells: its vector of 0/1 weights.
        const vectorOf = new Map<string, number[]>();
        const unit = (i: number, j: number): number[] =>
          Array.from({ length: rows * columns }, (_, k) => (k === i * columns + j ? 1 : 0));
        const add = (a: number[], b: number[]) => a.map((x, k) => x + b[k]!);
        for (let i = 0; i < rows; i += 1) {
          for (let j = 0; j < columns; j += 1) {
            cells.push({ id: `c${i}.${j}`, value: values[i]![j]!, shown: true });
            vectorOf.set(`c${i}.${j}`, unit(i, j));
          }
          cells.push({ id: `r${i}`, value: values[i]!.reduce((s, x) => s + x, 0), shown: true });
          vectorOf.set(`r${i}`, values[i]!.map((_, j) => unit(i, j)).reduce(add));
          relations.push({ total: `r${i}`, parts: values[i]!.map((_, j) => `c${i}.${j}`) });
        }
        for (let j = 0; j < columns; j += 1) {
          cells.push({ id: `k${j}`, value: values.reduce((s, row) => s + row[j]!, 0), shown: true });
          vectorOf.set(`k${j}`, values.map((_, i) => unit(i, j)).reduce(add));
          relations.push({ total: `k${j}`, parts: values.map((_, i) => `c${i}.${j}`) });
        }
        const grand = values.flat().reduce((s, x) => s + x, 0);
        cells.push({ id: "n", value: grand, shown: true });
        vectorOf.set("n", new Array<number>(rows * columns).fill(1));
        relations.push({ total: "n", parts: values.map((_, i) => `r${i}`) });
        relations.push({ total: "n", parts: values[0]!.map((_, j) => `k${j}`) });

        const hidden = suppressCells(cells, relations);
        for (const cell of cells) {
          if (cell.value > 0 && cell.value < suppressBelow) expect(hidden.has(cell.id)).toBe(true);
        }
        const shown = cells.filter((c) => !hidden.has(c.id)).map((c) => vectorOf.get(c.id)!);
        for (const id of hidden) expect(derivable(shown, vectorOf.get(id)!), id).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves every hidden count at least two possible values, counting none below zero (small tables, brute force)", () => {
    const small = fc
      .tuple(fc.integer({ min: 2, max: 3 }), fc.integer({ min: 2, max: 3 }))
      .chain(([rows, columns]) =>
        fc.array(fc.array(fc.integer({ min: 0, max: 9 }), { minLength: columns, maxLength: columns }), {
          minLength: rows,
          maxLength: rows,
        }),
      );
    fc.assert(
      fc.property(small, (values) => {
        const rows = values.length;
        const columns = values[0]!.length;
        const cells: Cell[] = values.flatMap((row, i) =>
          row.map((value, j) => ({ id: `c${i}.${j}`, value, shown: true })),
        );
        const rowTotal = (i: number) => values[i]!.reduce((s, x) => s + x, 0);
        const columnTotal = (j: number) => values.reduce((s, row) => s + row[j]!, 0);
        const relations: SumRelation[] = [];
        for (let i = 0; i < rows; i += 1) {
          cells.push({ id: `r${i}`, value: rowTotal(i), shown: true });
          relations.push({ total: `r${i}`, parts: values[i]!.map((_, j) => `c${i}.${j}`) });
        }
        for (let j = 0; j < columns; j += 1) {
          cells.push({ id: `k${j}`, value: columnTotal(j), shown: true });
          relations.push({ total: `k${j}`, parts: values.map((_, i) => `c${i}.${j}`) });
        }
        const hidden = suppressCells(cells, relations);
        // The attacker: every table of counts ≥ 0 that agrees with everything shown.
        const grand = values.flat().reduce((s, x) => s + x, 0);
        const unknown = cells.filter((c) => c.id.startsWith("c") && hidden.has(c.id)).map((c) => c.id);
        const possible = new Map(unknown.map((id) => [id, new Set<number>()]));
        const guess = values.map((row) => [...row]);
        const fits = () =>
          guess.every((row, i) => hidden.has(`r${i}`) || row.reduce((s, x) => s + x, 0) === rowTotal(i)) &&
          guess[0]!.every(
            (_, j) => hidden.has(`k${j}`) || guess.reduce((s, row) => s + row[j]!, 0) === columnTotal(j),
          );
        const walk = (k: number) => {
          if (k === unknown.length) {
            if (fits()) for (const id of unknown) possible.get(id)!.add(guessOf(id));
            return;
          }
          const [i, j] = unknown[k]!.slice(1).split(".").map(Number) as [number, number];
          // A count is at most its row's and its column's total, where those are shown.
          const most = Math.min(
            hidden.has(`r${i}`) ? grand : rowTotal(i),
            hidden.has(`k${j}`) ? grand : columnTotal(j),
          );
          for (let v = 0; v <= most; v += 1) {
            guess[i]![j] = v;
            walk(k + 1);
          }
        };
        const guessOf = (id: string) => {
          const [i, j] = id.slice(1).split(".").map(Number) as [number, number];
          return guess[i]![j]!;
        };
        if (unknown.length > 4) return; // 10^5 guesses and more: the rank test above covers these
        walk(0);
        for (const id of unknown) expect(possible.get(id)!.size, id).toBeGreaterThan(1);
      }),
      { numRuns: 100 },
    );
  });

  it("catches a table the first suppression alone leaves open", () => {
    // 3 and 20 with a row total of 23: the 3 is 23 − 20 unless something else is hidden too.
    const cells: Cell[] = [
      { id: "a", value: 3, shown: true },
      { id: "b", value: 20, shown: true },
      { id: "t", value: 23, shown: true },
    ];
    const relations = [{ total: "t", parts: ["a", "b"] }];
    const hidden = suppressCells(cells, relations);
    expect([...hidden].sort()).toEqual(["a", "b"]);
  });
});

describe("Uppföljning's decision tables (per insats, per district and gender, per district)", () => {
  const insatser = ["Alfa", "Iwork", "Sysselsättning"];
  const districts = ["Bromma", "Farsta", "Kista"];
  const genders = ["Kvinnor", "Män", "Annat"];
  const counts = fc
    .array(
      fc.record({
        insats: fc.constantFrom(...insatser),
        district: fc.constantFrom(...districts),
        gender: fc.constantFrom(...genders),
        decisions: fc.oneof(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 25 })),
        grantedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      }),
      { maxLength: 12 },
    )
    .map((rows) => {
      // One row per (insats, district, gender), as the query groups them.
      const merged = new Map<string, DecisionCount>();
      for (const row of rows) {
        const key = `${row.insats}|${row.district}|${row.gender}`;
        const seen = merged.get(key);
        const granted = Math.floor(row.decisions * row.grantedShare);
        merged.set(key, {
          insats: row.insats,
          district: row.district,
          gender: row.gender,
          decisions: (seen?.decisions ?? 0) + row.decisions,
          granted: (seen?.granted ?? 0) + granted,
        });
      }
      return [...merged.values()];
    });

  /** The unknowns: one count per insats × district × gender. */
  const index = (i: string, d: string, g: string) =>
    (insatser.indexOf(i) * districts.length + districts.indexOf(d)) * genders.length + genders.indexOf(g);
  const size = insatser.length * districts.length * genders.length;
  const weights = (match: (i: string, d: string, g: string) => boolean) => {
    const vector = new Array<number>(size).fill(0);
    for (const i of insatser)
      for (const d of districts) for (const g of genders) if (match(i, d, g)) vector[index(i, d, g)] = 1;
    return vector;
  };

  it("shows no count under five and leaves no hidden count derivable, in any table or across them", () => {
    fc.assert(
      fc.property(counts, (rows) => {
        const tables = protectDecisionTables(rows, genders);
        for (const measure of ["decisions", "granted"] as const) {
          const truth = (match: (c: DecisionCount) => boolean) =>
            rows.reduce((s, c) => (match(c) ? s + c[measure] : s), 0);
          const figures: { shown: Shown; value: number; vector: number[] }[] = [];
          const seen = new Set<string>();
          for (const [table, prefix] of [
            [tables.byInsats, "A"],
            [tables.byDistrictGender, "B"],
          ] as const) {
            for (const row of table) {
              seen.add(`${prefix}|${row.group}|${row.gender}`);
              const match =
                prefix === "A"
                  ? (i: string, _d: string, g: string) => i === row.group && g === row.gender
                  : (_i: string, d: string, g: string) => d === row.group && g === row.gender;
              figures.push({
                shown: row[measure],
                value: truth((c) => match(c.insats, c.district, c.gender)),
                vector: weights(match),
              });
            }
          }
          for (const row of tables.perDistrict) {
            figures.push({
              shown: row[measure],
              value: truth((c) => c.district === row.district),
              vector: weights((_i, d) => d === row.district),
            });
          }
          // A group or a gender without a row reads as zero: the attacker knows those too.
          for (const i of insatser)
            for (const g of genders)
              if (!seen.has(`A|${i}|${g}`))
                figures.push({ shown: 0, value: 0, vector: weights((x, _d, y) => x === i && y === g) });
          for (const d of districts) {
            if (!tables.perDistrict.some((r) => r.district === d))
              figures.push({ shown: 0, value: 0, vector: weights((_i, x) => x === d) });
            for (const g of genders)
              if (!seen.has(`B|${d}|${g}`))
                figures.push({ shown: 0, value: 0, vector: weights((_i, x, y) => x === d && y === g) });
          }
          for (const figure of figures) {
            if (figure.shown === hiddenMark) continue;
            expect(figure.shown).toBe(figure.value);
            expect(figure.value === 0 || figure.value >= suppressBelow).toBe(true);
          }
          const shown = figures.filter((f) => f.shown !== hiddenMark).map((f) => f.vector);
          for (const figure of figures.filter((f) => f.shown === hiddenMark)) {
            expect(derivable(shown, figure.vector)).toBe(false);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("hides a district's only small gender together with another, since the district total is shown", () => {
    const tables = protectDecisionTables(
      [
        { insats: "Alfa", district: "Farsta", gender: "Kvinnor", decisions: 3, granted: 0 },
        { insats: "Alfa", district: "Farsta", gender: "Män", decisions: 12, granted: 0 },
        { insats: "Alfa", district: "Kista", gender: "Kvinnor", decisions: 9, granted: 0 },
        { insats: "Alfa", district: "Kista", gender: "Män", decisions: 8, granted: 0 },
      ],
      genders,
    );
    // Without complementary suppression Farsta's women are 15 − 12 = 3.
    expect(tables.perDistrict.find((r) => r.district === "Farsta")?.decisions).toBe(15);
    const farsta = tables.byDistrictGender.filter((r) => r.group === "Farsta");
    expect(farsta.map((r) => r.decisions)).toEqual([hiddenMark, hiddenMark]);
  });
});
