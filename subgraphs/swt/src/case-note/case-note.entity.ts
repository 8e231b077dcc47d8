import { Check, Column, CreateDateColumn, Entity, ForeignKey, Index, PrimaryGeneratedColumn } from "typeorm";
import { CaseEntity } from "../case/case.entity.js";

/**
 * A note (notitie) a team worker writes on a case. Notes are the team's working memory and are meant
 * for the own team only; they never leave the SWT.
 */
@Entity("case_note")
@Index("case_note_case_created_idx", ["caseId", "createdAt", "id"])
@Check("case_note_text_check", `length(btrim("text")) > 0`)
export class CaseNoteEntity {
  @PrimaryGeneratedColumn("uuid", { primaryKeyConstraintName: "case_note_pkey" })
  id: string;

  @Column("uuid")
  @ForeignKey(() => CaseEntity, { name: "case_note_case_fkey", onDelete: "CASCADE" })
  caseId: string;

  @Column("text")
  text: string;

  /** Who wrote it: the `sub` of the worker's identity. */
  @Column("text")
  author: string;

  @CreateDateColumn({ type: "timestamptz" })
  createdAt: Date;
}
