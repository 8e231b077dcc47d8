import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";
import type { CollectionStepKind } from "../../../shared/src/covenant/collection-steps.js";
import { TenantEntity } from "../tenant/tenant.entity.js";

/**
 * A step of socially responsible collection (incasso-stap, MVI: Art. 3.2 and Besluit gemeentelijke
 * schuldhulpverlening art. 2) that the corporation took with a tenant, with its date and who took
 * it. A signal may only be reported once the four kinds are all recorded: a written payment
 * reminder, an attempt at personal contact, a referral to debt help, and the notice that data will
 * be shared with the municipality. The corporation names each step by its own reference.
 */
@Entity("collection_step")
@Index("collection_step_corporation_reference_key", ["corporationId", "reference"], { unique: true })
@Index("collection_step_tenant_taken_on_idx", ["tenantId", "takenOn"])
@Check("collection_step_kind_check", `"kind" IN ('PAYMENT_REMINDER', 'PERSONAL_CONTACT_ATTEMPT', 'DEBT_HELP_REFERRAL', 'DATA_SHARING_NOTICE')`)
export class CollectionStepEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "collection_step_pkey" })
  id: string;

  /** The tenant's corporation; the reference is unique within it. */
  @Column("text")
  corporationId: string;

  @Column("uuid")
  tenantId: string;

  @ManyToOne(() => TenantEntity, { onDelete: "CASCADE", nullable: false })
  @JoinColumn({ name: "tenant_id", foreignKeyConstraintName: "collection_step_tenant_fkey" })
  tenant?: TenantEntity;

  /** The corporation's own reference of the step. */
  @Column("text")
  reference: string;

  @Column("text")
  kind: CollectionStepKind;

  @Column("date")
  takenOn: string;

  /** Who took the step: an employee, a team or a collection agency, as the corporation names them. */
  @Column("text")
  takenBy: string;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
