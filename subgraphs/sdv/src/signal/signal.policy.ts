import { restrictToCountedMunicipalities } from "../../../shared/src/count-scope.js";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Identity } from "../../../shared/src/identity.js";

/**
 * Which signals a caller may see: the one place that decides it. Every root query, nested list,
 * DataLoader and `__resolveReference` of sdv narrows its SQL here, and so do the priorities and
 * forwardings, which are visible exactly where their signal is. A row outside these rules is simply
 * absent (null, or not in the list): no error confirms that it exists.
 *
 * CORPORATION   the signals it submitted (corporation id in `orgs`);
 * SDV           every signal in a municipality it serves (CBS code in `orgs`);
 * SWT           the signals forwarded to its own team (`team`), and those whose case its team holds
 *               (a later signal joins the household's open case, whichever team that is);
 * BUDGET_COACH  the signals forwarded to the budget coach, or held in its case, in a municipality it serves;
 * ANALYST, COORDINATOR  no row: they see signals only as counts (`restrictForCounts`).
 * Any other caller sees nothing.
 */
export class SignalPolicy {
  constructor(private readonly identity: Identity) {}

  /** Adds the caller's row rule to `query`, in which `alias` names the signal table. */
  restrict<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, alias: string = query.alias): Q {
    const { role, orgs, team } = this.identity;
    switch (role) {
      case "CORPORATION":
        return query.andWhere(`${alias}.corporationId = ANY(:policyOrgs)`, { policyOrgs: orgs });
      case "SDV":
        return query.andWhere(`${alias}.municipalityCode = ANY(:policyOrgs)`, { policyOrgs: orgs });
      case "SWT":
        if (!team) return nothing(query);
        return query.andWhere(
          `EXISTS ${referralWhere(query, alias, "((policy_referral.target = 'SWT' AND policy_referral.teamId = :policyTeam) OR policy_referral.caseTeamId = :policyTeam)")}`,
          {
            policyTeam: team,
          },
        );
      case "BUDGET_COACH":
        return query
          .andWhere(`${alias}.municipalityCode = ANY(:policyOrgs)`, { policyOrgs: orgs })
          .andWhere(`EXISTS ${referralWhere(query, alias, "(policy_referral.target = 'BUDGET_COACH' OR policy_referral.caseTeamId = 'budget-coach')")}`);
      default:
        return nothing(query);
    }
  }

  /**
   * Adds the caller's rule for counting signals, where no row leaves sdv, only cells of at least
   * SUPPRESSION_THRESHOLD households: analysts and the coordinator count every signal of the covenant,
   * an SDV the signals of the municipalities it serves. Partners that work with rows count nothing.
   */
  restrictForCounts<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, alias: string = query.alias): Q {
    return restrictToCountedMunicipalities(query, this.identity, `${alias}.municipalityCode`);
  }
}

/**
 * The referral table by its entity name: referral/ builds on the signal table, so signal/ names it
 * rather than importing it (a sub-select needs only the name to map the properties to columns).
 */
const REFERRAL_ENTITY = "ReferralEntity";

function nothing<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q): Q {
  return query.andWhere("1 = 0");
}

/** The sub-select "this signal has a forwarding that meets `condition`". */
function referralWhere(query: SelectQueryBuilder<ObjectLiteral>, alias: string, condition: string): string {
  return query.subQuery().select("1").from(REFERRAL_ENTITY, "policy_referral").where(`policy_referral.signalId = ${alias}.id`).andWhere(condition).getQuery();
}
