import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { CaseEntity } from "./case.entity.js";

/**
 * Why a signal went from one case to another:
 *  FORWARDING  sdv forwarded it anew to another holder (a changed priority, an SDV's reroute);
 *  HAND_OVER   the team that held the case handed it to another team or the budget coach.
 */
export type CaseTransferKind = "FORWARDING" | "HAND_OVER";

/**
 * A signal moving from the case of one holder to a case of another (overdracht): the old case closes
 * as TRANSFERRED once no signal is left in it, the new one has its own feedback term from the new
 * forwarding day. Kept for good, with who moved it and why; the record goes with the cases when
 * they are erased. A hand-over is told to sdv, which records the forwarding; `reportedOn` says when
 * sdv confirmed it (null: sent again with the team's next hand-over).
 */
@Entity("case_transfer")
@Index("case_transfer_from_case_idx", ["fromCaseId"])
@Index("case_transfer_to_case_idx", ["toCaseId"])
@Index("case_transfer_unreported_idx", ["fromTeamId"], { where: `"reported_on" IS NULL` })
@Check("case_transfer_kind_check", `"kind" IN ('FORWARDING', 'HAND_OVER')`)
@Check("case_transfer_teams_check", `"from_team_id" <> "to_team_id"`)
export class CaseTransferEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "case_transfer_pkey" })
  id: string;

  /** A Signal of the sdv subgraph. */
  @Column("uuid")
  signalId: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "case_transfer_from_case_fkey", onDelete: "CASCADE" })
  fromCaseId: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "case_transfer_to_case_fkey", onDelete: "CASCADE" })
  toCaseId: string;

  @Column("text")
  fromTeamId: string;

  @Column("text")
  toTeamId: string;

  @Column("text")
  kind: CaseTransferKind;

  /** Why, as the team handing over said it; null for a forwarding by sdv (its reason is kept there). */
  @Column("text", { nullable: true })
  reason: string | null;

  @Column("text")
  transferredBy: string;

  @Column("timestamptz")
  transferredAt: Date;

  @Column("date", { nullable: true })
  reportedOn: string | null;
}
