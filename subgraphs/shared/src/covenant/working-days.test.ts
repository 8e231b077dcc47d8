import { describe, expect, it } from "vitest";
import {
  addDays,
  addWorkingDays,
  CALENDAR_YEARS,
  CalendarNotCoveredError,
  decreeSourceOf,
  easterSunday,
  feedbackDueOn,
  feedbackTermDays,
  firstWorkingDayFrom,
  generalHolidaysOf,
  isWorkingDay,
  MAX_WORKING_DAYS,
  nonWorkingDaysOf,
} from "./working-days.js";

describe("working days (Algemene termijnenwet)", () => {
  it("puts Easter Sunday where the church calendar has it, earliest and latest cases included", () => {
    const known: Record<number, string> = {
      1900: "1900-04-15",
      1913: "1913-03-23",
      1943: "1943-04-25",
      2000: "2000-04-23",
      2008: "2008-03-23",
      2011: "2011-04-24",
      2021: "2021-04-04",
      2022: "2022-04-17",
      2023: "2023-04-09",
      2024: "2024-03-31",
      2025: "2025-04-20",
      2026: "2026-04-05",
      2038: "2038-04-25",
      2099: "2099-04-12",
    };
    for (const [year, easter] of Object.entries(known)) expect(easterSunday(Number(year)), year).toBe(easter);
  });

  it("computes the nine general holidays of every year from 1900 to 2099 by rule, each on its weekday", () => {
    for (let year = 1900; year <= 2099; year++) {
      const days = [...generalHolidaysOf(year)];
      // Nine, or eight when Ascension Day falls on 5 May (1910, 2005, 2016, ...).
      expect(days.length, `${year}`).toBe(days.some(([, n]) => n === "Liberation Day and Ascension Day") ? 8 : 9);
      const on = (name: string) => days.find(([, n]) => n.split(" and ").includes(name))![0];
      const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
      expect(weekday(on("Good Friday")), `${year}`).toBe(5);
      expect(weekday(on("Easter Monday")), `${year}`).toBe(1);
      expect(weekday(on("Ascension Day")), `${year}`).toBe(4);
      expect(weekday(on("Whit Monday")), `${year}`).toBe(1);
      expect(weekday(on("King's Day")), `${year}`).not.toBe(0);
      expect(on("Liberation Day")).toBe(`${year}-05-05`);
      expect(on("New Year's Day")).toBe(`${year}-01-01`);
      for (const [date] of days) expect(date.startsWith(`${year}-`), date).toBe(true);
    }
  });

  it("holds the general holidays of each year it covers where the church and civil calendars put them", () => {
    const expected: Record<number, string[]> = {
      2021: ["2021-01-01", "2021-04-02", "2021-04-05", "2021-04-27", "2021-05-05", "2021-05-13", "2021-05-24", "2021-12-25", "2021-12-26"],
      2024: ["2024-01-01", "2024-03-29", "2024-04-01", "2024-04-27", "2024-05-05", "2024-05-09", "2024-05-20", "2024-12-25", "2024-12-26"],
      2025: ["2025-01-01", "2025-04-18", "2025-04-21", "2025-04-26", "2025-05-05", "2025-05-29", "2025-06-09", "2025-12-25", "2025-12-26"],
      2028: ["2028-01-01", "2028-04-14", "2028-04-17", "2028-04-27", "2028-05-05", "2028-05-25", "2028-06-05", "2028-12-25", "2028-12-26"],
    };
    for (const [year, days] of Object.entries(expected)) for (const day of days) expect(nonWorkingDaysOf(Number(year)).has(day), day).toBe(true);
  });

  it("covers 2021, the covenant's first year, to 2028 without gaps, each year with the source of its decree days", () => {
    expect(CALENDAR_YEARS).toEqual([2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028]);
    for (const year of CALENDAR_YEARS) {
      const { source, certainty } = decreeSourceOf(year);
      expect(source, `${year}`).toMatch(/Algemene termijnenwet/);
      expect(certainty.length, `${year}`).toBeGreaterThan(20);
    }
  });

  it("makes the Friday after Ascension Day a day off in every year it covers, as the decrees do", () => {
    for (const year of CALENDAR_YEARS) {
      const friday = addDays(easterSunday(year), 40);
      expect(isWorkingDay(friday), friday).toBe(false);
    }
    for (const day of ["2021-05-14", "2022-05-27", "2023-05-19", "2024-05-10", "2025-05-30"]) expect(isWorkingDay(day), day).toBe(false);
  });

  it("answers for every year from 1900 to 2099 at once: a working day, or a refusal saying the year is not covered", () => {
    for (let year = 1900; year <= 2099; year++) {
      for (const date of [`${year}-01-01`, `${year}-02-28`, `${year}-07-15`, `${year}-12-24`, `${year}-12-31`]) {
        for (const phase of ["ARREARS", "COLLECTION"] as const) {
          let answer: string | Error;
          try {
            answer = feedbackDueOn(date, phase);
          } catch (error) {
            answer = error as Error;
          }
          if (CALENDAR_YEARS.includes(year) && (year < CALENDAR_YEARS.at(-1)! || date < `${year}-12-15`)) {
            expect(answer, date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
            expect(isWorkingDay(answer as string), date).toBe(true);
          } else {
            expect(answer, date).toBeInstanceOf(CalendarNotCoveredError);
          }
        }
      }
    }
  });

  it("refuses the year 9999 and its last day rather than counting past it", () => {
    expect(() => feedbackDueOn("9999-12-31", "ARREARS")).toThrow(CalendarNotCoveredError);
    expect(() => firstWorkingDayFrom("9999-12-31")).toThrow(CalendarNotCoveredError);
    expect(() => addDays("9999-12-31", 1)).toThrow(RangeError);
    expect(() => isWorkingDay("+010000-01")).toThrow(RangeError);
    expect(() => isWorkingDay("2026-02-30")).toThrow(RangeError);
  });

  it("a deadline that runs into a year whose decree days are not recorded is refused, not guessed", () => {
    expect(() => feedbackDueOn("2028-12-27", "ARREARS")).toThrow(/2029 are not recorded/);
    expect(() => feedbackDueOn("2020-12-31", "ARREARS")).toThrow(CalendarNotCoveredError);
  });

  it("counts at most a year of working days", () => {
    expect(() => addWorkingDays("2026-01-05", MAX_WORKING_DAYS + 1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-01-05", -1)).toThrow(RangeError);
    expect(() => addWorkingDays("2026-01-05", 1.5)).toThrow(RangeError);
    expect(addWorkingDays("2026-01-05", 250)).toMatch(/^2026-12-/);
  });

  it("a weekday is a working day, a Saturday and a Sunday are not", () => {
    expect(isWorkingDay("2026-11-27")).toBe(true); // Friday
    expect(isWorkingDay("2026-11-28")).toBe(false);
    expect(isWorkingDay("2026-11-29")).toBe(false);
  });

  it("the general holidays that fall on weekdays are no working days", () => {
    for (const day of ["2026-01-01", "2026-04-03", "2026-04-06", "2026-04-27", "2026-05-05", "2026-05-14", "2026-05-25", "2026-12-25"]) {
      expect(isWorkingDay(day), day).toBe(false);
    }
  });

  it("King's Day on a Sunday moves to the Saturday before, never to the Monday after", () => {
    // 27 April 2025 was a Sunday: celebrated on Saturday 26 April, so Monday 28 April was a working day.
    expect(isWorkingDay("2025-04-28")).toBe(true);
    expect(nonWorkingDaysOf(2025).get("2025-04-26")).toBe("King's Day");
  });

  it("the days a royal decree adds are no working days", () => {
    for (const day of ["2026-01-02", "2026-05-15", "2027-05-07", "2028-04-28", "2028-05-26"]) expect(isWorkingDay(day), day).toBe(false);
  });

  it("the forwarding day is the day itself when it is a working day, else the next working day", () => {
    expect(firstWorkingDayFrom("2026-11-27")).toBe("2026-11-27");
    expect(firstWorkingDayFrom("2026-11-28")).toBe("2026-11-30");
    // Christmas Day (Friday), Boxing Day, a Sunday: the next working day is Monday 28 December.
    expect(firstWorkingDayFrom("2026-12-25")).toBe("2026-12-28");
    // Ascension Day 2026 (Thursday 14 May) and the decree day after it: Monday 18 May.
    expect(firstWorkingDayFrom("2026-05-14")).toBe("2026-05-18");
  });

  it("a date in a year the calendar does not cover is refused, saying which years it covers", () => {
    expect(() => isWorkingDay("2037-04-27")).toThrow(CalendarNotCoveredError);
    expect(() => isWorkingDay("2037-04-27")).toThrow(/answers for 2021-01-01 to 2028-12-31 only/);
  });
});

describe("the feedback term (Art. 5.4)", () => {
  it("is 5 working days in collection or with the bailiff, 10 otherwise", () => {
    expect(feedbackTermDays("COLLECTION")).toBe(5);
    expect(feedbackTermDays("BAILIFF")).toBe(5);
    expect(feedbackTermDays("ARREARS")).toBe(10);
  });

  it("does not count the forwarding day and skips the weekend", () => {
    // Monday 2 November 2026: five working days later is Monday 9 November.
    expect(feedbackDueOn("2026-11-02", "COLLECTION")).toBe("2026-11-09");
    // Friday 6 November: the weekend does not count, ten working days end on Friday 20 November.
    expect(feedbackDueOn("2026-11-06", "ARREARS")).toBe("2026-11-20");
  });

  it("skips King's Day", () => {
    // Thursday 22 April 2027; Tuesday 27 April is King's Day: 23, 26, 28, 29, 30 April.
    expect(feedbackDueOn("2027-04-22", "BAILIFF")).toBe("2027-04-30");
  });

  it("skips Ascension Day and the Friday after it that a royal decree added", () => {
    // Tuesday 12 May 2026: 13, (14 Ascension Day, 15 decree day), 18, 19, 20, 21 May.
    expect(feedbackDueOn("2026-05-12", "COLLECTION")).toBe("2026-05-21");
    // Tuesday 4 May 2027: (5 May Liberation Day, 6 Ascension Day, 7 decree day), 10-14 May.
    expect(feedbackDueOn("2027-05-04", "COLLECTION")).toBe("2027-05-14");
  });

  it("skips Christmas, Boxing Day and New Year's Day across the turn of the year", () => {
    // Wednesday 23 December 2026: 24, 28, 29, 30, 31 December, then 4-8 January 2027 (1 January is a holiday).
    expect(feedbackDueOn("2026-12-23", "ARREARS")).toBe("2027-01-08");
    expect(feedbackDueOn("2026-12-23", "COLLECTION")).toBe("2026-12-31");
  });

  it("counts from the forwarding day even when that was no working day", () => {
    expect(addWorkingDays("2026-11-28", 1)).toBe("2026-11-30");
    expect(addWorkingDays("2026-11-27", 0)).toBe("2026-11-27");
  });
});
