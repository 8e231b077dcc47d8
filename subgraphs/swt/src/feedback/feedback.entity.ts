import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { CaseEntity } from "../case/case.entity.js";

/**
 * Feedback (terugkoppeling) from the team to the corporation on a case (Art. 5.4-5.5), due within 5
 * working days for signals in collection or with the bailiff, 10 otherwise. Its four elements: whether
 * contact was made; whether the case is taken into treatment; whether collection can be suspended;
 * the date rent payments resume and the arrangement for the arrears. One per case.
 *
 * Privacy limit (Art. 5.5): when a case is not taken up for another reason, the corporation may learn
 * only THAT (`notTakenUpForOtherReason`), never why; `reasonNotTakenUp` stays within the SWT.
 */
@Entity("feedback")
@Index("feedback_case_key", ["caseId"], { unique: true })
@Check("feedback_not_taken_up_check", `NOT ("not_taken_up_for_other_reason" AND "taken_into_treatment")`)
@Check("feedback_reason_check", `"reason_not_taken_up" IS NULL OR "not_taken_up_for_other_reason"`)
// The privacy limit in the table itself: feedback "not taken up for another reason" carries nothing
// else the corporation could read a reason into.
@Check(
  "feedback_not_taken_up_hints_check",
  `NOT "not_taken_up_for_other_reason" OR (NOT "collection_can_be_suspended" AND "payments_resume_on" IS NULL AND "arrears_arrangement" IS NULL)`,
)
export class FeedbackEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "feedback_pkey" })
  id: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "feedback_case_fkey", onDelete: "CASCADE" })
  caseId: string;

  @Column("date")
  givenOn: string;

  @Column("boolean")
  contactMade: boolean;

  @Column("boolean")
  takenIntoTreatment: boolean;

  @Column("boolean")
  collectionCanBeSuspended: boolean;

  /** The agreed day on which current rent payments resume. */
  @Column("date", { nullable: true })
  paymentsResumeOn: string | null;

  /** The arrangement agreed for paying off the arrears. */
  @Column("text", { nullable: true })
  arrearsArrangement: string | null;

  /** Not taken up for a reason other than those above: the corporation learns this fact only. */
  @Column("boolean", { default: false })
  notTakenUpForOtherReason: boolean;

  /** Why it was not taken up; never shown to a corporation. */
  @Column("text", { nullable: true })
  reasonNotTakenUp: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
