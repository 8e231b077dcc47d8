import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type RegisterEntryKind = "EVICTION" | "KEYS_RETURNED" | "EVICTION_PREVENTED";

/**
 * An entry in one of the corporation's registers of Art. 6.4, kept for the covenant's evaluations:
 * an eviction (ontruiming) with its reason and target group, keys returned voluntarily
 * (sleutelinlevering), or an eviction prevented after a notice of eviction (voorkomen ontruiming na
 * aanzegging). Entries count households per municipality and target group; they name no tenant.
 */
@Entity("register_entry")
@Index("register_entry_corporation_reference_key", ["corporationId", "reference"], { unique: true })
@Index("register_entry_occurred_on_idx", ["occurredOn", "id"])
@Index("register_entry_corporation_occurred_on_idx", ["corporationId", "occurredOn", "id"])
@Check("register_entry_kind_check", `"kind" IN ('EVICTION', 'KEYS_RETURNED', 'EVICTION_PREVENTED')`)
export class RegisterEntryEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "register_entry_pkey" })
  id: string;

  @Column("text")
  corporationId: string;

  /** The corporation's own reference of the entry. */
  @Column("text")
  reference: string;

  @Column("text")
  kind: RegisterEntryKind;

  /** The day of the eviction, the return of the keys, or the decision that prevented the eviction. */
  @Column("date")
  occurredOn: string;

  /** CBS code of the municipality the home lies in. */
  @Column("text")
  municipalityCode: string;

  /** Target group: the household has children under 18. */
  @Column("boolean")
  withChildren: boolean;

  /** Target group: the household has a member aged 65 or over. */
  @Column("boolean")
  aged65Plus: boolean;

  /** Why the tenant was evicted (required for an eviction; Art. 6.4). */
  @Column("text", { nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
