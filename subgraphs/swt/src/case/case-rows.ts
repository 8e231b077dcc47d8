import type { DataSource, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { isUuid } from "../ids.js";
import { CaseEntity } from "./case.entity.js";

/** Alias of the case table when a query joins it to apply the policy. */
export const POLICY_CASE_ALIAS = "policyCase";

/** One of the case policy's row rules: narrows a query in which `caseAlias` is the case table. */
export type CaseRestriction = <Q extends ObjectLiteral>(query: SelectQueryBuilder<Q>, caseAlias: string) => SelectQueryBuilder<Q>;

/**
 * The rows of a table that hangs off a case (contact attempts, notes, feedback, signal links) for
 * many cases in one query, joined to their case so that the case policy decides what comes back.
 */
export async function rowsOfVisibleCases<T extends ObjectLiteral & { caseId: string }>(
  db: DataSource,
  restrict: CaseRestriction,
  entity: EntityTarget<T>,
  alias: string,
  caseIds: readonly string[],
  /** Sort keys written with `alias`, e.g. ["attempt.on", "ASC"]. */
  order: [expression: string, direction: "ASC" | "DESC"][],
): Promise<T[]> {
  const ids = caseIds.filter(isUuid);
  if (ids.length === 0) return [];
  const query = db
    .getRepository(entity)
    .createQueryBuilder(alias)
    .innerJoin(CaseEntity, POLICY_CASE_ALIAS, `${POLICY_CASE_ALIAS}.id = ${alias}.caseId`)
    .where(`${alias}.caseId = ANY(:caseIds)`, { caseIds: ids });
  restrict(query, POLICY_CASE_ALIAS);
  order.forEach(([expression, direction], i) => {
    if (i === 0) query.orderBy(expression, direction);
    else query.addOrderBy(expression, direction);
  });
  return query.getMany();
}
