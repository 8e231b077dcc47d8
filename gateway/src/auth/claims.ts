import { BUDGET_COACH_TEAM, CORPORATIONS, MUNICIPALITIES, TEAMS } from "../../../subgraphs/shared/src/covenant/organisations.js";
import type { Identity, Role } from "../../../subgraphs/shared/src/identity.js";

/** What the claims are called in the caller's token, for messages that name the claim that does not fit. */
export interface ClaimLabels {
  org: string;
  team: string;
}

const CORPORATION_IDS = CORPORATIONS.map((c) => c.id) as readonly string[];
const MUNICIPALITY_CODES = MUNICIPALITIES.map((m) => m.code) as readonly string[];

/** The municipalities a team works for: an SWT team its own, the budget coach both (Art. 5.3). */
function teamMunicipalities(team: string): readonly string[] | undefined {
  if (team === BUDGET_COACH_TEAM.id) return MUNICIPALITY_CODES;
  const swt = TEAMS.find((t) => t.id === team);
  return swt ? [swt.municipalityCode] : undefined;
}

/**
 * Checks a token's claims against each other and against the covenant's directory of
 * organisations and teams. Returns what does not fit, naming the claim, or undefined when all fit.
 *
 * - Every role acts for at least one organisation. A CORPORATION's organisations are corporations
 *   of the covenant; every other role's are municipalities (CBS codes).
 * - An SWT worker names the team it works in, a team of one of its municipalities.
 * - A budget coach may name the budget coach's team, and no other.
 * - No other role belongs to a team.
 */
export function claimsMismatch(identity: Pick<Identity, "role" | "orgs" | "team">, labels: ClaimLabels = { org: "org", team: "team" }): string | undefined {
  const { role, orgs, team } = identity;
  const org = `The token's ${labels.org} claim`;
  const teamClaim = `The token's ${labels.team} claim`;
  if (orgs.length === 0) return `${org} is empty: a ${role} token names the organisation(s) it acts for.`;
  const expected: { kind: string; ids: readonly string[] } =
    role === "CORPORATION" ? { kind: "a corporation of the covenant", ids: CORPORATION_IDS } : { kind: "a municipality of the covenant (CBS code)", ids: MUNICIPALITY_CODES };
  const wrong = orgs.filter((o) => !expected.ids.includes(o));
  if (wrong.length > 0) {
    return `${org} names ${wrong.map((w) => JSON.stringify(w)).join(", ")}, which is not ${expected.kind}: a ${role} token names ${expected.ids.join(", ")}.`;
  }
  const teamRoles: Partial<Record<Role, string>> = { SWT: "an SWT team", BUDGET_COACH: `the budget coach's team (${BUDGET_COACH_TEAM.id})` };
  if (team === undefined) {
    if (role === "SWT") return `${teamClaim} is missing: an SWT token names the team it works in (${TEAMS.map((t) => t.id).join(", ")}).`;
    return undefined;
  }
  const fits = role === "SWT" ? TEAMS.some((t) => t.id === team) : role === "BUDGET_COACH" ? team === BUDGET_COACH_TEAM.id : false;
  if (!fits) {
    const allowed = teamRoles[role];
    return allowed
      ? `${teamClaim} names ${JSON.stringify(team)}, which does not fit the role ${role}: a ${role} token names ${allowed}.`
      : `${teamClaim} names ${JSON.stringify(team)}, but the role ${role} belongs to no team: leave the claim out.`;
  }
  const served = teamMunicipalities(team)!;
  if (!orgs.some((o) => served.includes(o))) {
    return `${teamClaim} names ${JSON.stringify(team)}, a team of ${served.join(", ")}, which is none of the token's organisations (${orgs.join(", ")}).`;
  }
  return undefined;
}
