import type { DataSource } from "typeorm";
import { POLICY_CASE_ALIAS, rowsOfVisibleCases } from "../case/case-rows.js";
import { CaseEntity } from "../case/case.entity.js";
import type { CasePolicy } from "../case/case.policy.js";
import { groupBy, isUuid, oneBy } from "../ids.js";
import { FeedbackEntity } from "./feedback.entity.js";

const ALIAS = "feedback";

/** Feedback (terugkoppeling) to the corporations: every read goes through the policy's feedback rule. */
export class FeedbackService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /** The feedback of each case the caller may see, or null when none was given yet. */
  async byCaseIds(caseIds: readonly string[]): Promise<(FeedbackEntity | null)[]> {
    const rows = await rowsOfVisibleCases(this.db, this.policy.restrictFeedback, FeedbackEntity, ALIAS, caseIds, []);
    return oneBy(caseIds, rows, (row) => row.caseId);
  }

  /**
   * The feedback on each tenant's cases that the caller may read, newest first: for a corporation the
   * cases whose feedback goes to it, for SDV, SWT and the budget coach the cases they may see.
   */
  async byTenantIds(tenantIds: readonly string[]): Promise<FeedbackEntity[][]> {
    const valid = tenantIds.filter(isUuid);
    if (valid.length === 0) return tenantIds.map(() => []);
    const query = this.db
      .getRepository(FeedbackEntity)
      .createQueryBuilder(ALIAS)
      .innerJoin(CaseEntity, POLICY_CASE_ALIAS, `${POLICY_CASE_ALIAS}.id = ${ALIAS}.caseId`)
      .addSelect(`${POLICY_CASE_ALIAS}.tenantId`, "tenantId")
      .where(`${POLICY_CASE_ALIAS}.tenantId = ANY(:tenantIds)`, { tenantIds: valid });
    this.policy.restrictFeedback(query, POLICY_CASE_ALIAS);
    const { entities, raw } = await query.orderBy(`${ALIAS}.givenOn`, "DESC").addOrderBy(`${ALIAS}.id`, "DESC").getRawAndEntities<{ tenantId: string }>();
    // One feedback per case and one case per feedback row, so raw rows and entities pair up by id.
    const tenantOf = new Map(raw.map((row) => [(row as Record<string, string>)[`${ALIAS}_id`]!, row.tenantId]));
    return groupBy(tenantIds, entities, (row) => tenantOf.get(row.id)!);
  }
}
