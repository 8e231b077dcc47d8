import { IsNull, type DataSource, type EntityManager } from "typeorm";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { addDays } from "../../../shared/src/covenant/working-days.js";
import { badInput, userError } from "../../../shared/src/errors.js";
import { firstDayOfWork, lockCaseForWork, POLICY_CASE_ALIAS } from "../case/case-rows.js";
import { CaseSignalEntity } from "../case/case-signal.entity.js";
import { CaseEntity } from "../case/case.entity.js";
import type { CasePolicy } from "../case/case.policy.js";
import { isFeedbackOverdue } from "../feedback-deadline/feedback-deadline.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { groupBy, oneBy } from "../ids.js";
import { FeedbackEntryEntity } from "./feedback-entry.entity.js";
import { FeedbackEntryKind, FeedbackUpdateKind } from "./feedback-entry.enums.js";
import type { FeedbackEntry, FeedbackUpdateInput, SignalFeedbackStatus } from "./feedback-entry.type.js";
import { FeedbackEntity } from "./feedback.entity.js";
import { feedbackContentOf, type FeedbackService } from "./feedback.service.js";
import type { FeedbackInput } from "./feedback.type.js";

/** More entries than this on one case is no conversation but a runaway client. */
export const MAX_FEEDBACK_ENTRIES_PER_CASE = 200;
/** The largest monthly instalment an arrangement can name: EUR 10,000. */
export const MAX_MONTHLY_AMOUNT_CENTS = 1_000_000;
/** How far after the day it is given an update may look ahead (an arrangement starting, collection resuming). */
const MAX_DAYS_AHEAD = 366 * 2;
export const MAX_AWAITING = 500;

/** An entry as the history shows it, with the case it belongs to and, for the team only, why not taken up. */
export type FeedbackEntryView = FeedbackEntry & { caseId: string; createdAt: Date; reasonNotTakenUp: string | null };

/**
 * The feedback conversation (Art. 5.5) after the first feedback on a case: a first feedback on each
 * signal that joined the case later, dated updates, and corrections. Every read goes through the
 * case policy's feedback rule, so a corporation reads only what concerns its own tenants.
 */
