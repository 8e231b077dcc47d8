import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Identity } from "./identity.js";

/**
 * Whose records a caller's counts cover, by municipality, wherever no row leaves a subgraph and only
 * published cells do (the covenant's monitoring, the signal and case counts): analysts and the
 * coordinator the whole covenant, an SDV the municipalities it serves, every other role none. One
 * rule for every subgraph, so that two counts of the same records never differ by who asked.
 */
export function countedMunicipalities(identity: Pick<Identity, "role" | "orgs">): "ALL" | readonly string[] {
  if (identity.role === "ANALYST" || identity.role === "COORDINATOR") return "ALL";
  return identity.role === "SDV" ? identity.orgs : [];
}

/** Narrows a count's `query` to the caller's countedMunicipalities; `column` holds a counted row's municipality. */
export function restrictToCountedMunicipalities<Q extends SelectQueryBuilder<ObjectLiteral>>(query: Q, identity: Pick<Identity, "role" | "orgs">, column: string): Q {
  const counted = countedMunicipalities(identity);
  if (counted === "ALL") return query;
  if (counted.length === 0) return query.andWhere("1 = 0");
  return query.andWhere(`${column} = ANY(:countedMunicipalities)`, { countedMunicipalities: [...counted] });
}
