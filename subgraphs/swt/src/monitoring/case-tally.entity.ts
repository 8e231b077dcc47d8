import { Check, Column, Entity, PrimaryColumn } from "typeorm";

/**
 * What a tally row counts: cases opened, cases whose feedback says contact was made or the case was
 * taken into treatment, feedback given, and feedback given on time or late (Art. 5.4).
 */
export type CaseTallyMetric = "OPENED" | "CONTACT_MADE" | "TAKEN_INTO_TREATMENT" | "FEEDBACK_GIVEN" | "FEEDBACK_ON_TIME" | "FEEDBACK_LATE";

/**
 * The anonymous monthly tally (anonieme maandtelling) of erased cases: per month the case was opened,
 * municipality and corporation, how many erased cases had each property, whether they were erased
 * after an objection (Art. 3.4) or at the end of their retention period. It names no person and no
 * case. The covenant's monitoring (Art. 5.3, 6.3) counts live cases plus this tally, so erasing a case
 * never changes a published figure. Rows are only ever added to, by `addCasesToTally` in the erasing
 * transaction.
 */
@Entity("case_tally")
@Check("case_tally_month_check", `"month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check("case_tally_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
@Check("case_tally_metric_check", `length(trim("metric")) > 0`)
@Check("case_tally_count_check", `"count" >= 0`)
export class CaseTallyEntity {
  /** The month the erased cases were opened (YYYY-MM). */
  @PrimaryColumn("text", { primaryKeyConstraintName: "case_tally_pkey" })
  month: string;

  @PrimaryColumn("text", { primaryKeyConstraintName: "case_tally_pkey" })
  municipalityCode: string;

  @PrimaryColumn("text", { primaryKeyConstraintName: "case_tally_pkey" })
  corporationId: string;

  @PrimaryColumn("text", { primaryKeyConstraintName: "case_tally_pkey" })
  metric: CaseTallyMetric;

  @Column("integer")
  count: number;
}
