import { describe, expect, it } from "vitest";
import { caseOpeningIntervalSeconds, caseOpeningJob } from "./case-opening.job.js";

describe("the case-opening job's interval (CASE_OPENING_INTERVAL_SECONDS)", () => {
  it("is 60 seconds when unset or empty", () => {
    expect(caseOpeningIntervalSeconds({})).toBe(60);
    expect(caseOpeningIntervalSeconds({ CASE_OPENING_INTERVAL_SECONDS: " " })).toBe(60);
  });

  it("takes whole seconds from 5 to 86400, and the job runs at that interval", () => {
    expect(caseOpeningIntervalSeconds({ CASE_OPENING_INTERVAL_SECONDS: "5" })).toBe(5);
    expect(caseOpeningIntervalSeconds({ CASE_OPENING_INTERVAL_SECONDS: "86400" })).toBe(86_400);
    expect(caseOpeningJob(undefined, 300).intervalMs).toBe(300_000);
  });

  it.each(["4", "86401", "1.5", "-60", "1e3", "soon"])("refuses %j, naming the variable and the range", (raw) => {
    expect(() => caseOpeningIntervalSeconds({ CASE_OPENING_INTERVAL_SECONDS: raw })).toThrow(/CASE_OPENING_INTERVAL_SECONDS must be a whole number of seconds from 5 to 86400/);
  });

  it("without a service key, a run fails with a message saying why, instead of doing nothing silently", async () => {
    await expect(caseOpeningJob(undefined, 60).run({} as never)).rejects.toThrow(/no service key/);
  });
});
