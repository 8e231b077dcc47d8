import { Check, Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn, UpdateDateColumn } from "typeorm";

export type RegisterEntryKind = "EVICTION" | "KEYS_RETURNED" | "EVICTION_PREVENTED";

/** Whether a household belongs to a target group of Art. 6.4, "als dat bekend is": yes, no, or not known. */
export type MembershipValue = "YES" | "NO" | "UNKNOWN";

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
@Check("register_entry_with_children_check", `"with_children" IN ('YES', 'NO', 'UNKNOWN')`)
@Check("register_entry_aged65_plus_check", `"aged65_plus" IN ('YES', 'NO', 'UNKNOWN')`)
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

  /**
   * Target group: the household has children under 18. The covenant asks for the target group "if
   * that is known" (Art. 6.4), so UNKNOWN is a value of its own and is never counted as NO.
   */
  @Column("text", { default: "UNKNOWN" })
  withChildren: MembershipValue;

  /** Target group: the household has a member aged 65 or over; YES, NO or UNKNOWN as above. */
  @Column("text", { default: "UNKNOWN" })
  aged65Plus: MembershipValue;

  /** Why the tenant was evicted (required for an eviction; Art. 6.4). */
  @Column("text", { nullable: true })
  reason: string | null;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;

  @UpdateDateColumn({ type: "timestamptz" })
  updatedAt: Date;
}
