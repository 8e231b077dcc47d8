import type { DataSource } from "typeorm";
import { badInput } from "../../../shared/src/errors.js";
import { paginate, type Page } from "../../../shared/src/pagination.js";
import { FeedbackState } from "../feedback-deadline/feedback-deadline.type.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { groupBy, oneBy } from "../ids.js";
import { CaseSignalEntity } from "./case-signal.entity.js";
import { rowsOfVisibleCases } from "./case-rows.js";
import { CaseStatus } from "./case.enums.js";
import { CaseEntity } from "./case.entity.js";
import type { CasePolicy } from "./case.policy.js";
import type { CasesArgs } from "./case.type.js";

const ALIAS = "swtCase";

const FEEDBACK_OF_CASE = `SELECT 1 FROM "feedback" "stateFeedback" WHERE "stateFeedback"."case_id" = "${ALIAS}"."id"`;

/** Each feedback state as a condition on the case row; the same rules as Case.feedbackOverdue and feedbackOnTime. */
const FEEDBACK_STATE_SQL: Record<FeedbackState, string> = {
  [FeedbackState.AWAITED]: `NOT EXISTS (${FEEDBACK_OF_CASE}) AND "${ALIAS}"."feedback_due_on" >= :feedbackToday`,
  [FeedbackState.OVERDUE]: `NOT EXISTS (${FEEDBACK_OF_CASE}) AND "${ALIAS}"."feedback_due_on" < :feedbackToday`,
  [FeedbackState.ON_TIME]: `EXISTS (${FEEDBACK_OF_CASE} AND "stateFeedback"."given_on" <= "${ALIAS}"."feedback_due_on")`,
  [FeedbackState.LATE]: `EXISTS (${FEEDBACK_OF_CASE} AND "stateFeedback"."given_on" > "${ALIAS}"."feedback_due_on")`,
};

/** Cases: every read goes through the case policy, one query per batch of ids. */
export class CaseService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  private visible() {
    return this.policy.restrictCases(this.db.getRepository(CaseEntity).createQueryBuilder(ALIAS), ALIAS);
  }

  /** The caller's cases, newest opened first. */
  async list(args: CasesArgs): Promise<Page<CaseEntity>> {
    const query = this.visible();
    const f = args.filter ?? {};
    if (f.teamId) query.andWhere(`${ALIAS}.teamId = :teamId`, { teamId: f.teamId });
    if (f.status) query.andWhere(`${ALIAS}.status = :status`, { status: f.status });
    if (f.tenantId) {
      if (!isUuid(f.tenantId)) throw badInput(`filter.tenantId "${f.tenantId}" is not a tenant id; tenant ids are uuids.`, { field: "filter.tenantId" });
      query.andWhere(`${ALIAS}.tenantId = :tenantId`, { tenantId: f.tenantId });
    }
    if (f.openedFrom && f.openedTo && f.openedFrom > f.openedTo) {
      throw badInput(`filter.openedFrom (${f.openedFrom}) lies after filter.openedTo (${f.openedTo}); swap them.`, { field: "filter.openedFrom" });
    }
    if (f.openedFrom) query.andWhere(`${ALIAS}.openedOn >= :openedFrom`, { openedFrom: f.openedFrom });
    if (f.openedTo) query.andWhere(`${ALIAS}.openedOn <= :openedTo`, { openedTo: f.openedTo });
    if (f.feedbackDueBy) query.andWhere(`${ALIAS}.feedbackDueOn <= :feedbackDueBy`, { feedbackDueBy: f.feedbackDueBy });
    if (f.feedback) query.andWhere(FEEDBACK_STATE_SQL[f.feedback], { feedbackToday: todayInNetherlands() });
    return paginate(query, args, { property: "openedOn", direction: "DESC" });
  }

  /** Cases by id in the order asked; null where absent or not the caller's to see. */
  async byIds(ids: readonly string[]): Promise<(CaseEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.visible().andWhere(`${ALIAS}.id = ANY(:ids)`, { ids: valid }).getMany() : [];
    return oneBy(ids, rows, (row) => row.id);
  }

  /** The caller's cases of each tenant, newest opened first. */
  async byTenantIds(tenantIds: readonly string[]): Promise<CaseEntity[][]> {
    const valid = tenantIds.filter(isUuid);
    const rows = valid.length
      ? await this.visible().andWhere(`${ALIAS}.tenantId = ANY(:tenantIds)`, { tenantIds: valid }).orderBy(`${ALIAS}.openedOn`, "DESC").addOrderBy(`${ALIAS}.id`, "DESC").getMany()
      : [];
    return groupBy(tenantIds, rows, (row) => row.tenantId);
  }

  /**
   * For each signal, the case that holds it when the caller may see that case, else null: the case
   * rows come with their links in one statement (a signal's case is asked for its fields at once).
   */
  async bySignalIds(signalIds: readonly string[]): Promise<(CaseEntity | null)[]> {
    const valid = signalIds.filter(isUuid);
    if (valid.length === 0) return signalIds.map(() => null);
    const { entities, raw } = await this.visible()
      .innerJoin(CaseSignalEntity, "link", `link.caseId = ${ALIAS}.id`)
      .addSelect("link.signalId", "linkSignalId")
      .andWhere("link.signalId = ANY(:signalIds)", { signalIds: valid })
      .getRawAndEntities<{ linkSignalId: string; [column: string]: unknown }>();
    // A case that holds several of the signals is one entity and several raw rows.
    const cases = new Map(entities.map((kase) => [kase.id, kase]));
    const caseOfSignal = new Map(raw.map((row) => [row.linkSignalId, cases.get(row[`${ALIAS}_id`] as string) ?? null]));
    return signalIds.map((id) => caseOfSignal.get(id) ?? null);
  }

  /** The signal ids of each case, the opening signal first. */
  async signalIdsByCaseIds(caseIds: readonly string[]): Promise<string[][]> {
    const links = await rowsOfVisibleCases(this.db, this.policy.restrictCases, CaseSignalEntity, "link", caseIds, [
      ["link.caseId", "ASC"],
      ["link.position", "ASC"],
    ]);
    return groupBy(caseIds, links, (link) => link.caseId).map((group) => group.map((link) => link.signalId));
  }

  /**
   * Of the given tenants (every tenant when `tenantIds` is null), those with a case that is not closed
   * and that the caller may see. Other subgraphs ask this on the caller's behalf to apply their own
   * row rules ("tenants with a case of its team", "tenants referred to it"). One statement.
   */
  async visibleTenantIds(tenantIds: readonly string[] | null): Promise<string[]> {
    const query = this.visible().select(`${ALIAS}.tenantId`, "tenantId").distinct(true).andWhere(`${ALIAS}.status <> :closed`, { closed: CaseStatus.CLOSED });
    if (tenantIds) {
      const valid = tenantIds.filter(isUuid);
      if (valid.length === 0) return [];
      query.andWhere(`${ALIAS}.tenantId = ANY(:tenantIds)`, { tenantIds: valid });
    }
    const rows = await query.orderBy(`${ALIAS}.tenantId`, "ASC").getRawMany<{ tenantId: string }>();
    return rows.map((row) => row.tenantId);
  }
}
