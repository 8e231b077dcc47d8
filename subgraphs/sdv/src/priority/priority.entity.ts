import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from "typeorm";
import type { PhaseValue } from "../signal/signal.entity.js";
import { SignalEntity } from "../signal/signal.entity.js";
import { ThresholdEntity } from "../threshold/threshold.entity.js";

export type PriorityLevelValue = "I" | "II" | "III" | "IV";

/**
 * The facts a priority was computed from, kept as sdv received or derived them at the time, so the
 * outcome can be explained later even when the corporation's data or the threshold has moved on.
 * Of the SWT's household profile only the derived fact is kept (`knownVulnerableAtSwt`), never the
 * profile itself.
 */
export interface PriorityInputsRecord {
  /** The date the rules were applied to (the signal date). */
  signalDate: string;
  amountCents: number;
  phase: PhaseValue;
  bailiffHandoverOn: string | null;
  thresholdCents: number;
  /** Days before a planned bailiff hand-over in which priority I applies. */
  bailiffWindowDays: number | null;
  /** "Priority III applies": known at the SWT with children under 18 or a member aged 65+. */
  knownVulnerableAtSwt: boolean;
}

const LEVELS = `('I', 'II', 'III', 'IV')`;

/**
 * The priority (prioriteit, Art. 5.3) of one signal: the level I-IV the rules gave it, the rule and
 * a human-readable reason, the inputs and the threshold used. An SDV worker may override the level with
 * a reason; the override is kept beside the computed level, never in its place.
 */
@Entity("priority")
@Unique("priority_signal_key", ["signalId"])
@Index("priority_threshold_idx", ["thresholdId"])
@Check("priority_level_check", `"level" IN ${LEVELS}`)
@Check("priority_override_level_check", `"override_level" IS NULL OR "override_level" IN ${LEVELS}`)
@Check(
  "priority_override_complete_check",
  `("override_level" IS NULL AND "override_reason" IS NULL AND "overridden_by" IS NULL AND "overridden_at" IS NULL)
    OR ("override_level" IS NOT NULL AND length(trim("override_reason")) > 0 AND "overridden_by" IS NOT NULL AND "overridden_at" IS NOT NULL)`,
)
// The rule names its level (II.ABOVE_THRESHOLD), so a rule and a level can never disagree.
@Check("priority_rule_check", `"rule" ~ '^(I|II|III|IV)\\.[A-Z0-9_]+$' AND split_part("rule", '.', 1) = "level"`)
export class PriorityEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column("uuid")
  @ForeignKey(() => SignalEntity, { name: "priority_signal_fkey", onDelete: "CASCADE" })
  signalId: string;

  /** The level the rules gave. */
  @Column("text")
  level: PriorityLevelValue;

  /** The rule that decided, e.g. II.ABOVE_THRESHOLD. */
  @Column("text")
  rule: string;

  @Column("text")
  reason: string;

  @Column("jsonb")
  inputs: PriorityInputsRecord;

  /** The threshold in force for the signal when the priority was computed. */
  @Column("uuid")
  @ForeignKey(() => ThresholdEntity, { name: "priority_threshold_fkey", onDelete: "RESTRICT" })
  thresholdId: string;

  @Column("timestamptz")
  computedAt: Date;

  @Column("text", { nullable: true })
  overrideLevel: PriorityLevelValue | null;

  @Column("text", { nullable: true })
  overrideReason: string | null;

  @Column("text", { nullable: true })
  overriddenBy: string | null;

  @Column("timestamptz", { nullable: true })
  overriddenAt: Date | null;
}
