import { Check, Column, Entity, Index, PrimaryColumn } from "typeorm";
import type { RefusalCodeValue } from "./intake.rules.js";

/**
 * A refused item of a corporation's monthly batch (geweigerd signaal, Art. 3.3, 4), kept only so that
 * the covenant's monitoring (Art. 5.3, 6.3) can count refusals per reason: one row per corporation,
 * reporting month, tenant reference and refusal code, written with ON CONFLICT DO NOTHING in the
 * intake's transaction, so a batch sent again never counts a refusal twice.
 *
 * The tenant reference itself is never stored, only `reference_digest`: the hex SHA-256 of
 * `${corporationId}\n${tenantReference}` (the reference as matched, trimmed). `municipality_code` is
 * the tenant's municipality when the tenant was found and lives in the covenant (0392, 0473), else
 * null. `tenant_id` is kept only so that a withdrawal after an objection (Art. 3.4) can erase the
 * tenant's refusals with the signals; it is null when the tenant was not found, and for an item refused
 * because an objection stands, so that nothing in sdv links a person who objected to that refusal.
 * DUPLICATE_IN_BATCH is not stored: it refuses a repeated line, not the tenant's signal, whose first
 * line is answered (and counted) on its own.
 *
 * For monitoring: count the rows per (reporting_month, municipality_code, corporation_id, code).
 * Retention erases a row once `first_refused_at` is older than RETENTION_UNCASED_SIGNAL_MONTHS; a
 * withdrawal erases the tenant's rows. Both first add the rows that have a municipality to the
 * anonymous tally (signal_tally) as metric `REFUSED:<code>` (e.g. `REFUSED:COLLECTION_STEPS_INCOMPLETE`)
 * with that municipality, through `addRefusalsToTally`. A row without a municipality belongs to no
 * cell of the monitoring grid (month × municipality × corporation), so it is erased without a tally.
 */
@Entity("intake_refusal")
@Index("intake_refusal_first_refused_idx", ["firstRefusedAt"])
@Index("intake_refusal_tenant_idx", ["tenantId"])
@Check("intake_refusal_reporting_month_check", `"reporting_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check("intake_refusal_reference_digest_check", `"reference_digest" ~ '^[0-9a-f]{64}$'`)
@Check("intake_refusal_code_check", `"code" ~ '^[A-Z][A-Z_]*$'`)
@Check("intake_refusal_municipality_code_check", `"municipality_code" IS NULL OR "municipality_code" ~ '^[0-9]{4}$'`)
export class IntakeRefusalEntity {
  /** The submitting corporation's stable id (elan-wonen, pre-wonen, ymere). */
  @PrimaryColumn("text", { primaryKeyConstraintName: "intake_refusal_pkey" })
  corporationId: string;

  /** The month the batch reported on (YYYY-MM). */
  @PrimaryColumn("text", { primaryKeyConstraintName: "intake_refusal_pkey" })
  reportingMonth: string;

  /** Hex SHA-256 of `${corporationId}\n${tenantReference}`; never the reference itself. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "intake_refusal_pkey" })
  referenceDigest: string;

  /** The refusal code (SignalRefusalCode), one row per code of the item. */
  @PrimaryColumn("text", { primaryKeyConstraintName: "intake_refusal_pkey" })
  code: RefusalCodeValue;

  /** CBS code of the tenant's municipality when the tenant was found in the covenant; else null. */
  @Column("text", { nullable: true })
  municipalityCode: string | null;

  /** The tenant, only to erase the row on withdrawal; null when not found or when an objection stands. */
  @Column("uuid", { nullable: true })
  tenantId: string | null;

  /** When the item was first refused for this code; the retention period runs from it. */
  @Column("timestamptz", { default: () => "now()" })
  firstRefusedAt: Date;
}
