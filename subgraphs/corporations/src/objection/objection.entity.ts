import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import { TenantEntity } from "../tenant/tenant.entity.js";

/**
 * A tenant's objection (bezwaar) to the exchange of their data with the municipality (Art. 3.4).
 * While an objection stands, the tenant must not appear in any signal, and one recorded after a
 * signal was sent withdraws that signal. The tenant may later withdraw the objection itself:
 * `withdrawnOn` says from when data may be exchanged again. The record is kept, not deleted, so
 * that it stays known that the tenant objected and when. Once recorded, the sdv and swt subgraphs are
 * asked to erase what they hold about the tenant; `downstreamErasedAt` records that both did.
 */
@Entity("objection")
@Index("objection_corporation_reference_key", ["corporationId", "reference"], { unique: true })
@Index("objection_tenant_idx", ["tenantId"])
@Index("objection_erasure_pending_idx", ["erasureNextAttemptAt"], { where: `"downstream_erased_at" IS NULL AND "withdrawn_on" IS NULL` })
@Check("objection_withdrawn_after_recorded_check", `"withdrawn_on" IS NULL OR "withdrawn_on" >= "recorded_on"`)
export class ObjectionEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "objection_pkey" })
  id: string;

  /** The tenant's corporation; the reference is unique within it. */
  @Column("text")
  corporationId: string;

  @Column("uuid")
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "tenant_id", foreignKeyConstraintName: "objection_tenant_fkey" })
  tenant?: TenantEntity;

  /** The corporation's own reference of the objection. */
  @Column("text")
  reference: string;

  /** The day the tenant objected. */
  @Column("date")
  recordedOn: string;

  /** The day the tenant withdrew the objection; null while it stands. */
  @Column("date", { nullable: true })
  withdrawnOn: string | null;

  /**
   * When sdv and swt both confirmed they erased what they held about the tenant (their signals,
   * cases and household profile); null while pending. A pending standing objection is asked for
   * again with the corporation's next objection, until both confirm.
   */
  @Column("timestamptz", { nullable: true })
  downstreamErasedAt: Date | null;

  /**
   * The outbox of the erasure: how often asking sdv and swt has failed so far, and when the
   * scheduled job (objection-erasure) tries again. A standing objection without
   * `downstreamErasedAt` is pending; it is due when `erasureNextAttemptAt` is null or past.
   */
  @Column("int", { default: 0 })
  erasureAttempts: number;

  @Column("timestamptz", { nullable: true })
  erasureNextAttemptAt: Date | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
