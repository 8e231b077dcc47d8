import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type Sector = "SOCIAL" | "FREE";

/** A postal address in the Netherlands, kept as the corporation registered it. */
export class AddressColumns {
  @Column("text")
  street: string;

  @Column("text")
  houseNumber: string;

  /** Normalised as "2033 AB". */
  @Column("text")
  postcode: string;

  @Column("text")
  city: string;

  /** CBS code of the municipality the address lies in (e.g. 0392 Haarlem). */
  @Column("text")
  municipalityCode: string;
}

/**
 * A tenant (huurder): the contact person of a household renting a corporation home, in the social
 * or the free sector. The corporation names the tenant by its own reference; the id is the graph's.
 */
@Entity("tenant")
@Index("tenant_corporation_reference_key", ["corporationId", "reference"], { unique: true })
@Index("tenant_corporation_name_idx", ["corporationId", "name", "id"])
@Check("tenant_sector_check", `"sector" IN ('SOCIAL', 'FREE')`)
export class TenantEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "tenant_pkey" })
  id: string;

  @Column("text")
  corporationId: string;

  /** The corporation's own tenant reference (huurdernummer). */
  @Column("text")
  reference: string;

  @Column("text")
  name: string;

  @Column("date", { nullable: true })
  birthDate: string | null;

  @Column("text", { nullable: true })
  phone: string | null;

  @Column("text", { nullable: true })
  email: string | null;

  @Column(() => AddressColumns, { prefix: "address" })
  address: AddressColumns;

  @Column("text")
  sector: Sector;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
