import { describe, expect, it } from "vitest";
import { countedMunicipalities } from "./count-scope.js";
import { MonitoringPolicy } from "./monitoring.js";
import type { Role } from "./identity.js";

const caller = (role: Role, orgs: string[] = ["0392"]) => ({ sub: "someone", role, orgs });

describe("whose records a caller's counts cover", () => {
  it("analysts and the coordinator count the whole covenant, whatever their organisations say", () => {
    expect(countedMunicipalities(caller("ANALYST", []))).toBe("ALL");
    expect(countedMunicipalities(caller("COORDINATOR", ["0392"]))).toBe("ALL");
  });

  it("an SDV counts the municipalities it serves, and none without any", () => {
    expect(countedMunicipalities(caller("SDV", ["0473"]))).toEqual(["0473"]);
    expect(countedMunicipalities(caller("SDV", []))).toEqual([]);
  });

  it("partners that work with rows count nothing, even with a municipality among their organisations", () => {
    for (const role of ["CORPORATION", "SWT", "BUDGET_COACH"] as Role[]) expect(countedMunicipalities(caller(role, ["0392", "0473"]))).toEqual([]);
  });

  it("monitoring reads a municipality by the same rule", () => {
    expect(new MonitoringPolicy(caller("SDV", ["0473"])).mayRead("0392")).toBe(false);
    expect(new MonitoringPolicy(caller("SDV", ["0473"])).mayRead("0473")).toBe(true);
    expect(new MonitoringPolicy(caller("ANALYST", [])).mayRead("0392")).toBe(true);
    expect(new MonitoringPolicy(caller("BUDGET_COACH", ["0392"])).mayRead("0392")).toBe(false);
  });
});
