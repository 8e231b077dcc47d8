/**
 * The parties of the covenant and their stable ids: the public contract front-ends and integrations
 * code against. Corporations use slugs, municipalities their CBS codes, SWT teams short slugs.
 */

/** Housing corporations (woningcorporaties) that signed the addendum. */
export const CORPORATIONS = [
  { id: "elan-wonen", name: "Elan Wonen", seat: "Haarlem" },
  { id: "pre-wonen", name: "Pré Wonen", seat: "Velserbroek" },
  { id: "ymere", name: "Ymere", seat: "Amsterdam" },
] as const;
export type CorporationId = (typeof CORPORATIONS)[number]["id"];

/** Municipalities (gemeenten) of the covenant, by CBS code. */
export const MUNICIPALITIES = [
  { code: "0392", name: "Haarlem" },
  { code: "0473", name: "Zandvoort" },
] as const;
export type MunicipalityCode = (typeof MUNICIPALITIES)[number]["code"];

export function isCovenantMunicipality(code: string): code is MunicipalityCode {
  return MUNICIPALITIES.some((m) => m.code === code);
}

export function isCorporationId(id: string): id is CorporationId {
  return CORPORATIONS.some((c) => c.id === id);
}

/**
 * Social neighbourhood teams (sociale wijkteams) and the four-digit postcode areas each covers.
 * The routing of signals to teams reads this table; a change of boundaries is a change here.
 */
export const TEAMS = [
  { id: "haarlem-centrum", name: "Sociaal Wijkteam Haarlem Centrum", municipalityCode: "0392", postcodeAreas: ["2011", "2012"] },
  { id: "haarlem-noord", name: "Sociaal Wijkteam Haarlem Noord", municipalityCode: "0392", postcodeAreas: ["2021", "2022", "2023", "2024", "2025"] },
  { id: "haarlem-oost", name: "Sociaal Wijkteam Haarlem Oost", municipalityCode: "0392", postcodeAreas: ["2031", "2032", "2033"] },
  { id: "haarlem-schalkwijk", name: "Sociaal Wijkteam Haarlem Schalkwijk", municipalityCode: "0392", postcodeAreas: ["2034", "2035", "2036", "2037"] },
  { id: "haarlem-zuidwest", name: "Sociaal Wijkteam Haarlem Zuid-West", municipalityCode: "0392", postcodeAreas: ["2013", "2014", "2015", "2026"] },
  { id: "zandvoort", name: "Sociaal Wijkteam Zandvoort", municipalityCode: "0473", postcodeAreas: ["2040", "2041", "2042"] },
] as const;
export type TeamId = (typeof TEAMS)[number]["id"];

/**
 * The budget coach (budgetcoach) receives the priority IV signals of both municipalities (Art. 5.3).
 * The SWT subgraph keeps the coach's referrals as cases of this pseudo-team, so that one case model
 * and one deadline rule serve both.
 */
export const BUDGET_COACH_TEAM = { id: "budget-coach", name: "Budgetcoach Haarlem en Zandvoort", municipalityCode: "0392" } as const;

/** The team whose area holds a postcode ("2033 AB" or "2033AB"), or undefined outside the covenant. */
export function teamForPostcode(postcode: string): (typeof TEAMS)[number] | undefined {
  const area = postcode.replace(/\s+/g, "").slice(0, 4);
  return TEAMS.find((team) => (team.postcodeAreas as readonly string[]).includes(area));
}

/** Dutch postcode: four digits (not starting with 0), two letters (not SA, SD, SS). */
export function normalisePostcode(value: string): string | undefined {
  const match = /^\s*([1-9]\d{3})\s*([A-Za-z]{2})\s*$/.exec(value);
  if (!match) return undefined;
  const letters = match[2]!.toUpperCase();
  if (["SA", "SD", "SS"].includes(letters)) return undefined;
  return `${match[1]} ${letters}`;
}
