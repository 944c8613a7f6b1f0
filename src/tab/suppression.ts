/**
 * Small-number suppression for compiled statistics (Uppföljning): a count under five could single
 * out a client, so it is never shown (primary suppression). That alone is not enough where sums
 * are shown too — a row total minus the row's other cells gives the hidden one back — so more cells
 * are hidden until no hidden count can be computed from what is shown (complementary suppression).
 *
 * Every hidden cell is shown with the same mark: a different mark for "under five" and for "hidden
 * to protect another" would tell a reader which cells are small and narrow them down again.
 */
export const hiddenMark = "x";
export type Shown = number | typeof hiddenMark;

/** Counts from 1 to this minus one are hidden. */
export const suppressBelow = 5;

export interface Cell {
  id: string;
  value: number;
  /**
   * False for a sum that is never shown but follows from shown cells (a column total of a table
   * whose totals row is not printed): it takes part in the arithmetic, is never hidden, and never
   * needs protecting.
   */
  shown: boolean;
}

/** `total` equals the sum of `parts` (cell ids). */
export interface SumRelation {
  total: string;
  parts: readonly string[];
}

/**
 * The cells to hide so that no hidden count follows from the shown ones through the sums, by
 * linear algebra: a hidden cell is protected when the shown values leave it free to vary.
 * Greedy: while some hidden cell is determined, hide a shown count in a sum it takes part in
 * that leaves it free (parts before totals, the smallest first); every round hides one more
 * cell, so it ends.
 */
export function suppressCells(cells: readonly Cell[], relations: readonly SumRelation[]): Set<string> {
  const byId = new Map(cells.map((cell) => [cell.id, cell]));
  for (const relation of relations) {
    for (const id of [relation.total, ...relation.parts]) {
      if (!byId.has(id)) throw new Error(`suppressCells: okänd cell ${id}`);
    }
  }
  const hidden = new Set(
    cells.filter((cell) => cell.shown && cell.value > 0 && cell.value < suppressBelow).map((c) => c.id),
  );
  const totals = new Set(relations.map((r) => r.total));
  const frees = (target: string, id: string) =>
    !determinedCells(cells, relations, new Set([...hidden, id])).includes(target);
  for (;;) {
    const determined = determinedCells(cells, relations, hidden);
    if (determined.length === 0) return hidden;
    const near = determined.map((target) => ({
      target,
      candidates: complementsFor(target, relations, byId, hidden, totals),
    }));
    // The smallest count beside a determined cell that frees it; else the smallest beside one (more
    // rounds follow); else, when the determined cells' own sums are all hidden already, the
    // smallest shown count anywhere that frees one.
    const choice =
      near.flatMap(({ target, candidates }) => candidates.find((id) => frees(target, id)) ?? [])[0] ??
      near.find(({ candidates }) => candidates.length > 0)?.candidates[0] ??
      anywhere(cells, byId, hidden, totals).find((id) => frees(determined[0]!, id)) ??
      anywhere(cells, byId, hidden, totals)[0];
    if (choice === undefined) throw new Error(`suppressCells: kan inte skydda ${determined[0]}`);
    hidden.add(choice);
  }
}

function anywhere(
  cells: readonly Cell[],
  byId: Map<string, Cell>,
  hidden: Set<string>,
  totals: Set<string>,
): string[] {
  return ranked(
    cells.filter((cell) => cell.shown && !hidden.has(cell.id)).map((cell) => cell.id),
    byId,
    totals,
  );
}

/** Shown counts in the sums `id` takes part in, best complement first. */
function complementsFor(
  id: string,
  relations: readonly SumRelation[],
  byId: Map<string, Cell>,
  hidden: Set<string>,
  totals: Set<string>,
): string[] {
  const candidates = new Set<string>();
  for (const relation of relations) {
    const members = [relation.total, ...relation.parts];
    if (!members.includes(id)) continue;
    for (const member of members) {
      const cell = byId.get(member)!;
      if (cell.shown && !hidden.has(member)) candidates.add(member);
    }
  }
  return ranked([...candidates], byId, totals);
}

/**
 * Parts before totals (a district's total, equal access, is worth more than one of its cells),
 * then the smallest (the least information lost), a zero only when nothing else is left, then by
 * id so the choice is the same every time.
 */
function ranked(ids: string[], byId: Map<string, Cell>, totals: Set<string>): string[] {
  const rank = (cell: Cell) => [cell.value === 0 ? 1 : 0, totals.has(cell.id) ? 1 : 0, cell.value] as const;
  return ids
    .map((id) => byId.get(id)!)
    .sort((a, b) => {
      const [x, y] = [rank(a), rank(b)];
      return x[0] - y[0] || x[1] - y[1] || x[2] - y[2] || a.id.localeCompare(b.id);
    })
    .map((cell) => cell.id);
}

/**
 * The hidden cells whose value follows from the shown ones: the unknowns are the hidden and the
 * never-shown cells, each sum is an equation, and a hidden cell is determined when its pivot row
 * in reduced row echelon form has no free unknown.
 */
export function determinedCells(
  cells: readonly Cell[],
  relations: readonly SumRelation[],
  hidden: ReadonlySet<string>,
): string[] {
  const unknown = cells.filter((cell) => !cell.shown || hidden.has(cell.id)).map((cell) => cell.id);
  const column = new Map(unknown.map((id, index) => [id, index]));
  const rows: number[][] = [];
  for (const relation of relations) {
    const row = new Array<number>(unknown.length).fill(0);
    const add = (id: string, sign: number) => {
      const index = column.get(id);
      if (index !== undefined) row[index]! += sign;
    };
    add(relation.total, 1);
    for (const part of relation.parts) add(part, -1);
    if (row.some((x) => x !== 0)) rows.push(row);
  }
  const pivots = reduce(rows, unknown.length);
  const determined: string[] = [];
  for (const [pivotColumn, rowIndex] of pivots) {
    const id = unknown[pivotColumn]!;
    if (!hidden.has(id)) continue;
    const row = rows[rowIndex]!;
    if (row.every((x, c) => c === pivotColumn || Math.abs(x) < 1e-9)) determined.push(id);
  }
  return determined;
}

