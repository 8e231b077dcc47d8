import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from "typeorm";

/**
 * A threshold amount (drempelbedrag, Art. 5.3 and footnote 1): arrears at or above it make a signal
 * priority II, below it priority IV. The covenant leaves the amount open, to be chosen in phase I and
 * adjusted after monthly monitoring, so it is a history: each row is valid from its date until a later
 * row takes over. Rows are never rewritten; a priority names the row it was computed with.
 */
@Entity("threshold")
@Index("threshold_valid_from_idx", ["validFrom", "createdAt"])
@Check("threshold_amount_check", `"amount_cents" > 0`)
@Check("threshold_reason_check", `length(trim("reason")) > 0`)
@Check("threshold_set_by_check", `length(trim("set_by")) > 0`)
export class ThresholdEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column("integer")
  amountCents: number;

  /** First day on which the amount applies, to signals received from that day on. */
  @Column("date")
  validFrom: string;

  /** Who set it: a user (sub) of SDV or the coordinator, or "covenant" for the default. */
  @Column("text")
  setBy: string;

  /** Why this amount: the monitoring finding or decision behind it. */
  @Column("text")
  reason: string;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
