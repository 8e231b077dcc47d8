import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";

export type ReferralTargetValue = "SWT" | "BUDGET_COACH";

/**
 * The forwarding (doorverwijzing) of a signal after its priority: priorities I-III go to the SWT
 * team that covers the tenant's address, IV to the budget coach. The date of forwarding starts the
 * feedback clock of Art. 5.4 (5 or 10 working days). The budget coach is named by its team id
 * (BUDGET_COACH_TEAM), as the swt subgraph keeps its referrals as cases of that team. When a changed
 * priority moves a signal to another target, the row is updated and what stood before is kept in
 * priority_revision.
 */
@Entity("referral")
@Unique("referral_signal_key", ["signalId"])
@Index("referral_team_idx", ["teamId"])
@Check("referral_target_check", `"target" IN ('SWT', 'BUDGET_COACH')`)
@Check("referral_team_check", `("target" = 'SWT' AND "team_id" <> 'budget-coach') OR ("target" = 'BUDGET_COACH' AND "team_id" = 'budget-coach')`)
export class ReferralEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column("uuid")
  @ForeignKey(() => SignalEntity, { name: "referral_signal_fkey", onDelete: "CASCADE" })
  signalId: string;

  @Column("text")
  target: ReferralTargetValue;

  /** Slug of the team: an SWT team (e.g. haarlem-schalkwijk), or budget-coach. */
  @Column("text")
  teamId: string;

  /** The working day the signal was forwarded: day zero of the feedback term. */
  @Column("date")
  forwardedOn: string;

  @Column("timestamptz")
  forwardedAt: Date;
}
