import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";

export type ReferralTargetValue = "SWT" | "BUDGET_COACH";

/**
 * The forwarding (doorverwijzing) of a signal after its priority: priorities I-III go to the SWT
 * team that covers the tenant's address, IV to the budget coach. The date of forwarding starts the
 * feedback clock of Art. 5.4 (5 or 10 working days).
 */
@Entity("referral")
@Unique("referral_signal_key", ["signalId"])
@Index("referral_team_idx", ["teamId"])
@Check("referral_target_check", `"target" IN ('SWT', 'BUDGET_COACH')`)
@Check("referral_team_check", `("target" = 'SWT' AND "team_id" IS NOT NULL) OR ("target" = 'BUDGET_COACH' AND "team_id" IS NULL)`)
export class ReferralEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column("uuid")
  @ForeignKey(() => SignalEntity, { name: "referral_signal_fkey", onDelete: "CASCADE" })
  signalId: string;

  @Column("text")
  target: ReferralTargetValue;

  /** Slug of the SWT team (e.g. haarlem-schalkwijk); none for the budget coach. */
  @Column("text", { nullable: true })
  teamId: string | null;

  /** The working day the signal was forwarded: day zero of the feedback term. */
  @Column("date")
  forwardedOn: string;

  @Column("timestamptz")
  forwardedAt: Date;
}
