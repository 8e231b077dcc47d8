import { Check, Column, Entity, PrimaryColumn } from "typeorm";

/**
 * What a tally row counts: signals received, per effective priority level, forwarded to the SWT or to
 * the budget coach, withdrawn after an objection (Art. 3.4), and refused at intake per refusal code
 * (`REFUSED:<code>` per reason, `REFUSED` per refused item).
 */
export type SignalTallyMetric =
  "RECEIVED" | "PRIORITY_I" | "PRIORITY_II" | "PRIORITY_III" | "PRIORITY_IV" | "FORWARDED_SWT" | "FORWARDED_BUDGET_COACH" | "WITHDRAWN" | "REFUSED" | `REFUSED:${string}`;

/**
 * The anonymous monthly tally (anonieme maandtelling) of erased signals: per reporting month,
 * municipality and corporation, how many signals with each property were erased, after an objection
 * (Art. 3.4) or at the end of their retention period. It names no person and no signal. The covenant's
 * monitoring (Art. 5.3, 6.3) counts live signals plus this tally, so erasing a signal never changes a
 * published figure (only `signalsWithdrawn` counts up). Rows are only ever added to, by
 * `addSignalsToTally` in the erasing transaction.
 */
@Entity("signal_tally")
@Check("signal_tally_month_check", `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check("signal_tally_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
@Check("signal_tally_metric_check", `length(trim("metric")) > 0`)
@Check("signal_tally_count_check", `"count" >= 0`)
export class SignalTallyEntity {
  /** The reporting month of the erased signals (YYYY-MM). */
  @PrimaryColumn("text", { primaryKeyConstraintName: "signal_tally_pkey" })
  month: string;

  @PrimaryColumn("text", { primaryKeyConstraintName: "signal_tally_pkey" })
  municipalityCode: string;

  @PrimaryColumn("text", { primaryKeyConstraintName: "signal_tally_pkey" })
  corporationId: string;

  @PrimaryColumn("text", { primaryKeyConstraintName: "signal_tally_pkey" })
  metric: SignalTallyMetric;

  @Column("integer")
  count: number;
}
