import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryColumn } from "typeorm";
import { CaseEntity } from "./case.entity.js";

/**
 * A signal (vroegsignaal) bundled in a case. A case holds one or more signals of one household; a
 * signal belongs to at most one case, hence the signal id is the key. `position` orders them: 1 is
 * the signal that opened the case, so "the case's signal" needs no date owned by another subgraph.
 */
@Entity("case_signal")
@Index("case_signal_case_position_key", ["caseId", "position"], { unique: true })
@Check("case_signal_position_check", `"position" >= 1`)
export class CaseSignalEntity {
  /** A Signal of the sdv subgraph. */
  @PrimaryColumn("uuid", { primaryKeyConstraintName: "case_signal_pkey" })
  signalId: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "case_signal_case_fkey", onDelete: "CASCADE" })
  caseId: string;

  /** 1 for the signal that opened the case, then 2, 3, ... as later signals join it. */
  @Column("int")
  position: number;

  /** The day the signal joined the case: the day it was forwarded to the team. */
  @Column("date")
  joinedOn: string;

  /**
   * The last day of this signal's own feedback term (Art. 5.4), counted from the day it joined in its
   * own phase as delivered: a later signal of the household (now with the bailiff, say) is answered too.
   * Null means the case's own term (that of the signal that opened it).
   */
  @Column("date", { nullable: true })
  feedbackDueOn: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
