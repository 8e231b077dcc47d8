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
 *
 * Every forwarding opens or joins a case (casus) at the SWT or the budget coach, in the swt subgraph:
 * `caseId` is that case, as swt answered it. Null means the case is pending: swt could not be reached
 * when the signal was forwarded, and the forwarding is sent again with the next forwarding by the same
 * corporation or SDV (see case-opening-request.ts).
 */
@Entity("referral")
@Unique("referral_signal_key", ["signalId"])
@Index("referral_team_idx", ["teamId"])
// Only the few forwardings that await their case: found at once by the next forwarding.
@Index("referral_case_pending_idx", ["signalId"], { where: `"case_id" IS NULL` })
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

  /** The case in the swt subgraph this forwarding opened or joined; null while it awaits its case. */
  @Column("uuid", { nullable: true })
  caseId: string | null;

  /**
   * The team that holds that case, as swt answered it: the team forwarded to, or another when the
   * signal joined the household's open case there (a household has one open case). That team works
   * the signal, so it may see it and report it closed (SignalPolicy). Null while the case is pending.
   */
  @Column("text", { nullable: true })
  caseTeamId: string | null;

  /**
   * True once the signal has been forwarded anew to another holder (a priority change, a reroute):
   * swt then moves it out of the case it was in, rather than answering that case. Sent with every
   * later request for its case, which swt answers idempotently.
   */
  @Column("boolean", { default: false })
  caseMove: boolean;
}
