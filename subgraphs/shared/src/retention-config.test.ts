import { describe, expect, it } from "vitest";
import { intervalMs, MAX_INTERVAL_HOURS, retentionIntervalHours, retentionMonths } from "./retention-config.js";

describe("the retention settings of every subgraph", () => {
  it("take the default when a variable is unset or blank", () => {
    expect(retentionMonths({}, "RETENTION_CLOSED_CASE_MONTHS", 24)).toBe(24);
    expect(retentionMonths({ RETENTION_CLOSED_CASE_MONTHS: " " }, "RETENTION_CLOSED_CASE_MONTHS", 24)).toBe(24);
    expect(retentionIntervalHours({})).toBe(24);
  });

  it("accept a whole number of months from 1 to 1200 and nothing else", () => {
    expect(retentionMonths({ M: "1" }, "M", 6)).toBe(1);
    expect(retentionMonths({ M: " 1200 " }, "M", 6)).toBe(1200);
    for (const bad of ["0", "1201", "2.5", "1e1", "-3", "six"]) {
      expect(() => retentionMonths({ M: bad }, "M", 6)).toThrow(`M must be a whole number of months from 1 to 1200; got "${bad}"`);
    }
  });

  it("refuse an interval that setInterval cannot wait, so a job never runs without pause", () => {
    expect(MAX_INTERVAL_HOURS).toBe(596);
    expect(intervalMs(MAX_INTERVAL_HOURS)).toBeLessThanOrEqual(2 ** 31 - 1);
    expect(retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "596" })).toBe(596);
    expect(retentionIntervalHours({ RETENTION_INTERVAL_HOURS: "0.5" })).toBe(0.5);
    for (const bad of ["597", "10000", "0", "-1", "Infinity", "daily"]) {
      expect(() => retentionIntervalHours({ RETENTION_INTERVAL_HOURS: bad })).toThrow(`RETENTION_INTERVAL_HOURS must be a number of hours above 0 and at most 596; got "${bad}"`);
    }
  });
});
