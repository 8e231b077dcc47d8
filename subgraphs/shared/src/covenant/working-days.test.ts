import { describe, expect, it } from "vitest";
import {
  addDays,
  addWorkingDays,
  CALENDAR_YEARS,
  CalendarNotCoveredError,
  feedbackDueOn,
  feedbackTermDays,
  firstWorkingDayFrom,
  isWorkingDay,
  nonWorkingDaysOf,
} from "./working-days.js";

/** Easter Sunday (anonymous Gregorian algorithm): here only to check the calendar data against it. */
function easterSunday(year: number): string {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

describe("working days (Algemene termijnenwet)", () => {
  it("the calendar data holds every general holiday of each year it covers, where the church and civil calendars put them", () => {
    for (const year of CALENDAR_YEARS) {
      const easter = easterSunday(year);
      const kingsDay = new Date(`${year}-04-27T00:00:00Z`).getUTCDay() === 0 ? `${year}-04-26` : `${year}-04-27`;
      const expected = [`${year}-01-01`, addDays(easter, -2), addDays(easter, 1), kingsDay, `${year}-05-05`, addDays(easter, 39), addDays(easter, 50), `${year}-12-25`, `${year}-12-26`];
      const days = nonWorkingDaysOf(year);
      for (const day of expected) expect(days.has(day), `${year}: ${day}`).toBe(true);
    }
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

  it("a date in a year the calendar does not cover is refused, with what to add", () => {
    expect(() => isWorkingDay("2037-04-27")).toThrow(CalendarNotCoveredError);
    expect(() => isWorkingDay("2037-04-27")).toThrow(/add that year's holidays/);
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
