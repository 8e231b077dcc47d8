import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { CaseEntity } from "../case/case.entity.js";
import { sqlList } from "../sql.js";
import { FeedbackEntryKind } from "./feedback-entry.enums.js";

/**
 * An entry of the feedback conversation (Art. 5.5) that follows the first feedback on a case
 * (FeedbackEntity): the first feedback on a signal that joined the case later (it has a term of its
 * own), a dated update (help accepted, arrangement agreed from a day, collection may resume from a
 * day, case closed), or a correction, which says which entry it replaces. Entries are never changed
 * or removed while the case lives: the corporation may have acted on each. Only structured facts:
 * nothing here is free text the corporation could read the household's situation from.
 */
@Entity("feedback_entry")
@Index("feedback_entry_case_idx", ["caseId", "givenOn"])
@Index("feedback_entry_replaces_key", ["replacesId"], { unique: true, where: `"replaces_id" IS NOT NULL` })
@Index("feedback_entry_first_key", ["signalId"], { unique: true, where: `"kind" = 'FIRST' AND "replaces_id" IS NULL` })
@Check("feedback_entry_kind_check", `"kind" IN (${sqlList(Object.values(FeedbackEntryKind))})`)
@Check(
  "feedback_entry_first_check",
  `("kind" = 'FIRST') = ("contact_made" IS NOT NULL AND "taken_into_treatment" IS NOT NULL AND "collection_can_be_suspended" IS NOT NULL AND "not_taken_up_for_other_reason" IS NOT NULL)`,
)
@Check("feedback_entry_effective_on_check", `("effective_on" IS NOT NULL) = ("kind" IN ('ARRANGEMENT_AGREED', 'COLLECTION_MAY_RESUME'))`)
@Check("feedback_entry_amount_check", `"monthly_amount_cents" IS NULL OR ("kind" = 'ARRANGEMENT_AGREED' AND "monthly_amount_cents" > 0)`)
@Check(
  "feedback_entry_not_taken_up_check",
  `NOT coalesce("not_taken_up_for_other_reason", false) OR (NOT "taken_into_treatment" AND NOT "collection_can_be_suspended" AND "payments_resume_on" IS NULL)`,
)
@Check("feedback_entry_reason_check", `"reason_not_taken_up" IS NULL OR "not_taken_up_for_other_reason"`)
export class FeedbackEntryEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "feedback_entry_pkey" })
  id: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "feedback_entry_case_fkey", onDelete: "CASCADE" })
  caseId: string;

  @Column("text")
  kind: FeedbackEntryKind;

  /** The signal a FIRST entry answers; null on updates, which speak of the whole case. */
  @Column("uuid", { nullable: true })
  signalId: string | null;

  @Column("date")
  givenOn: string;

  /** ARRANGEMENT_AGREED: the day the arrangement starts; COLLECTION_MAY_RESUME: the day collection may resume. */
  @Column("date", { nullable: true })
  effectiveOn: string | null;

  /** ARRANGEMENT_AGREED: the monthly instalment on the arrears, when agreed. */
  @Column("int", { nullable: true })
  monthlyAmountCents: number | null;

  /** The entry (or the case's first feedback) this one corrects; each is corrected at most once. */
  @Column("uuid", { nullable: true })
  replacesId: string | null;

  // The first feedback's elements, on FIRST entries only.
  @Column("boolean", { nullable: true })
  contactMade: boolean | null;

  @Column("boolean", { nullable: true })
  takenIntoTreatment: boolean | null;

  @Column("boolean", { nullable: true })
  collectionCanBeSuspended: boolean | null;

  @Column("date", { nullable: true })
  paymentsResumeOn: string | null;

  @Column("boolean", { nullable: true })
  notTakenUpForOtherReason: boolean | null;

  /** Why it was not taken up; the team's own record, never shown to a corporation. */
  @Column("text", { nullable: true })
  reasonNotTakenUp: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
