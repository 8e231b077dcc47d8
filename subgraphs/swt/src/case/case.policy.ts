import { restrictToCountedMunicipalities } from "../../../shared/src/count-scope.js";
import { Brackets, type ObjectLiteral, type SelectQueryBuilder } from "typeorm";
import { BUDGET_COACH_TEAM, TEAMS } from "../../../shared/src/covenant/organisations.js";
import type { Identity } from "../../../shared/src/identity.js";
import { CaseEntity } from "./case.entity.js";

type Query<T extends ObjectLiteral> = SelectQueryBuilder<T>;

/**
 * Which rows of cases, and of what hangs off a case, a caller may see: the one place that decides it.
 * Every root query, nested list, DataLoader and `__resolveReference` of this subgraph narrows its SQL
 * here. Rows outside are absent (null, or left out of a list), never an error that would confirm they
 * exist. Which *fields* of a visible row a role may read is said on the fields (`ReadableBy`).
 *
 * Cases (`restrictCases`):
 *  SWT           the cases of its own team (identity.team);
 *  BUDGET_COACH  the cases of the budget-coach team (its referrals, priority IV) whose municipality it
 *                serves (identity.orgs); the municipality is the case's own, since the coach serves both;
 *  SDV           the cases whose municipality it serves, of any team, the budget coach's included (it
 *                reads their status only, by the field rules);
 *  CORPORATION   none: it reads feedback on its own tenants only (`restrictFeedback`);
 *  ANALYST, COORDINATOR  none: they read aggregates (`restrictCaseCounts`), never a row.
 *
 * Contact attempts and notes are the holding team's working records: only SWT and BUDGET_COACH, on
 * their own cases. Household profiles (huishoudprofiel) are narrower still: an SWT team reads its own
 * households (recorded by it, in its postcode areas, or with a case of its team), the budget coach
 * what it recorded. SDV (and the corporation whose batch the sdv subgraph takes in) learns
 * just facts derived from a profile for a signal's priority (`restrictHouseholdFacts`), never its fields.
 */
export class CasePolicy {
  constructor(private readonly identity: Identity) {}

  // The rules are arrow functions so that services can hand one on as a value (rowsOfVisibleCases).

  /** Narrows `query` to visible cases; `caseAlias` is the alias of the case table in it. */
  readonly restrictCases = <T extends ObjectLiteral>(query: Query<T>, caseAlias: string): Query<T> => {
    const { role, team, orgs } = this.identity;
    switch (role) {
      case "SWT":
        // The budget coach's pseudo-team is not an SWT team: a token naming it as an SWT team reads nothing.
        if (!team || team === BUDGET_COACH_TEAM.id) return none(query);
        return query.andWhere(`${caseAlias}.teamId = :policyTeam`, { policyTeam: team });
      case "BUDGET_COACH":
        if (orgs.length === 0) return none(query);
        return query.andWhere(`${caseAlias}.teamId = :policyCoachTeam AND ${caseAlias}.municipalityCode = ANY(:policyMunicipalities)`, {
          policyCoachTeam: BUDGET_COACH_TEAM.id,
          policyMunicipalities: orgs,
        });
      case "SDV":
        if (orgs.length === 0) return none(query);
        return query.andWhere(`${caseAlias}.municipalityCode = ANY(:policyMunicipalities)`, { policyMunicipalities: orgs });
      default:
        return none(query);
    }
  };

  /** Contact attempts and notes: the own cases of the team that holds them, nobody else's. */
  readonly restrictCasework = <T extends ObjectLiteral>(query: Query<T>, caseAlias: string): Query<T> => {
    const { role } = this.identity;
    return role === "SWT" || role === "BUDGET_COACH" ? this.restrictCases(query, caseAlias) : none(query);
  };

  /**
   * Feedback (terugkoppeling, Art. 5.5): a corporation reads the feedback of the cases whose feedback
   * goes to it (its own tenants); everyone else, that of the cases it may see.
   */
  readonly restrictFeedback = <T extends ObjectLiteral>(query: Query<T>, caseAlias: string): Query<T> => {
    const { role, orgs } = this.identity;
    if (role !== "CORPORATION") return this.restrictCases(query, caseAlias);
    if (orgs.length === 0) return none(query);
    return query.andWhere(`${caseAlias}.corporationId = ANY(:policyCorporations)`, { policyCorporations: orgs });
  };

