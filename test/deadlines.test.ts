import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  addWorkingDays,
  followUpDue,
  gpDueDate,
  gpRuleText,
  isWorkingDay,
  nextWorkingDay,
  nonWorkingDayName,
  stockholmDate,
  stockholmInstant,
  subtractWorkingDays,
  workingDaysBetween,
} from "../src/deadlines/index.js";

/** Easter Sunday per year, from the church calendar (not computed: the product uses date-holidays). */
const easterSunday: Record<number, string> = {
  2025: "2025-04-20",
  2026: "2026-04-05",
  2027: "2027-03-28",
  2028: "2028-04-16",
  2029: "2029-04-01",
  2030: "2030-04-21",
};

const day = (iso: string) => DateTime.fromISO(iso, { zone: "utc" });
const iso = (date: DateTime) => date.toFormat("yyyy-MM-dd");
/** The date in [from, to] (same month or across) that falls on `weekday` (1 = Monday … 7 = Sunday). */
function weekdayIn(year: number, from: string, weekday: number): string {
  let date = day(`${year}-${from}`);
  while (date.weekday !== weekday) date = date.plus({ days: 1 });
  return iso(date);
}

/** Lag (1989:253) 1 § and 2 §, plus the de-facto days off, for a year — from their definitions. */
function nonWorkingHolidays(year: number): Record<string, string> {
  const easter = day(easterSunday[year]!);
  const midsommardagen = weekdayIn(year, "06-20", 6); // the Saturday 20–26 June
  return {
    [`${year}-01-01`]: "nyårsdagen",
    [`${year}-01-06`]: "trettondedag jul",
    [iso(easter.minus({ days: 2 }))]: "långfredagen",
    [iso(easter)]: "påskdagen",
    [iso(easter.plus({ days: 1 }))]: "annandag påsk",
    [`${year}-05-01`]: "första maj",
    [iso(easter.plus({ days: 39 }))]: "Kristi himmelsfärdsdag",
    [iso(easter.plus({ days: 49 }))]: "pingstdagen",
    [`${year}-06-06`]: "nationaldagen",
    [iso(day(midsommardagen).minus({ days: 1 }))]: "midsommarafton",
    [midsommardagen]: "midsommardagen",
    [weekdayIn(year, "10-31", 6)]: "alla helgons dag", // the Saturday 31 Oct – 6 Nov
    [`${year}-12-24`]: "julafton",
    [`${year}-12-25`]: "juldagen",
    [`${year}-12-26`]: "annandag jul",
    [`${year}-12-31`]: "nyårsafton",
  };
}

describe("the Swedish working-day calendar", () => {
  it.each(Object.keys(easterSunday).map(Number))(
    "%i: exactly weekends and the law's holidays with the three eves are non-working",
    (year) => {
      const expected = nonWorkingHolidays(year);
      for (let date = day(`${year}-01-01`); date.year === year; date = date.plus({ days: 1 })) {
        const key = iso(date);
        const weekend = date.weekday >= 6;
        expect.soft(isWorkingDay(key), key).toBe(!(weekend || key in expected));
        if (key in expected) expect.soft(nonWorkingDayName(key), key).toBe(expected[key]);
      }
    },
  );

  it.each([
    ["2026-04-03", "långfredagen"],
    ["2026-04-06", "annandag påsk"],
    ["2026-05-14", "Kristi himmelsfärdsdag"],
    ["2026-06-19", "midsommarafton"],
    ["2027-03-26", "långfredagen"],
    ["2027-03-29", "annandag påsk"],
    ["2027-05-06", "Kristi himmelsfärdsdag"],
    ["2027-06-25", "midsommarafton"],
  ])("DOMAIN.md spot check: %s is %s", (date, name) => {
    expect(nonWorkingDayName(date)).toBe(name);
  });

  it.each(["2026-04-04", "2026-04-30", "2026-01-05", "2026-05-25", "2026-11-06"])(
    "%s (påskafton, valborg, trettondagsafton, annandag pingst, Gustav Adolf) is a working day unless a weekend",
    (date) => {
      expect(isWorkingDay(date)).toBe(day(date).weekday < 6);
    },
  );

  it("names weekends in Swedish and says nothing of working days", () => {
    expect(nonWorkingDayName("2026-11-21")).toBe("lördag");
    expect(nonWorkingDayName("2026-11-22")).toBe("söndag");
    expect(nonWorkingDayName("2026-11-23")).toBeUndefined();
  });

  it.each([
    ["2026-11-20", "2026-11-23"], // Friday → Monday
    ["2026-04-02", "2026-04-07"], // skärtorsdag → over Easter
    ["2026-12-23", "2026-12-28"], // over Christmas
    ["2026-12-30", "2027-01-04"], // over New Year
    ["2026-06-18", "2026-06-22"], // over midsommar
  ])("the next working day after %s is %s", (date, next) => {
    expect(nextWorkingDay(date)).toBe(next);
  });

  it("adds and subtracts working days symmetrically", () => {
    expect(addWorkingDays("2026-12-22", 3)).toBe("2026-12-29");
    expect(subtractWorkingDays("2026-12-29", 3)).toBe("2026-12-22");
    expect(addWorkingDays("2026-03-02", 0)).toBe("2026-03-02");
    expect(() => addWorkingDays("2026-03-02", -1)).toThrow(RangeError);
  });

  it.each([
    ["2026-03-02", "2026-03-02", 0],
    ["2026-03-06", "2026-03-09", 1], // Friday → Monday
    ["2026-03-02", "2026-03-31", 21],
    ["2026-04-01", "2026-04-30", 19], // Easter takes 2 weekdays
    ["2026-12-01", "2026-12-31", 19], // julafton, annandag… and nyårsafton out
    ["2026-03-09", "2026-03-06", -1],
  ])("working days after %s up to and including %s: %i", (from, to, count) => {
    expect(workingDaysBetween(from, to)).toBe(count);
  });

  it("refuses dates that do not exist", () => {
    expect(() => isWorkingDay("2026-02-30")).toThrow(/Ogiltigt datum/);
    expect(() => isWorkingDay("2026-2-3")).toThrow(/Ogiltigt datum/);
  });
});

