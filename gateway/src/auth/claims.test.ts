import { describe, expect, it } from "vitest";
import { claimsMismatch } from "./claims.js";

describe("a token's claims must fit each other", () => {
  it("accepts the combinations the covenant knows", () => {
    const fitting = [
      { role: "CORPORATION", orgs: ["elan-wonen"] },
      { role: "CORPORATION", orgs: ["ymere"] },
      { role: "SDV", orgs: ["0392", "0473"] },
      { role: "SDV", orgs: ["0473"] },
      { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" },
      { role: "SWT", orgs: ["0473"], team: "zandvoort" },
      { role: "SWT", orgs: ["0392", "0473"], team: "haarlem-noord" },
      { role: "BUDGET_COACH", orgs: ["0392", "0473"] },
      { role: "BUDGET_COACH", orgs: ["0473"], team: "budget-coach" },
      { role: "ANALYST", orgs: ["0392", "0473"] },
      { role: "COORDINATOR", orgs: ["0392"] },
    ] as const;
    for (const claims of fitting) expect(claimsMismatch({ ...claims, orgs: [...claims.orgs] }), JSON.stringify(claims)).toBeUndefined();
  });

  it("refuses a team of another municipality than the token's, naming the team claim", () => {
    expect(claimsMismatch({ role: "SWT", orgs: ["0473"], team: "haarlem-schalkwijk" })).toMatch(
      /team claim names "haarlem-schalkwijk", a team of 0392, which is none of the token's organisations \(0473\)/,
    );
    expect(claimsMismatch({ role: "SWT", orgs: ["0392"], team: "zandvoort" })).toMatch(/team claim names "zandvoort", a team of 0473/);
  });

  it("refuses a team that does not fit the role: budget-coach only for a budget coach, an SWT team only for SWT", () => {
    expect(claimsMismatch({ role: "SWT", orgs: ["0392"], team: "budget-coach" })).toMatch(/team claim names "budget-coach", which does not fit the role SWT/);
    expect(claimsMismatch({ role: "BUDGET_COACH", orgs: ["0392"], team: "haarlem-oost" })).toMatch(/team claim names "haarlem-oost", which does not fit the role BUDGET_COACH/);
    for (const role of ["CORPORATION", "SDV", "ANALYST", "COORDINATOR"] as const) {
      const orgs = role === "CORPORATION" ? ["pre-wonen"] : ["0392"];
      expect(claimsMismatch({ role, orgs, team: "haarlem-centrum" }), role).toMatch(new RegExp(`the role ${role} belongs to no team`));
      expect(claimsMismatch({ role, orgs, team: "budget-coach" }), role).toMatch(/team claim/);
    }
  });

  it("refuses an unknown team and an SWT token without one", () => {
    expect(claimsMismatch({ role: "SWT", orgs: ["0392"], team: "haarlem-west" })).toMatch(/team claim names "haarlem-west"/);
    expect(claimsMismatch({ role: "SWT", orgs: ["0392"] })).toMatch(/team claim is missing/);
  });

  it("refuses organisations of the wrong kind for the role, naming the org claim", () => {
    expect(claimsMismatch({ role: "CORPORATION", orgs: ["0392"] })).toMatch(/org claim names "0392", which is not a corporation of the covenant/);
    expect(claimsMismatch({ role: "CORPORATION", orgs: ["elan-wonen", "woonzorg"] })).toMatch(/org claim names "woonzorg"/);
    for (const role of ["SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR"] as const) {
      expect(claimsMismatch({ role, orgs: ["elan-wonen"], ...(role === "SWT" ? { team: "zandvoort" } : {}) }), role).toMatch(
        /org claim names "elan-wonen", which is not a municipality of the covenant/,
      );
    }
    expect(claimsMismatch({ role: "SDV", orgs: ["0363"] })).toMatch(/org claim names "0363"/);
  });

  it("refuses a token that names no organisation", () => {
    for (const role of ["CORPORATION", "SDV", "BUDGET_COACH", "ANALYST", "COORDINATOR"] as const) {
      expect(claimsMismatch({ role, orgs: [] }), role).toMatch(/org claim is empty/);
    }
  });

  it("names the claims as the identity provider calls them", () => {
    expect(claimsMismatch({ role: "SWT", orgs: ["0473"], team: "haarlem-oost" }, { org: "organisation", team: "wijkteam" })).toMatch(/The token's wijkteam claim/);
    expect(claimsMismatch({ role: "CORPORATION", orgs: ["0473"] }, { org: "organisation", team: "wijkteam" })).toMatch(/The token's organisation claim/);
  });
});