  /**
   * The cases counted in aggregates: analysts and the coordinator count every case of the covenant;
   * SDV the cases of the municipalities it serves. Cells under the suppression threshold are the
   * aggregate service's concern.
   */
  readonly restrictCaseCounts = <T extends ObjectLiteral>(query: Query<T>, caseAlias: string): Query<T> =>
    restrictToCountedMunicipalities(query, this.identity, `${caseAlias}.municipalityCode`);

  /**
   * Narrows `query` to visible household profiles; `profileAlias` is the profile table's alias. An SWT
   * team reads the profiles of its own households: those it recorded, those at an address in its own
   * postcode areas (whose signals it receives), and a profile linked to a tenant with a case of its
   * team. The budget coach reads the profiles it recorded.
   */
  readonly restrictHouseholdProfiles = <T extends ObjectLiteral>(query: Query<T>, profileAlias: string): Query<T> => {
    const { role, team, orgs } = this.identity;
    if (role === "BUDGET_COACH") {
      if (orgs.length === 0) return none(query);
      return query.andWhere(`${profileAlias}.recordedByTeam = :policyCoachTeam AND ${profileAlias}.municipalityCode = ANY(:policyMunicipalities)`, {
        policyCoachTeam: BUDGET_COACH_TEAM.id,
        policyMunicipalities: orgs,
      });
    }
    const ownTeam = role === "SWT" ? TEAMS.find((t) => t.id === team) : undefined;
    if (!ownTeam) return none(query);
    const ownCase = query.subQuery().select("1").from(CaseEntity, "profileCase").where(`profileCase.tenantId = ${profileAlias}.tenantId`);
    this.restrictCases(ownCase, "profileCase");
    return query.andWhere(
      new Brackets((where) =>
        where
          .where(`${profileAlias}.recordedByTeam = :policyProfileTeam`, { policyProfileTeam: ownTeam.id })
          .orWhere(`left(${profileAlias}.postcode, 4) = ANY(:policyProfileAreas)`, { policyProfileAreas: [...ownTeam.postcodeAreas] })
          .orWhere(`EXISTS ${ownCase.getQuery()}`, ownCase.getParameters()),
      ),
    );
  };

  /**
   * A profile read by its tenant (Tenant.householdProfile): only an SWT, and only for a tenant with a
   * case of its own team. That a tenant lives at an address the team knows is not learnt any other way.
   */
  readonly restrictTenantHouseholdProfiles = <T extends ObjectLiteral>(query: Query<T>, profileAlias: string): Query<T> => {
    if (this.identity.role !== "SWT") return none(query);
    const ownCase = query.subQuery().select("1").from(CaseEntity, "profileCase").where(`profileCase.tenantId = ${profileAlias}.tenantId`);
    this.restrictCases(ownCase, "profileCase");
    return query.andWhere(`EXISTS ${ownCase.getQuery()}`, ownCase.getParameters());
  };

  /**
   * Whose household facts (known at the SWT, priority III applies) may be derived for the caller:
   * the SDV, which sets a signal's priority, and the corporation, on whose behalf the sdv subgraph
   * asks while it takes in that corporation's batch. A household known at the SWT need not have a
   * case, so no case can narrow this; what narrows it is that only the two derived booleans leave
   * (HouseholdFact), and only through a query hidden from the public graph. Everyone else: none.
   */
  readonly restrictHouseholdFacts = <T extends ObjectLiteral>(query: Query<T>): Query<T> => (this.mayDeriveHouseholdFacts() ? query : none(query));

  mayDeriveHouseholdFacts(): boolean {
    const { role } = this.identity;
    return role === "SDV" || role === "CORPORATION";
  }
}

function none<T extends ObjectLiteral>(query: Query<T>): Query<T> {
  return query.andWhere("1 = 0");
}
