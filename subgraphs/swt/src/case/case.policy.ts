import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Identity } from "../../../shared/src/identity.js";
import { TeamEntity } from "../team/team.entity.js";
import { CaseEntity } from "./case.entity.js";

/**
 * Which cases a caller may see: the one place that decides it. Every root query, nested list,
 * DataLoader and `__resolveReference` of this subgraph narrows its SQL here, and so does everything
 * that hangs off a case (signals, contact attempts, notes, feedback). Rows outside are absent (null,
 * or left out of a list), never an error that would confirm they exist.
 *
 *  SWT           the cases of its own team (identity.team);
 *  SDV           the cases of teams working in a municipality it serves (identity.orgs);
 *  BUDGET_COACH  none: its referrals (priority IV) live in sdv;
 *  CORPORATION   none: it will read feedback on its own tenants through a narrower door later;
 *  ANALYST, COORDINATOR  all rows for now; the gateway's field rules keep them to what they may read.
 *
 * Household profiles (huishoudprofiel) are narrower still (DOMAIN.md): only an SWT reads them, and
 * only for households with a case of its own team. SDV learns just the derived "priority III applies",
 * which is not a profile row.
 */
export class CasePolicy {
  constructor(private readonly identity: Identity) {}

  /** Narrows `query` to visible cases; `caseAlias` is the alias of the case table in it. */
  restrictCases<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, caseAlias: string): SelectQueryBuilder<T> {
    const { role, team, orgs } = this.identity;
    switch (role) {
      case "SWT":
        if (!team) return query.andWhere("1 = 0");
        return query.andWhere(`${caseAlias}.teamId = :policyTeam`, { policyTeam: team });
      case "SDV": {
        if (orgs.length === 0) return query.andWhere("1 = 0");
        const teams = query
          .subQuery()
          .select("policyTeam.id")
          .from(TeamEntity, "policyTeam")
          .where("policyTeam.municipalityCode = ANY(:policyMunicipalities)")
          .getQuery();
        return query.andWhere(`${caseAlias}.teamId IN ${teams}`, { policyMunicipalities: orgs });
      }
      case "ANALYST":
      case "COORDINATOR":
        return query;
      case "BUDGET_COACH":
      case "CORPORATION":
      default:
        return query.andWhere("1 = 0");
    }
  }

  /** Narrows `query` to visible household profiles; `profileAlias` is the profile table's alias. */
  restrictHouseholdProfiles<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, profileAlias: string): SelectQueryBuilder<T> {
    if (this.identity.role !== "SWT") return query.andWhere("1 = 0");
    const ownCase = query
      .subQuery()
      .select("1")
      .from(CaseEntity, "profileCase")
      .where(`profileCase.tenantId = ${profileAlias}.tenantId`);
    this.restrictCases(ownCase, "profileCase");
    return query.andWhere(`EXISTS ${ownCase.getQuery()}`, ownCase.getParameters());
  }
}
