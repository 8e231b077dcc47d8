import { Check, Column, Entity, ForeignKey, Index, PrimaryGeneratedColumn, Unique } from "typeorm";

export type SignalChannelValue = "VPS" | "EMAIL";
export type PhaseValue = "ARREARS" | "COLLECTION" | "BAILIFF";
export type SignalStatusValue = "RECEIVED" | "FORWARDED" | "WITHDRAWN" | "CLOSED";

/** A live signal still asks something of the municipality; a withdrawn or closed one is only kept until erased. */
export const LIVE_STATUSES: SignalStatusValue[] = ["RECEIVED", "FORWARDED"];

/**
 * A signal (signaal, Art. 4): a corporation's monthly report that a tenant is at least 30 days
 * behind with the rent after the four collection (MVI) steps. sdv keeps it as the dated record of what
 * it received: the amount, phase and planned bailiff hand-over *as delivered*, never refreshed from
 * the corporation (the live phase is a federated lookup). The tenant and the corporation are
 * referred to by id only; their data stays with the corporations subgraph.
 */
@Entity("signal")
@Unique("signal_corporation_tenant_month_key", ["corporationId", "tenantId", "reportingMonth"])
@Index("signal_received_idx", ["receivedAt", "id"])
@Index("signal_municipality_received_idx", ["municipalityCode", "receivedAt", "id"])
@Index("signal_tenant_received_idx", ["tenantId", "receivedAt", "id"])
@Index("signal_previous_idx", ["previousSignalId"])
@Check("signal_channel_check", `"channel" IN ('VPS', 'EMAIL')`)
@Check("signal_status_check", `"status" IN ('RECEIVED', 'FORWARDED', 'WITHDRAWN', 'CLOSED')`)
@Check("signal_delivered_phase_check", `"delivered_phase" IN ('ARREARS', 'COLLECTION', 'BAILIFF')`)
@Check("signal_delivered_amount_check", `"delivered_amount_cents" > 0`)
@Check("signal_reporting_month_check", `"reporting_month" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)
@Check("signal_municipality_code_check", `"municipality_code" ~ '^[0-9]{4}$'`)
@Check("signal_previous_not_self_check", `"previous_signal_id" IS NULL OR "previous_signal_id" <> "id"`)
@Check("signal_postcode_area_check", `"postcode_area" IS NULL OR "postcode_area" ~ '^[1-9][0-9]{3}$'`)
@Check("signal_closed_on_check", `"closed_on" IS NULL OR "status" = 'CLOSED'`)
export class SignalEntity {
  @PrimaryGeneratedColumn("uuid")
  id: string;

  /** The tenant (huurder) as the corporations subgraph knows it; resolved through the federation. */
  @Column("uuid")
  tenantId: string;

  /** The reporting corporation's stable id (elan-wonen, pre-wonen, ymere). */
  @Column("text")
  corporationId: string;

  /** CBS code of the municipality of the tenant's address: decides which SDV receives the signal. */
  @Column("text")
  municipalityCode: string;

  /**
   * Four-digit postcode area of the tenant's address as delivered: what routing to an SWT team reads
   * (routing_area). Only the area, never the address; null for signals recorded before intake kept it.
   */
  @Column("text", { nullable: true })
  postcodeArea: string | null;

  /** The month the signal reports on (YYYY-MM): a corporation reports a tenant at most once a month. */
  @Column("text")
  reportingMonth: string;

  /**
   * The date the corporation made the signal (signaaldatum, DDAS): the day on which 30 days of arrears,
   * the collection steps and the channel are checked, and from which the bailiff window is counted.
   */
  @Column("date")
  signalDate: string;

  /** VPS (Vindplaats van Schulden) always; e-mail only for the older PHU signals of covenant phase I. */
  @Column("text")
  channel: SignalChannelValue;

  /** Milliseconds, as a JS Date carries them, so that a page cursor names the row exactly. */
  @Column({ type: "timestamptz", precision: 3 })
  receivedAt: Date;

  /** Arrears in cents as the corporation delivered them. */
  @Column("integer")
  deliveredAmountCents: number;

  /** Collection phase as delivered: ARREARS (betalingsachterstand), COLLECTION (incasso), BAILIFF (deurwaarder). */
  @Column("text")
  deliveredPhase: PhaseValue;

  /** Planned hand-over to the bailiff as delivered, when the corporation had planned one. */
  @Column("date", { nullable: true })
  deliveredBailiffHandoverOn: string | null;

  @Column("text", { default: "RECEIVED" })
  status: SignalStatusValue;

  /**
   * The day the SWT or the budget coach closed the case the signal was in (status CLOSED); the
   * retention period of a closed case runs from it. Null while the signal is not closed.
   */
  @Column("date", { nullable: true })
  closedOn: string | null;

  /** The household's earlier signal (DDAS: a repeated signal), so it is not treated as a stranger. */
  @Column("uuid", { nullable: true })
  @ForeignKey(() => SignalEntity, { name: "signal_previous_signal_fkey", onDelete: "SET NULL" })
  previousSignalId: string | null;

  @Column("timestamptz", { default: () => "now()" })
  createdAt: Date;
}
