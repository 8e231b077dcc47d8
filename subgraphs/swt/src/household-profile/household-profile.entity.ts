import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from "typeorm";

/**
 * What the SWT knows of a household (huishoudprofiel): since when it is known at the SWT, and whether
 * it has children under 18 or a member aged 65+. Known-and-vulnerable households get priority III
 * (Art. 5.3). One profile per tenant (the household's contact person), hence the tenant id is the key.
 */
@Entity("household_profile")
export class HouseholdProfileEntity {
  /** A Tenant of the corporations subgraph. */
  @PrimaryColumn("uuid", { primaryKeyConstraintName: "household_profile_pkey" })
  tenantId: string;

  /** Known at the SWT since this day; null when the household is not (yet) known there. */
  @Column("date", { nullable: true })
  knownSince: string | null;

  @Column("boolean", { name: "children_under_18" })
  childrenUnder18: boolean;

  @Column("boolean", { name: "member_65_plus" })
  member65Plus: boolean;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