export class FeedbackEntryService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /**
   * The whole feedback history of each case the caller may see, oldest first: the case's first
   * feedback (the first entry), then every later entry, each marked with what corrects it. Two
   * statements however many cases are asked.
   */
  async historyByCaseIds(caseIds: readonly string[]): Promise<FeedbackEntryView[][]> {
    const ids = caseIds.filter(isUuid);
    if (ids.length === 0) return caseIds.map(() => []);
    const firsts = await this.policy
      .restrictFeedback(
        this.db
          .getRepository(FeedbackEntity)
          .createQueryBuilder("feedback")
          .innerJoin(CaseEntity, POLICY_CASE_ALIAS, `${POLICY_CASE_ALIAS}.id = feedback.caseId`)
          .addSelect(`(SELECT link.signal_id FROM case_signal link WHERE link.case_id = feedback.case_id AND link.position = 1)`, "openingSignalId")
          .where("feedback.caseId = ANY(:ids)", { ids }),
        POLICY_CASE_ALIAS,
      )
      .getRawAndEntities<{ openingSignalId: string | null; feedback_id: string }>();
    const openingSignalOf = new Map(firsts.raw.map((row) => [row.feedback_id, row.openingSignalId]));
    const entries = await this.policy
      .restrictFeedback(
        this.db
          .getRepository(FeedbackEntryEntity)
          .createQueryBuilder("entry")
          .innerJoin(CaseEntity, POLICY_CASE_ALIAS, `${POLICY_CASE_ALIAS}.id = entry.caseId`)
          .where("entry.caseId = ANY(:ids)", { ids }),
        POLICY_CASE_ALIAS,
      )
      .getMany();
    const views: FeedbackEntryView[] = [...firsts.entities.map((first) => viewOfFirst(first, openingSignalOf.get(first.id) ?? null)), ...entries.map(viewOfEntry)];
    const replacedBy = new Map(views.filter((view) => view.replacesEntryId).map((view) => [view.replacesEntryId!, view.id]));
    for (const view of views) view.replacedByEntryId = replacedBy.get(view.id) ?? null;
    views.sort((a, b) => a.givenOn.localeCompare(b.givenOn) || a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
    return groupBy(caseIds, views, (view) => view.caseId);
  }

  /**
   * Where each signal stands with its feedback, for the signals whose case the caller may see with its
   * feedback; a signal not (yet) in a case is not forwarded. One statement for any number of signals.
   */
  async statusBySignalIds(signalIds: readonly string[]): Promise<SignalFeedbackStatus[]> {
    const valid = signalIds.filter(isUuid);
    const rows = valid.length === 0 ? [] : await this.statusQuery().andWhere("link.signalId = ANY(:signalIds)", { signalIds: valid }).getRawMany<StatusRow>();
    const found = oneBy(signalIds, rows, (row) => row.signalId);
    return signalIds.map((signalId, i) => statusOf(found[i] ?? null, signalId));
  }

  /**
   * The caller's signals whose first feedback is still awaited, overdue first (earliest due day first,
   * so every overdue one comes before any that is not), at most `first`.
   */
  async awaiting(first: number): Promise<SignalFeedbackStatus[]> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_AWAITING) {
      throw badInput(`first must be between 1 and ${MAX_AWAITING}; it was ${first}.`, { argument: "first" });
    }
    const rows = await this.statusQuery()
      .andWhere(`${FIRST_GIVEN_ON} IS NULL`)
      .orderBy('"feedbackDueOn"', "ASC")
      .addOrderBy("link.signalId", "ASC")
      .limit(first)
      .getRawMany<StatusRow>();
    return rows.map((row) => statusOf(row, row.signalId));
  }

  private statusQuery() {
    const query = this.db
      .getRepository(CaseSignalEntity)
      .createQueryBuilder("link")
      .innerJoin(CaseEntity, POLICY_CASE_ALIAS, `${POLICY_CASE_ALIAS}.id = link.caseId`)
      .select("link.signalId", "signalId")
      .addSelect("link.caseId", "caseId")
      .addSelect(`"link"."joined_on"::text`, "forwardedOn")
      .addSelect(`coalesce(link.feedbackDueOn, ${POLICY_CASE_ALIAS}.feedbackDueOn)::text`, "feedbackDueOn")
      .addSelect(`${FIRST_GIVEN_ON}::text`, "firstFeedbackOn");
    return this.policy.restrictFeedback(query, POLICY_CASE_ALIAS);
  }

  /**
   * The first feedback on a signal that joined the case after it was opened: it has a term of its own.
   * Sent again with the same content it answers the stored entry; different content is refused, as
   * for the case's first feedback (a mistake is corrected with correctFeedback).
   */
  async giveOnSignal(caseId: string, signalId: string, input: FeedbackInput, opening: FeedbackService): Promise<FeedbackEntryView> {
    const link =
      isUuid(signalId) && isUuid(caseId)
        ? await this.policy
            .restrictCasework(
              this.db.getRepository(CaseSignalEntity).createQueryBuilder("link").innerJoin(CaseEntity, POLICY_CASE_ALIAS, `${POLICY_CASE_ALIAS}.id = link.caseId`),
              POLICY_CASE_ALIAS,
            )
            .andWhere("link.signalId = :signalId AND link.caseId = :caseId", { signalId, caseId })
            .getOne()
        : null;
    if (!link) {
      throw userError("SIGNAL_NOT_IN_CASE", `Signal ${signalId} is not a signal of a case "${caseId}" that you may work on; take the ids from your case's signals.`, {
        argument: "signalId",
      });
    }
    // The signal that opened the case is answered by the case's first feedback, as before.
    if (link.position === 1) return viewOfFirst(await opening.give(caseId, input), signalId);
    const content = feedbackContentOf(input);
    rejectFreeText(input);
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      // As for the case's first feedback: from the day the signal reached the team, even when sdv
      // dates the forwarding on the next working day.
      const givenOn = checkedGivenOn(input.givenOn, firstDayOfWork({ openedOn: link.joinedOn, createdAt: link.createdAt }), "feedback.givenOn");
      const stored = await manager.findOneBy(FeedbackEntryEntity, { signalId, kind: FeedbackEntryKind.FIRST, replacesId: IsNull() });
      if (stored) {
        const same = (Object.keys(content) as (keyof typeof content)[]).every((key) => key === "arrearsArrangement" || stored[key as keyof FeedbackEntryEntity] === content[key]);
        if (same && (!input.givenOn || input.givenOn === stored.givenOn)) return viewOfEntry(stored);
        throw userError("FEEDBACK_ALREADY_GIVEN", `Feedback on signal ${signalId} was given on ${stored.givenOn}; correct it with correctFeedback, which keeps both on record.`, {
          argument: "signalId",
        });
      }
      await this.checkRoom(manager, kase.id);
      const { arrearsArrangement: _free, ...structured } = content;
      return viewOfEntry(await manager.save(manager.create(FeedbackEntryEntity, { caseId: kase.id, kind: FeedbackEntryKind.FIRST, signalId, givenOn, ...structured })));
    });
  }

  /** A dated update after the case's first feedback (help accepted, arrangement, collection may resume, closed), or a correction of one. */
  async addUpdate(caseId: string, input: FeedbackUpdateInput): Promise<FeedbackEntryView> {
    const needsDay = input.kind === FeedbackUpdateKind.ARRANGEMENT_AGREED || input.kind === FeedbackUpdateKind.COLLECTION_MAY_RESUME;
    if (needsDay && !input.effectiveOn) {
      throw badInput(
        `update.effectiveOn is required with ${input.kind}: give the day ${input.kind === FeedbackUpdateKind.ARRANGEMENT_AGREED ? "the arrangement starts" : "collection may resume"}.`,
        {
          field: "update.effectiveOn",
        },
      );
    }
    if (!needsDay && input.effectiveOn) {
      throw badInput(`update.effectiveOn is only given with ARRANGEMENT_AGREED or COLLECTION_MAY_RESUME; leave it out with ${input.kind}.`, { field: "update.effectiveOn" });
    }
    const amount = input.monthlyAmountCents ?? null;
    if (amount !== null && input.kind !== FeedbackUpdateKind.ARRANGEMENT_AGREED) {
      throw badInput("update.monthlyAmountCents is only given with ARRANGEMENT_AGREED; leave it out.", { field: "update.monthlyAmountCents" });
    }
    if (amount !== null && (amount < 1 || amount > MAX_MONTHLY_AMOUNT_CENTS)) {
      throw badInput(`update.monthlyAmountCents must be between 1 and ${MAX_MONTHLY_AMOUNT_CENTS} (euro cents); it was ${amount}.`, { field: "update.monthlyAmountCents" });
    }
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      const first = await manager.findOneBy(FeedbackEntity, { caseId: kase.id });
      if (!first) {
        throw userError("FEEDBACK_NOT_GIVEN", `Case ${kase.id} has no first feedback yet; give it with giveFeedback (due ${kase.feedbackDueOn}), then add updates.`, {
          argument: "caseId",
        });
      }
      const givenOn = checkedGivenOn(input.givenOn, first.givenOn, "update.givenOn");
      if (input.effectiveOn && (input.effectiveOn < kase.forwardedOn || input.effectiveOn > addDays(givenOn, MAX_DAYS_AHEAD))) {
        throw badInput(
          `update.effectiveOn (${input.effectiveOn}) must lie between the day the signal was forwarded (${kase.forwardedOn}) and two years after the update (${addDays(givenOn, MAX_DAYS_AHEAD)}).`,
          {
            field: "update.effectiveOn",
          },
        );
      }
      let replacesId: string | null = null;
      if (input.replaces) {
        const replaced = isUuid(input.replaces) ? await manager.findOneBy(FeedbackEntryEntity, { id: input.replaces, caseId: kase.id }) : null;
        if (!replaced || replaced.kind === FeedbackEntryKind.FIRST) {
          throw badInput(`update.replaces "${input.replaces}" is no update of case ${kase.id}; a first feedback is corrected with correctFeedback.`, { field: "update.replaces" });
        }
        await this.checkNotReplaced(manager, replaced.id, "update.replaces");
        replacesId = replaced.id;
      }
      await this.checkRoom(manager, kase.id);
      const entry = manager.create(FeedbackEntryEntity, {
        caseId: kase.id,
        kind: input.kind as unknown as FeedbackEntryKind,
        givenOn,
        effectiveOn: input.effectiveOn ?? null,
        monthlyAmountCents: amount,
        replacesId,
      });
      return viewOfEntry(await manager.save(entry));
    });
  }

  /**
   * A correction of a mistaken first feedback (the case's, or that on a joined signal): a new FIRST
   * entry on the same signal that says which entry it replaces. The mistaken one stays on record.
   */
  async correct(caseId: string, replaces: string, input: FeedbackInput): Promise<FeedbackEntryView> {
    const content = feedbackContentOf(input);
    rejectFreeText(input);
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      const history = await this.historyInside(manager, kase.id);
      const replaced = history.find((view) => view.id === replaces && view.kind === FeedbackEntryKind.FIRST);
      if (!replaced) {
        throw badInput(`replaces "${replaces}" is no first feedback of case ${kase.id}; take the id of an entry of kind FIRST from the case's feedbackHistory.`, {
          argument: "replaces",
        });
      }
      await this.checkNotReplaced(manager, replaced.id, "replaces");
      const givenOn = checkedGivenOn(input.givenOn, replaced.givenOn, "feedback.givenOn");
      await this.checkRoom(manager, kase.id);
      const { arrearsArrangement: _free, ...structured } = content;
      const entry = manager.create(FeedbackEntryEntity, {
        caseId: kase.id,
        kind: FeedbackEntryKind.FIRST,
        signalId: replaced.signalId,
        givenOn,
        replacesId: replaced.id,
        ...structured,
      });
      return viewOfEntry(await manager.save(entry));
    });
  }

  /** The history of one case inside a transaction (the case is locked and the caller's to work on). */
  private async historyInside(manager: EntityManager, caseId: string): Promise<FeedbackEntryView[]> {
    const first = await manager.findOneBy(FeedbackEntity, { caseId });
    const opening = await manager.findOneBy(CaseSignalEntity, { caseId, position: 1 });
    const entries = await manager.findBy(FeedbackEntryEntity, { caseId });
    return [...(first ? [viewOfFirst(first, opening?.signalId ?? null)] : []), ...entries.map(viewOfEntry)];
  }

  private async checkNotReplaced(manager: EntityManager, id: string, field: string): Promise<void> {
    const later = await manager.findOneBy(FeedbackEntryEntity, { replacesId: id });
    if (later) throw badInput(`Entry ${id} was already corrected by entry ${later.id}; correct that one instead.`, { [field === "replaces" ? "argument" : "field"]: field });
  }

  private async checkRoom(manager: EntityManager, caseId: string): Promise<void> {
    const count = await manager.countBy(FeedbackEntryEntity, { caseId });
    if (count >= MAX_FEEDBACK_ENTRIES_PER_CASE) {
      throw userError("FEEDBACK_ENTRIES_EXHAUSTED", `Case ${caseId} holds ${count} feedback entries, the most one case may hold.`, { argument: "caseId" });
    }
  }
}

