import type { DataSource } from "typeorm";
import { countCells, groupsAsked, type CountGroup } from "../../../shared/src/count-cells.js";
import { badInput } from "../../../shared/src/errors.js";
import { CaseEntity } from "../case/case.entity.js";
import type { CasePolicy } from "../case/case.policy.js";
import { FeedbackEntity } from "../feedback/feedback.entity.js";
import { CaseGroup, type CaseCount, type CaseCountFilter } from "./case-count.type.js";

const CASE = "countedCase";
const FEEDBACK = "countedFeedback";

type Key = Exclude<keyof CaseCount, "households" | "suppressed">;

/** Each grouping key: the cell field it fills, its SQL, and whether it needs the feedback joined. */
const GROUPS: Record<CaseGroup, CountGroup<Key> & { feedback?: true }> = {
  [CaseGroup.MONTH_OPENED]: { key: "month", expression: `to_char(${CASE}.openedOn, 'YYYY-MM')` },
  [CaseGroup.TEAM]: { key: "teamId", expression: `${CASE}.teamId` },
  [CaseGroup.MUNICIPALITY]: { key: "municipalityCode", expression: `${CASE}.municipalityCode` },
  [CaseGroup.STATUS]: { key: "status", expression: `${CASE}.status` },
  [CaseGroup.OUTCOME]: { key: "outcome", expression: `${CASE}.outcome` },
  [CaseGroup.CONTACT_MADE]: { key: "contactMade", expression: `${FEEDBACK}.contactMade`, feedback: true },
  [CaseGroup.TAKEN_INTO_TREATMENT]: { key: "takenIntoTreatment", expression: `${FEEDBACK}.takenIntoTreatment`, feedback: true },
};

/** A cell's keys before the grouped ones are filled in: null means "not grouped by". */
const UNGROUPED: Record<Key, null> = {
  month: null,
  teamId: null,
  municipalityCode: null,
  status: null,
  outcome: null,
  contactMade: null,
  takenIntoTreatment: null,
};

/**
 * Counts of households with a case, for monitoring by analysts, the coordinator and SDV. The policy
 * decides which cases are counted; every cell under the suppression threshold is withheld here.
 */
export class CaseCountService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /** One statement: the cells of the keys asked, each with its distinct households. */
  async count(groupBy: readonly CaseGroup[], filter: CaseCountFilter | null | undefined): Promise<CaseCount[]> {
    const f = filter ?? {};
    if (f.openedFrom && f.openedTo && f.openedFrom > f.openedTo) {
      throw badInput(`filter.openedFrom (${f.openedFrom}) lies after filter.openedTo (${f.openedTo}); swap them.`, { field: "filter.openedFrom" });
    }
    if (f.municipalityCode && !/^\d{4}$/.test(f.municipalityCode)) {
      throw badInput(`filter.municipalityCode "${f.municipalityCode}" is not a CBS code; use four digits, e.g. 0392.`, { field: "filter.municipalityCode" });
    }
    const groups = groupsAsked(GROUPS, groupBy);

    const query = this.db.createQueryBuilder().from(CaseEntity, CASE);
    if (groups.some((group) => group.feedback)) query.leftJoin(FeedbackEntity, FEEDBACK, `${FEEDBACK}.caseId = ${CASE}.id`);
    this.policy.restrictCaseCounts(query, CASE);
    if (f.openedFrom) query.andWhere(`${CASE}.openedOn >= :openedFrom`, { openedFrom: f.openedFrom });
    if (f.openedTo) query.andWhere(`${CASE}.openedOn <= :openedTo`, { openedTo: f.openedTo });
    if (f.municipalityCode) query.andWhere(`${CASE}.municipalityCode = :municipalityCode`, { municipalityCode: f.municipalityCode });
    if (f.teamId) query.andWhere(`${CASE}.teamId = :teamId`, { teamId: f.teamId });

    return countCells<CaseCount>(query, { households: `COUNT(DISTINCT ${CASE}.tenantId)` }, groups, UNGROUPED);
  }
}
