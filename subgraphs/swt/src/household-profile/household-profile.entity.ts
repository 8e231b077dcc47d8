import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

/**
 * What the SWT knows of a household (huishoudprofiel): since when it is known at the SWT, and whether
 * it has children under 18 or a member aged 65+. Known-and-vulnerable households get priority III
 * (Art. 5.3). The SWT records it by what it knows of a household, its address (postcode, house
 * number, addition), before and apart from any signal; it does not know the corporations' tenant ids.
 * A profile recorded before addresses were kept is linked to its tenant instead, and keeps working.
 */
@Entity("household_profile")
@Index("household_profile_tenant_key", ["tenantId"], { unique: true, where: `"tenant_id" IS NOT NULL` })
@Index("household_profile_address_key", ["postcode", "houseNumber", "houseNumberAddition"], { unique: true, where: `"postcode" IS NOT NULL` })
@Check("household_profile_key_check", `"tenant_id" IS NOT NULL OR "postcode" IS NOT NULL`)
@Check(
  "household_profile_address_check",
  `("postcode" IS NULL) = ("house_number" IS NULL) AND ("postcode" IS NULL) = ("municipality_code" IS NULL) AND ("postcode" IS NULL OR "postcode" ~ '^[1-9][0-9]{3} [A-Z]{2}$') AND ("house_number" IS NULL OR "house_number" BETWEEN 1 AND 99999) AND "house_number_addition" ~ '^[A-Z0-9]{0,6}$'`,
)
export class HouseholdProfileEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "household_profile_pkey" })
  id: string;

  /** A Tenant of the corporations subgraph: set on profiles recorded by tenant, before addresses were kept. */
  @Column("uuid", { nullable: true })
  tenantId: string | null;

  /** Postcode normalised as "2033 AB"; null only on a profile linked to a tenant. */
  @Column("text", { nullable: true })
  postcode: string | null;

  @Column("int", { nullable: true })
  houseNumber: number | null;

  /** House letter and addition, upper case without separators ("A", "2", "BIS"); "" when none. */
  @Column("text", { default: "" })
  houseNumberAddition: string;

  /** CBS code of the municipality the address lies in: who may record and read it follows from it. */
  @Column("text", { nullable: true })
  municipalityCode: string | null;

  /** The team that recorded or last updated the profile (the budget coach's pseudo-team included). */
  @Column("text", { nullable: true })
  recordedByTeam: string | null;

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
