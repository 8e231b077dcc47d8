import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { sqlList } from "../sql.js";
import { CaseEntity } from "../case/case.entity.js";
import { ContactKind, PartOfDay } from "./contact-attempt.enums.js";

/**
 * A contact attempt (contactpoging, DDAS): one try by the team to reach the household of a case,
 * by letter, phone, home visit and so on; whether the household was reached, on which day and in
 * which part of it. The DDAS export reports every attempt of a case.
 */
@Entity("contact_attempt")
@Index("contact_attempt_case_on_idx", ["caseId", "on", "id"])
@Check("contact_attempt_kind_check", `"kind" IN (${sqlList(Object.values(ContactKind))})`)
@Check("contact_attempt_part_of_day_check", `"part_of_day" IN (${sqlList(Object.values(PartOfDay))})`)
export class ContactAttemptEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "contact_attempt_pkey" })
  id: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "contact_attempt_case_fkey", onDelete: "CASCADE" })
  caseId: string;

  @Column("text")
  kind: ContactKind;

  /** True when the household was actually reached (DDAS bereikt). */
  @Column("boolean")
  reached: boolean;

  /** The day of the attempt; the column avoids the SQL keyword ON. */
  @Column("date", { name: "attempted_on" })
  on: string;

  @Column("text")
  partOfDay: PartOfDay;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