/** Gauss–Jordan elimination in place; returns pivot column → row. */
function reduce(rows: number[][], width: number): Map<number, number> {
  const pivots = new Map<number, number>();
  let next = 0;
  for (let c = 0; c < width && next < rows.length; c += 1) {
    let best = -1;
    for (let r = next; r < rows.length; r += 1) {
      if (Math.abs(rows[r]![c]!) > 1e-9 && (best < 0 || Math.abs(rows[r]![c]!) > Math.abs(rows[best]![c]!))) {
        best = r;
      }
    }
    if (best < 0) continue;
    [rows[next], rows[best]] = [rows[best]!, rows[next]!];
    const pivotRow = rows[next]!;
    const factor = pivotRow[c]!;
    for (let k = 0; k < width; k += 1) pivotRow[k] = pivotRow[k]! / factor;
    for (let r = 0; r < rows.length; r += 1) {
      if (r === next) continue;
      const x = rows[r]![c]!;
      if (Math.abs(x) < 1e-12) continue;
      for (let k = 0; k < width; k += 1) rows[r]![k] = rows[r]![k]! - x * pivotRow[k]!;
    }
    pivots.set(c, next);
    next += 1;
  }
  return pivots;
}

/** Decisions and grants of a period, counted per insats, district and gender. */
export interface DecisionCount {
  insats: string;
  district: string;
  gender: string;
  decisions: number;
  granted: number;
}

export interface GenderCell {
  group: string;
  gender: string;
  decisions: Shown;
  granted: Shown;
}

export interface DecisionTables {
  /** Per insats and gender; a row for every gender with decisions, or with a hidden cell. */
  byInsats: GenderCell[];
  /** Per district and gender. */
  byDistrictGender: GenderCell[];
  /** Per district: the sums of byDistrictGender's rows. */
  perDistrict: { district: string; decisions: Shown; granted: Shown }[];
}

/**
 * Uppföljning's three decision tables, with every count that could single out a client hidden —
 * also through the sums that tie them together: a district's total is the sum of its genders,
 * and a gender's count over all insatser equals its count over all districts (not printed, but
 * it follows from either table). Decisions and grants are protected each on their own.
 */
export function protectDecisionTables(
  counts: readonly DecisionCount[],
  genders: readonly string[],
  compare: (a: string, b: string) => number = (a, b) => a.localeCompare(b, "sv"),
): DecisionTables {
  const insatser = [...new Set(counts.map((c) => c.insats))].sort(compare);
  const districts = [...new Set(counts.map((c) => c.district))].sort(compare);
  const present = genders.filter((g) => counts.some((c) => c.gender === g && c.decisions > 0));
  const sum = (measure: "decisions" | "granted", match: (c: DecisionCount) => boolean) =>
    counts.reduce((total, c) => (match(c) ? total + c[measure] : total), 0);
  const protect = (measure: "decisions" | "granted") => {
    const cells: Cell[] = [];
    const relations: SumRelation[] = [];
    for (const g of present) {
      cells.push({ id: `G|${g}`, value: sum(measure, (c) => c.gender === g), shown: false });
      for (const i of insatser) {
        cells.push({
          id: `A|${i}|${g}`,
          value: sum(measure, (c) => c.insats === i && c.gender === g),
          shown: true,
        });
      }
      relations.push({ total: `G|${g}`, parts: insatser.map((i) => `A|${i}|${g}`) });
      relations.push({ total: `G|${g}`, parts: districts.map((d) => `B|${d}|${g}`) });
    }
    for (const d of districts) {
      cells.push({ id: `D|${d}`, value: sum(measure, (c) => c.district === d), shown: true });
      for (const g of present) {
        cells.push({
          id: `B|${d}|${g}`,
          value: sum(measure, (c) => c.district === d && c.gender === g),
          shown: true,
        });
      }
      relations.push({ total: `D|${d}`, parts: present.map((g) => `B|${d}|${g}`) });
    }
    const hidden = suppressCells(cells, relations);
    const values = new Map(cells.map((cell) => [cell.id, cell.value]));
    return (id: string): { value: number; shown: Shown } => {
      const value = values.get(id)!;
      return { value, shown: hidden.has(id) ? hiddenMark : value };
    };
  };
  const decisions = protect("decisions");
  const granted = protect("granted");
  const table = (prefix: "A" | "B", groups: string[]) =>
    groups.flatMap((group) =>
      present.flatMap((gender) => {
        const id = `${prefix}|${group}|${gender}`;
        const [d, g] = [decisions(id), granted(id)];
        // A gender without decisions in the group has no row (it reads as none), unless hidden.
        if (d.value === 0 && d.shown !== hiddenMark && g.shown !== hiddenMark) return [];
        return [{ group, gender, decisions: d.shown, granted: g.shown }];
      }),
    );
  return {
    byInsats: table("A", insatser),
    byDistrictGender: table("B", districts),
    perDistrict: districts.map((district) => ({
      district,
      decisions: decisions(`D|${district}`).shown,
      granted: granted(`D|${district}`).shown,
    })),
  };
}
