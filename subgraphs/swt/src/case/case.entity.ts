import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { TeamEntity } from "../team/team.entity.js";
import { sqlList } from "../sql.js";
import { CaseOutcome, CaseStatus } from "./case.enums.js";

/**
 * A case (casus; in DDAS a vroegsignaalzaak): the team's work with one household after a signal
 * was forwarded to it (Art. 5.4). It bundles that signal and any later signals of the same household
 * (CaseSignalEntity), the contact attempts, notes and the feedback to the corporation. The tenant and
 * the signals belong to other subgraphs; a case holds only their ids.
 */
@Entity("case")
@Index("case_opened_on_idx", ["openedOn", "id"])
@Index("case_team_opened_on_idx", ["teamId", "openedOn", "id"])
@Index("case_tenant_idx", ["tenantId"])
@Index("case_municipality_opened_on_idx", ["municipalityCode", "openedOn", "id"])
@Index("case_feedback_due_on_idx", ["feedbackDueOn", "id"])
@Check("case_corporation_id_check", `"corporation_id" IS NULL OR "corporation_id" ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`)
@Check("case_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
@Check("case_status_check", `"status" IN (${sqlList(Object.values(CaseStatus))})`)
@Check("case_outcome_check", `"outcome" IS NULL OR "outcome" IN (${sqlList(Object.values(CaseOutcome))})`)
@Check("case_feedback_phase_check", `"feedback_phase" IN (${sqlList(Object.values(Phase))})`)
@Check("case_feedback_due_on_check", `"feedback_due_on" > "forwarded_on"`)
@Check("case_closed_check", `("status" = 'CLOSED') = ("closed_on" IS NOT NULL) AND ("closed_on" IS NULL OR "closed_on" >= "opened_on")`)
export class CaseEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "case_pkey" })
  id: string;

  /** The team that holds the case. A team with cases cannot be removed. */
  @Column("text")
  @ForeignKey(() => TeamEntity, { name: "case_team_fkey", onDelete: "RESTRICT" })
  teamId: string;

  /** The household's contact person: a Tenant of the corporations subgraph. */
  @Column("uuid")
  tenantId: string;

  /**
   * The corporation the feedback goes to (Art. 5.5): the one that signalled the household. A fact of
   * the case, so that a corporation can read the feedback on its own tenants without swt asking
   * another subgraph. Null only on cases opened before it was recorded; those reach no corporation.
   */
  @Column("text", { nullable: true })
  corporationId: string | null;

  /**
   * CBS code of the municipality whose signal the case answers (the tenant's municipality when the
   * signal was forwarded). For an SWT team it is the team's own; the budget coach serves both
   * municipalities, so its referrals carry it here. SDV access, the budget coach's access and the
   * aggregates per municipality all read it.
   */
  @Column("text")
  municipalityCode: string;

  @Column("text")
  status: CaseStatus;

  /** The day the team took the case up (DDAS datumOpgepakt). */
  @Column("date")
  openedOn: string;

  /**
   * The day sdv forwarded (doorzetten) the signal that opened the case to the team: the feedback
   * term of Art. 5.4 counts from the next working day. A later signal joining the case keeps it.
   */
  @Column("date")
  forwardedOn: string;

  /**
   * The collection phase of that signal as delivered (Art. 5.2), which sets the feedback term: 5
   * working days in collection (incasso) or with the bailiff (deurwaarder), 10 otherwise.
   */
  @Column("text")
  feedbackPhase: Phase;

  /** The last day of the feedback term: feedback to the corporation given on or before it is on time. */
  @Column("date")
  feedbackDueOn: string;

  /** Set exactly when the case is CLOSED. */
  @Column("date", { nullable: true })
  closedOn: string | null;

  /** The DDAS end result; normally set when the case is closed. */
  @Column("text", { nullable: true })
  outcome: CaseOutcome | null;

  /**
   * The day sdv took note that the case closed (its signals closed there too). Null on a CLOSED case
   * whose closure did not reach sdv yet: the team's next close sends it again.
   */
  @Column("date", { nullable: true })
  closureReportedOn: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
