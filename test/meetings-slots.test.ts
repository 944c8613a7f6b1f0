import { describe, expect, it } from "vitest";
import {
  defaultWindow,
  freeSlots,
  mergeBusy,
  parseWorkingHours,
  withinWorkingHours,
  type Interval,
  type SlotQuery,
} from "../src/meetings/slots.js";

const at = (iso: string) => new Date(iso);
const span = (start: string, end: string): Interval => ({ start: at(start), end: at(end) });
const starts = (slots: Interval[]) => slots.map((s) => s.start.toISOString());

function slots(query: Partial<SlotQuery> & Pick<SlotQuery, "window">): Interval[] {
  return freeSlots({ durationMinutes: 60, busy: [], stepMinutes: 60, ...query });
}

describe("free slot computation", () => {
  it.each([
    {
      name: "a plain working day: 08:00–17:00 Stockholm (CET, UTC+1) in hourly steps",
      window: { from: "2026-01-13", to: "2026-01-13" },
      first: "2026-01-13T07:00:00.000Z",
      last: "2026-01-13T15:00:00.000Z",
      count: 9,
    },
    {
      name: "a weekend has no slots",
      window: { from: "2026-01-17", to: "2026-01-18" },
      count: 0,
    },
    {
      name: "långfredagen and annandag påsk are skipped; skärtorsdagen is a working day",
      window: { from: "2026-04-02", to: "2026-04-06" },
      first: "2026-04-02T06:00:00.000Z",
      last: "2026-04-02T14:00:00.000Z",
      count: 9,
    },
    {
      name: "julafton to annandag jul and nyårsafton are skipped",
      window: { from: "2026-12-24", to: "2026-12-31" },
      // 28–30 December only
      first: "2026-12-28T07:00:00.000Z",
      last: "2026-12-30T15:00:00.000Z",
      count: 27,
    },
    {
      name: "midsommarafton is skipped",
      window: { from: "2026-06-19", to: "2026-06-19" },
      count: 0,
    },
  ])("$name", ({ window, first, last, count }) => {
    const found = slots({ window });
    expect(found).toHaveLength(count);
    if (first) expect(found[0]!.start.toISOString()).toBe(first);
    if (last) expect(found.at(-1)!.start.toISOString()).toBe(last);
  });

  it("keeps wall-clock working hours across the spring DST change (CET → CEST)", () => {
    const found = slots({ window: { from: "2026-03-27", to: "2026-03-30" } });
    const firsts = found.filter((s) => s.start.toISOString().endsWith(":00:00.000Z")).map((s) => s.start);
    expect(starts(found).filter((s) => s.startsWith("2026-03-27"))[0]).toBe("2026-03-27T07:00:00.000Z");
    expect(starts(found).filter((s) => s.startsWith("2026-03-30"))[0]).toBe("2026-03-30T06:00:00.000Z");
    expect(
      starts(found)
        .filter((s) => s.startsWith("2026-03-30"))
        .at(-1),
    ).toBe("2026-03-30T14:00:00.000Z");
    expect(firsts).toHaveLength(18);
  });

  it("keeps wall-clock working hours across the autumn DST change (CEST → CET)", () => {
    const found = starts(slots({ window: { from: "2026-10-23", to: "2026-10-26" } }));
    expect(found[0]).toBe("2026-10-23T06:00:00.000Z");
    expect(found.filter((s) => s.startsWith("2026-10-26"))[0]).toBe("2026-10-26T07:00:00.000Z");
    expect(found.at(-1)).toBe("2026-10-26T15:00:00.000Z");
  });

  it("avoids overlapping busy periods of several calendars", () => {
    const found = starts(
      slots({
        window: { from: "2026-01-13", to: "2026-01-13" },
        stepMinutes: 30,
        busy: [
          span("2026-01-13T07:00:00Z", "2026-01-13T08:15:00Z"), // 08:00–09:15
          span("2026-01-13T08:00:00Z", "2026-01-13T09:00:00Z"), // 09:00–10:00, overlaps
          span("2026-01-13T10:30:00Z", "2026-01-13T15:30:00Z"), // 11:30–16:30
          span("2026-01-13T10:00:00Z", "2026-01-13T10:00:00Z"), // empty, ignored
        ],
      }),
    );
    // 10:00–11:00 and 10:30–11:30 (touching the busy start) fit; 16:30 cannot hold an hour.
    expect(found).toEqual(["2026-01-13T09:00:00.000Z", "2026-01-13T09:30:00.000Z"]);
  });

  it("a busy period reaching into the day from the night before blocks the morning", () => {
    const found = starts(
      slots({
        window: { from: "2026-01-13", to: "2026-01-13" },
        busy: [span("2026-01-12T20:00:00Z", "2026-01-13T09:00:00Z")],
      }),
    );
    expect(found[0]).toBe("2026-01-13T09:00:00.000Z"); // 10:00 Stockholm
  });

  it("honours the window's edges, now, the duration and the limit", () => {
    const window = { from: "2026-01-13", to: "2026-01-14" };
    expect(starts(slots({ window })).at(-1)).toBe("2026-01-14T15:00:00.000Z");
    // A 90-minute meeting must end by 17:00: the last start is 15:30.
    expect(
      starts(
        slots({ window: { from: "2026-01-13", to: "2026-01-13" }, durationMinutes: 90, stepMinutes: 30 }),
      ).at(-1),
    ).toBe("2026-01-13T14:30:00.000Z");
    const afterNow = starts(slots({ window, notBefore: at("2026-01-13T13:10:00Z") }));
    expect(afterNow[0]).toBe("2026-01-13T14:00:00.000Z");
    expect(slots({ window, limit: 3 })).toHaveLength(3);
    expect(slots({ window: { from: "2026-01-14", to: "2026-01-13" } })).toEqual([]);
  });

  it("uses configured working hours", () => {
    const found = starts(
      slots({
        window: { from: "2026-01-13", to: "2026-01-13" },
        workingHours: parseWorkingHours("09:30-12:00")!,
        stepMinutes: 30,
      }),
    );
    // 09:30, 10:00, 10:30 and 11:00 Stockholm: the last hour ends at 12:00.
    expect(found).toEqual([
      "2026-01-13T08:30:00.000Z",
      "2026-01-13T09:00:00.000Z",
      "2026-01-13T09:30:00.000Z",
      "2026-01-13T10:00:00.000Z",
    ]);
  });

  it("parses WORKING_HOURS and refuses nonsense", () => {
    expect(parseWorkingHours("08:00-17:00")).toEqual({ start: "08:00", end: "17:00" });
    expect(parseWorkingHours(" 07:30 – 16:00 ")).toEqual({ start: "07:30", end: "16:00" });
    expect(parseWorkingHours("17:00-08:00")).toBeUndefined();
    expect(parseWorkingHours("25:00-26:00")).toBeUndefined();
    expect(parseWorkingHours("åtta till fem")).toBeUndefined();
  });

  it("merges busy periods", () => {
    expect(
      mergeBusy([
        span("2026-01-13T10:00:00Z", "2026-01-13T11:00:00Z"),
        span("2026-01-13T09:00:00Z", "2026-01-13T10:00:00Z"),
      ]),
    ).toEqual([span("2026-01-13T09:00:00Z", "2026-01-13T11:00:00Z")]);
  });

  it("the default window runs from today through ten working days", () => {
    expect(defaultWindow(at("2026-04-01T10:00:00Z"))).toEqual({ from: "2026-04-01", to: "2026-04-17" });
  });

  it("checks a proposed time against working hours", () => {
    expect(withinWorkingHours(span("2026-01-13T07:00:00Z", "2026-01-13T08:00:00Z"))).toBe(true);
    expect(withinWorkingHours(span("2026-01-13T06:30:00Z", "2026-01-13T07:30:00Z"))).toBe(false);
    expect(withinWorkingHours(span("2026-01-13T15:30:00Z", "2026-01-13T16:30:00Z"))).toBe(false);
    expect(withinWorkingHours(span("2026-04-03T08:00:00Z", "2026-04-03T09:00:00Z"))).toBe(false);
  });
});
