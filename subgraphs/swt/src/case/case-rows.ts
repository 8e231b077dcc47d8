import type { DataSource, EntityManager, EntityTarget, ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { userError } from "../../../shared/src/errors.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { isUuid } from "../../../shared/src/input-rules.js";
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

/**
 * The case `caseId` if the caller may work on it, locked (FOR UPDATE) until the transaction ends, so
 * that two writes to one case follow each other. A case that does not exist and one the caller may
 * not work on get the same answer: nothing confirms that a case of another team exists.
 */
export async function lockCaseForWork(manager: EntityManager, restrict: CaseRestriction, caseId: string): Promise<CaseEntity> {
  const found = isUuid(caseId)
    ? await restrict(manager.getRepository(CaseEntity).createQueryBuilder(POLICY_CASE_ALIAS), POLICY_CASE_ALIAS)
        .andWhere(`${POLICY_CASE_ALIAS}.id = :lockedCaseId`, { lockedCaseId: caseId })
        .setLock("pessimistic_write")
        .getOne()
    : null;
  if (!found) {
    throw userError("CASE_NOT_FOUND", `No case with id "${caseId}" that you may work on; take the id from your cases list.`, { argument: "caseId" });
  }
  return found;
}

/**
 * The first day the team could work on a case: the day it was opened, or the day the case reached
 * the team when that came earlier. sdv dates a forwarding on the first working day from the day it
 * forwards, so a signal forwarded on a Saturday opens its case on Monday while the team sees it, and
 * may act on it, that Saturday.
 */
export function firstDayOfWork(kase: Pick<CaseEntity, "openedOn" | "createdAt">): string {
  const reached = todayInNetherlands(kase.createdAt);
  return reached < kase.openedOn ? reached : kase.openedOn;
}
