import { afterEach, describe, expect, it } from "vitest";
import { clock, fixedClock, monthInNetherlands, now, systemClock, todayInNetherlands, useClock } from "./clock.js";

describe("the graph's one clock", () => {
  let restore: (() => void) | undefined;
  afterEach(() => restore?.());

  it("a given clock is what every rule reads, until it is taken back", () => {
    const before = clock();
    restore = useClock(fixedClock("2028-02-29T12:00:00+01:00"));
    expect(now().toISOString()).toBe("2028-02-29T11:00:00.000Z");
    expect(todayInNetherlands()).toBe("2028-02-29");
    expect(monthInNetherlands()).toBe("2028-02");
    restore();
    restore = undefined;
    expect(clock()).toBe(before);
  });

  it("a fixed clock stands still, and hands out copies nobody can move", () => {
    const fixed = fixedClock("2027-01-01T00:00:30+01:00");
    const first = fixed.now();
    first.setFullYear(1999);
    expect(fixed.now().toISOString()).toBe("2026-12-31T23:00:30.000Z");
  });

  it("today is the Dutch calendar day, not the UTC one, on both sides of midnight and of summer time", () => {
    // 23:59:59 in Amsterdam in summer is 21:59:59 UTC; 00:00:01 is 22:00:01 UTC, still the day before in UTC.
    expect(todayInNetherlands(new Date("2027-06-30T21:59:59Z"))).toBe("2027-06-30");
    expect(todayInNetherlands(new Date("2027-06-30T22:00:01Z"))).toBe("2027-07-01");
    // In winter the offset is one hour.
    expect(todayInNetherlands(new Date("2026-12-31T22:59:59Z"))).toBe("2026-12-31");
    expect(todayInNetherlands(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01-01");
    expect(monthInNetherlands(new Date("2026-12-31T23:00:00Z"))).toBe("2027-01");
    // The day summer time starts has 23 hours, the day it ends 25: both are one day.
    expect(todayInNetherlands(new Date("2027-03-27T23:00:00Z"))).toBe("2027-03-28");
    expect(todayInNetherlands(new Date("2027-03-28T21:59:59Z"))).toBe("2027-03-28");
    expect(todayInNetherlands(new Date("2027-10-30T22:00:00Z"))).toBe("2027-10-31");
    expect(todayInNetherlands(new Date("2027-10-31T22:59:59Z"))).toBe("2027-10-31");
  });

  it("refuses a moment that is no instant", () => {
    expect(() => fixedClock("2027-02-30T25:00")).toThrow(RangeError);
  });

  it("when the suite runs at a fixed moment, that moment is the clock's", () => {
    if (process.env.TEST_CLOCK) expect(now().getTime()).toBe(new Date(process.env.TEST_CLOCK).getTime());
    else expect(clock()).toBe(systemClock);
  });
});