describe("the GP deadline", () => {
  it.each<[string, "working" | "calendar", string]>([
    // working: 15 working days counted from the day after the order (003 Bilaga 2)
    ["2026-03-02", "working", "2026-03-23"],
    ["2026-03-27", "working", "2026-04-21"], // Easter: långfredagen + annandag påsk skipped
    ["2026-12-14", "working", "2027-01-11"], // julafton … nyårsafton, trettondedag jul skipped
    ["2026-06-10", "working", "2026-07-02"], // midsommarafton skipped
    // calendar: 15 days, moved to the next working day when that day is not one (lag 1930:173)
    ["2026-03-02", "calendar", "2026-03-17"],
    ["2026-03-06", "calendar", "2026-03-23"], // 21 March is a Saturday
    ["2026-03-19", "calendar", "2026-04-07"], // 3 April långfredagen → Tuesday after annandag påsk
    ["2026-12-09", "calendar", "2026-12-28"], // julafton → Monday 28th
    ["2026-06-04", "calendar", "2026-06-22"], // midsommarafton 19 June → Monday
  ])("an order sent %s under the %s rule is due %s", (ordered, rule, due) => {
    expect(gpDueDate(ordered, rule)).toBe(due);
    expect(isWorkingDay(due)).toBe(true);
  });

  it("says in Swedish which rule produced a date and from which source", () => {
    expect(gpRuleText("working")).toMatch(
      /15 arbetsdagar.*tillämpningsanvisningarna för socialpsykiatrin, bilaga 2/,
    );
    expect(gpRuleText("calendar")).toMatch(/15 kalenderdagar.*1930:173/);
    // Cards put it in brackets after the date: no brackets inside.
    for (const rule of ["working", "calendar"] as const) expect(gpRuleText(rule)).not.toMatch(/[()]/);
  });
});

describe("the six-month follow-up", () => {
  it.each([
    ["2026-03-02", "2026-09-02"],
    ["2025-08-31", "2026-02-28"],
    ["2027-08-31", "2028-02-29"], // leap year
    ["2026-12-31", "2027-06-30"],
    ["2026-03-31", "2026-09-30"],
    ["2026-09-15", "2027-03-15"],
  ])("from %s is due %s", (from, due) => {
    expect(followUpDue(from)).toBe(due);
  });
});

describe("Stockholm time", () => {
  it.each([
    ["2026-03-28T23:30:00Z", "2026-03-29"], // 00:30 CET → next day
    ["2026-03-29T22:30:00Z", "2026-03-30"], // 00:30 CEST after the spring change
    ["2026-10-24T22:30:00Z", "2026-10-25"], // 00:30 CEST on the autumn change day
    ["2026-10-25T22:59:00Z", "2026-10-25"], // 23:59 CET
  ])("the instant %s is on %s in Stockholm", (instant, date) => {
    expect(stockholmDate(new Date(instant))).toBe(date);
  });

  it("places wall-clock times on either side of a DST change", () => {
    expect(stockholmInstant("2026-03-27", "08:00").toISOString()).toBe("2026-03-27T07:00:00.000Z");
    expect(stockholmInstant("2026-03-30", "08:00").toISOString()).toBe("2026-03-30T06:00:00.000Z");
    expect(stockholmInstant("2026-10-26", "08:00").toISOString()).toBe("2026-10-26T07:00:00.000Z");
  });
});
