/**
 * The follow-up's day arithmetic in SQL (src/tab/service.ts) reads Stockholm's date of an instant
 * from the summer-time periods it is given: those must give the same date as the time-zone
 * database, every hour of the years a follow-up can cover.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stockholmDate } from "../src/deadlines/index.js";
import { medianOf, stockholmSummerTimes } from "../src/tab/service.js";

describe("Stockholm's summer time for the follow-up's SQL", () => {
  it("gives the same date as the time-zone database for any instant from 2000 to 2040", () => {
    const summers = stockholmSummerTimes(2000, 2040);
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 11, 31) }), (ms) => {
        const offset = summers.some(([start, end]) => ms >= start && ms < end) ? 7_200_000 : 3_600_000;
        const day = Math.floor((ms + offset) / 86_400_000);
        expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(stockholmDate(new Date(ms)));
      }),
      { numRuns: 2000 },
    );
  });

  it("holds at the hours the clocks change", () => {
    for (const [start, end] of stockholmSummerTimes(2024, 2027)) {
      for (const ms of [start - 1, start, end - 1, end]) {
        const inSummer = ms >= start && ms < end;
        const day = Math.floor((ms + (inSummer ? 7_200_000 : 3_600_000)) / 86_400_000);
        expect(new Date(day * 86_400_000).toISOString().slice(0, 10)).toBe(stockholmDate(new Date(ms)));
      }
    }
  });
});

describe("the median of day counts given as a histogram", () => {
  it("equals the median of the counts written out, and hides it under five", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 6 }))),
        (pairs) => {
          const values = pairs.flatMap(([days, n]) => new Array<number>(n).fill(days)).sort((a, b) => a - b);
          const { median } = medianOf(pairs);
          if (values.length < 5) {
            expect(median).toBeNull();
            return;
          }
          const middle = Math.floor(values.length / 2);
          const expected = values.length % 2 ? values[middle]! : (values[middle - 1]! + values[middle]!) / 2;
          expect(median).toBe(expected);
        },
      ),
    );
  });
});
