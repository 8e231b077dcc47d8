import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { forbidden } from "../../../shared/src/errors.js";
import type { Identity, Role } from "../../../shared/src/identity.js";

/** Who gets counts of arrears and objections: analysts and the coordinator, and a corporation of its own tenants. */
export const COUNT_READERS: Role[] = ["ANALYST", "COORDINATOR", "CORPORATION"];
/** Counts of the registers of Art. 6.4 also go to the SDV, for the municipalities it serves. */
export const REGISTER_COUNT_READERS: Role[] = [...COUNT_READERS, "SDV"];

export type Counted = "arrears" | "objections" | "registers";

/**
 * What each role's counts may count (the "aggregates" cells of the matrix "Who may see what"):
 * ANALYST and COORDINATOR the whole covenant; CORPORATION its own tenants and entries; SDV only
 * the registers, of the municipalities it serves. Anyone else is refused, should the field rule
 * ever let them through.
 */
export class StatisticsPolicy {
  constructor(private readonly identity: Identity) {}

  /** `columns` name the corporation and municipality of a counted row in `query`. */
  restrictCounts<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, counted: Counted, columns: { corporation: string; municipality: string }): Q {
    const { role, orgs } = this.identity;
    if (role === "ANALYST" || role === "COORDINATOR") return query;
    if (role === "CORPORATION") return query.andWhere(`${columns.corporation} = ANY(:policyOrgs)`, { policyOrgs: orgs });
    if (role === "SDV" && counted === "registers") return query.andWhere(`${columns.municipality} = ANY(:policyOrgs)`, { policyOrgs: orgs });
    throw forbidden(`Your role (${role}) gets no counts of ${counted}.`);
  }
}