/** The day the first feedback on a signal was given: the case's first feedback for the opening signal, else its own FIRST entry. */
const FIRST_GIVEN_ON = `(CASE WHEN link.position = 1
  THEN (SELECT f.given_on FROM feedback f WHERE f.case_id = link.case_id)
  ELSE (SELECT e.given_on FROM feedback_entry e WHERE e.signal_id = link.signal_id AND e.kind = 'FIRST' AND e.replaces_id IS NULL) END)`;

interface StatusRow {
  signalId: string;
  caseId: string;
  forwardedOn: string;
  feedbackDueOn: string;
  firstFeedbackOn: string | null;
}

function statusOf(row: StatusRow | null, signalId: string): SignalFeedbackStatus {
  if (!row) return { signal: { id: signalId }, caseId: null, forwarded: false, forwardedOn: null, feedbackDueOn: null, firstFeedbackOn: null, feedbackOverdue: false };
  return {
    signal: { id: signalId },
    caseId: row.caseId,
    forwarded: true,
    forwardedOn: row.forwardedOn,
    feedbackDueOn: row.feedbackDueOn,
    firstFeedbackOn: row.firstFeedbackOn,
    feedbackOverdue: isFeedbackOverdue({ feedbackDueOn: row.feedbackDueOn, givenOn: row.firstFeedbackOn }),
  };
}

