import { Check, Column, Entity, JoinColumn, OneToOne, PrimaryColumn, UpdateDateColumn } from "typeorm";
import type { Phase } from "../../../shared/src/covenant/priority.js";
import { TenantEntity } from "../tenant/tenant.entity.js";

/**
 * The current rent arrears (betalingsachterstand) of a tenant (Art. 1): how much is owed, since
 * which unpaid due date, and in which phase the corporation's collection is (Art. 5.2): ARREARS
 * (betalingsachterstand), COLLECTION (incasso) or BAILIFF (deurwaarder). One record per tenant, the
 * corporation's latest picture; arrears that are paid off have no record. Days in arrears are
 * derived from `since`, never stored, so they cannot go stale.
 */
@Entity("arrears")
@Check("arrears_amount_cents_check", `"amount_cents" > 0`)
@Check("arrears_phase_check", `"phase" IN ('ARREARS', 'COLLECTION', 'BAILIFF')`)
export class ArrearsEntity {
  /** One current record per tenant: the tenant is the key. */
  @PrimaryColumn("uuid", { primaryKeyConstraintName: "arrears_pkey" })
  tenantId: string;

  @OneToOne(() => TenantEntity, { onDelete: "CASCADE" })
  @JoinColumn({ name: "tenant_id", foreignKeyConstraintName: "arrears_tenant_fkey" })
  tenant?: TenantEntity;

  /** The amount owed in euro cents; always positive (paid-off arrears are removed). */
  @Column("integer")
  amountCents: number;

  /** The oldest unpaid due date. */
  @Column("date")
  since: string;

  @Column("text")
  phase: Phase;

  /** The date the corporation plans to hand the arrears to the bailiff, if it does (Art. 5.3, priority I). */
  @Column("date", { nullable: true })
  bailiffHandoverOn: string | null;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
