import { describe, expect, it } from "vitest";
import { easterSunday, firstWorkingDayFrom, isWorkingDay } from "./working-days.js";

describe("working days (Algemene termijnenwet)", () => {
  it("Easter falls where the church calendar puts it", () => {
    expect(["2021", "2025", "2026", "2027", "2028"].map((y) => easterSunday(Number(y)))).toEqual([
      "2021-04-04",
      "2025-04-20",
      "2026-04-05",
      "2027-03-28",
      "2028-04-16",
    ]);
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
    expect(isWorkingDay("2037-04-27")).toBe(false); // a Monday
  });

  it("the days a royal decree adds are no working days", () => {
    expect(isWorkingDay("2026-01-02")).toBe(false);
    expect(isWorkingDay("2026-05-15")).toBe(false);
    expect(isWorkingDay("2027-05-07")).toBe(false);
  });

  it("the forwarding day is the day itself when it is a working day, else the next working day", () => {
    expect(firstWorkingDayFrom("2026-11-27")).toBe("2026-11-27");
    expect(firstWorkingDayFrom("2026-11-28")).toBe("2026-11-30");
    // Christmas Day (Friday), Boxing Day, a Sunday: the next working day is Monday 28 December.
    expect(firstWorkingDayFrom("2026-12-25")).toBe("2026-12-28");
    // Ascension Day 2026 (Thursday 14 May) and the decree day after it: Monday 18 May.
    expect(firstWorkingDayFrom("2026-05-14")).toBe("2026-05-18");
  });
});