/** The day an entry is given: default today; not in the future, not before `notBefore`. */
function checkedGivenOn(value: string | null | undefined, notBefore: string, field: string): string {
  const today = todayInNetherlands();
  const givenOn = value ?? today;
  if (givenOn > today) throw badInput(`${field} (${givenOn}) lies in the future; give a day on or before today (${today}).`, { field });
  if (givenOn < notBefore) throw badInput(`${field} (${givenOn}) lies before ${notBefore}, the day what it answers or follows on came.`, { field });
  return givenOn;
}

/** Later entries carry structured facts only: an arrangement is an ARRANGEMENT_AGREED update, not text. */
function rejectFreeText(input: FeedbackInput): void {
  if ((input.arrearsArrangement ?? "").trim()) {
    throw badInput("feedback.arrearsArrangement is free text and is not kept on later entries; leave it out and add an ARRANGEMENT_AGREED update with its start day.", {
      field: "feedback.arrearsArrangement",
    });
  }
}

function viewOfFirst(first: FeedbackEntity, openingSignalId: string | null): FeedbackEntryView {
  return {
    id: first.id,
    caseId: first.caseId,
    kind: FeedbackEntryKind.FIRST,
    givenOn: first.givenOn,
    signalId: openingSignalId,
    effectiveOn: null,
    monthlyAmountCents: null,
    replacesEntryId: null,
    replacedByEntryId: null,
    contactMade: first.contactMade,
    takenIntoTreatment: first.takenIntoTreatment,
    collectionCanBeSuspended: first.collectionCanBeSuspended,
    paymentsResumeOn: first.paymentsResumeOn,
    notTakenUpForOtherReason: first.notTakenUpForOtherReason,
    reasonNotTakenUp: first.reasonNotTakenUp,
    createdAt: first.createdAt,
  };
}

function viewOfEntry(entry: FeedbackEntryEntity): FeedbackEntryView {
  return {
    id: entry.id,
    caseId: entry.caseId,
    kind: entry.kind,
    givenOn: entry.givenOn,
    signalId: entry.signalId,
    effectiveOn: entry.effectiveOn,
    monthlyAmountCents: entry.monthlyAmountCents,
    replacesEntryId: entry.replacesId,
    replacedByEntryId: null,
    contactMade: entry.contactMade,
    takenIntoTreatment: entry.takenIntoTreatment,
    collectionCanBeSuspended: entry.collectionCanBeSuspended,
    paymentsResumeOn: entry.paymentsResumeOn,
    notTakenUpForOtherReason: entry.notTakenUpForOtherReason,
    reasonNotTakenUp: entry.reasonNotTakenUp,
    createdAt: entry.createdAt,
  };
}
