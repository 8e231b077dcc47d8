import type { DataSource } from "typeorm";
import { badInput, userError } from "../../../shared/src/errors.js";
import { firstDayOfWork, lockCaseForWork, POLICY_CASE_ALIAS, rowsOfVisibleCases } from "../case/case-rows.js";
import { CaseStatus } from "../case/case.enums.js";
import { CaseEntity } from "../case/case.entity.js";
import type { CasePolicy } from "../case/case.policy.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { groupBy, oneBy } from "../ids.js";
import { FeedbackEntity } from "./feedback.entity.js";
import type { FeedbackInput } from "./feedback.type.js";

/** The longest arrangement or reason: a summary for the corporation, or for the team's own memory. */
export const MAX_FEEDBACK_TEXT = 2_000;

/** What a feedback says, the day aside: what a retry must repeat to be the same feedback. */
type FeedbackContent = Pick<
  FeedbackEntity,
  "contactMade" | "takenIntoTreatment" | "collectionCanBeSuspended" | "paymentsResumeOn" | "arrearsArrangement" | "notTakenUpForOtherReason" | "reasonNotTakenUp"
>;

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

  /**
   * Gives the feedback on a case the caller works on (Art. 5.5), once. A retry with the same content
   * (and the same day, or none) answers the stored feedback; anything else is refused, because the
   * corporation may already have acted on what it read. Feedback that the case is taken into
   * treatment also takes an OPEN case into treatment.
   */
  async give(caseId: string, input: FeedbackInput): Promise<FeedbackEntity> {
    const content = feedbackContentOf(input);
    const today = todayInNetherlands();
    if (input.givenOn && input.givenOn > today) {
      throw badInput(`feedback.givenOn (${input.givenOn}) lies in the future; feedback is given on or before today (${today}).`, { field: "feedback.givenOn" });
    }
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      const stored = await manager.findOneBy(FeedbackEntity, { caseId: kase.id });
      if (stored) {
        if (sameContent(stored, content) && (!input.givenOn || input.givenOn === stored.givenOn)) return stored;
        throw userError(
          "FEEDBACK_ALREADY_GIVEN",
          `Feedback on case ${kase.id} was given on ${stored.givenOn}; feedback is final once given, and the corporation may already have acted on it. Correct a mistake with correctFeedback, which keeps both on record.`,
          { argument: "caseId" },
        );
      }
      const givenOn = input.givenOn ?? today;
      const firstDay = firstDayOfWork({ openedOn: kase.forwardedOn, createdAt: kase.createdAt });
      if (givenOn < firstDay) {
        throw badInput(`feedback.givenOn (${givenOn}) lies before the signal was forwarded to the team (${firstDay}).`, { field: "feedback.givenOn" });
      }
      const feedback = await manager.save(manager.create(FeedbackEntity, { caseId: kase.id, givenOn, ...content }));
      if (content.takenIntoTreatment && kase.status === CaseStatus.OPEN) {
        await manager.update(CaseEntity, { id: kase.id }, { status: CaseStatus.IN_TREATMENT });
      }
      return feedback;
    });
  }
}

/**
 * The content of a feedback input, checked against the covenant's rules. Every refusal names the
 * field to change. The privacy limit (Art. 5.5): "not taken up for another reason" travels alone.
 */
export function feedbackContentOf(input: FeedbackInput): FeedbackContent {
  const arrearsArrangement = optionalText(input.arrearsArrangement, "feedback.arrearsArrangement");
  const reasonNotTakenUp = optionalText(input.reasonNotTakenUp, "feedback.reasonNotTakenUp");
  const notTakenUp = input.notTakenUpForOtherReason ?? false;
  if (notTakenUp) {
    const hints = [
      input.takenIntoTreatment ? "feedback.takenIntoTreatment must be false" : null,
      input.collectionCanBeSuspended ? "feedback.collectionCanBeSuspended must be false" : null,
      input.paymentsResumeOn ? "feedback.paymentsResumeOn must be left out" : null,
      arrearsArrangement !== null ? "feedback.arrearsArrangement must be left out" : null,
    ].filter((hint): hint is string => hint !== null);
    if (hints.length > 0) {
      throw badInput(`With notTakenUpForOtherReason, ${hints.join(" and ")}: the corporation may learn only that the signal was not taken up, nothing that hints why (Art. 5.5).`, {
        field: hints[0]!.split(" ")[0],
      });
    }
    if (reasonNotTakenUp === null) {
      throw badInput("feedback.reasonNotTakenUp is required with notTakenUpForOtherReason: say why, for the team's own record; the corporation never reads it.", {
        field: "feedback.reasonNotTakenUp",
      });
    }
  } else if (reasonNotTakenUp !== null) {
    throw badInput("feedback.reasonNotTakenUp is only given with notTakenUpForOtherReason: true; leave it out, or set notTakenUpForOtherReason.", {
      field: "feedback.reasonNotTakenUp",
    });
  }
  return {
    contactMade: input.contactMade,
    takenIntoTreatment: input.takenIntoTreatment,
    collectionCanBeSuspended: input.collectionCanBeSuspended,
    paymentsResumeOn: input.paymentsResumeOn ?? null,
    arrearsArrangement,
    notTakenUpForOtherReason: notTakenUp,
    reasonNotTakenUp,
  };
}

/** A trimmed text, or null when left out or blank; refused when too long. */
function optionalText(value: string | null | undefined, field: string): string | null {
  const text = (value ?? "").trim();
  if (!text) return null;
  if (text.length > MAX_FEEDBACK_TEXT) throw badInput(`${field} is ${text.length} characters long; at most ${MAX_FEEDBACK_TEXT}.`, { field });
  return text;
}

function sameContent(stored: FeedbackEntity, content: FeedbackContent): boolean {
  return (Object.keys(content) as (keyof FeedbackContent)[]).every((key) => stored[key] === content[key]);
}
