import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import type { ReferralTargetValue } from "../referral/referral.entity.js";
import { SignalEntity } from "../signal/signal.entity.js";
import { ThresholdEntity } from "../threshold/threshold.entity.js";
import type { PriorityInputsRecord, PriorityLevelValue } from "./priority.entity.js";

export type PriorityRevisionKind = "RECOMPUTED" | "OVERRIDDEN";

const LEVELS = `('I', 'II', 'III', 'IV')`;

/**
 * A signal's priority and forwarding as they stood before a recomputation under a new threshold or an
 * SDV worker's override replaced them. The priority row always holds the decision in force; these rows
 * are its history, written in the same transaction as the change and never updated, so no earlier
 * decision is silently lost (Art. 5.3: the priorities are monitored and adjusted).
 */
@Entity("priority_revision")
@Index("priority_revision_signal_idx", ["signalId", "revisedAt"])
@Check("priority_revision_level_check", `"level" IN ${LEVELS}`)
@Check("priority_revision_override_level_check", `"override_level" IS NULL OR "override_level" IN ${LEVELS}`)
@Check("priority_revision_kind_check", `"revision" IN ('RECOMPUTED', 'OVERRIDDEN')`)
@Check("priority_revision_forwarded_to_check", `"forwarded_to" IS NULL OR "forwarded_to" IN ('SWT', 'BUDGET_COACH')`)
export class PriorityRevisionEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  @Column("uuid")
  @ForeignKey(() => SignalEntity, { name: "priority_revision_signal_fkey", onDelete: "CASCADE" })
  signalId: string;

  /** The computed level, rule, reason, inputs and threshold that stood. */
  @Column("text")
  level: PriorityLevelValue;

  @Column("text")
  rule: string;

  @Column("text")
  reason: string;

  @Column("jsonb")
  inputs: PriorityInputsRecord;

  @Column("uuid")
  @ForeignKey(() => ThresholdEntity, { name: "priority_revision_threshold_fkey", onDelete: "RESTRICT" })
  thresholdId: string;

  @Column("timestamptz")
  computedAt: Date;

  /** The override that stood, if any. */
  @Column("text", { nullable: true })
  overrideLevel: PriorityLevelValue | null;

  @Column("text", { nullable: true })
  overrideReason: string | null;

  @Column("text", { nullable: true })
  overriddenBy: string | null;

  /** Where the signal was forwarded then; null when it had not been forwarded. */
  @Column("text", { nullable: true })
  forwardedTo: ReferralTargetValue | null;

  @Column("text", { nullable: true })
  forwardedTeamId: string | null;

  @Column("date", { nullable: true })
  forwardedOn: string | null;

  /** What replaced it: a recomputation or an override. */
  @Column("text")
  revision: PriorityRevisionKind;

  @Column("text")
  revisedBy: string;

  @Column("timestamptz")
  revisedAt: Date;
}
