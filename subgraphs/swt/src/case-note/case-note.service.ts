import type { DataSource } from "typeorm";
import { badInput, userError } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { lockCaseForWork, rowsOfVisibleCases } from "../case/case-rows.js";
import type { CasePolicy } from "../case/case.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { groupBy } from "../ids.js";
import { CaseNoteEntity } from "./case-note.entity.js";
import type { CaseNoteInput } from "./case-note.type.js";

/** The longest note; a longer text belongs in the team's own file, not in the covenant's system. */
export const MAX_NOTE_LENGTH = 4_000;

export class CaseNoteService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
    private readonly identity: Identity,
  ) {}

  /** The notes of each case the caller may see, oldest first. */
  async byCaseIds(caseIds: readonly string[]): Promise<CaseNoteEntity[][]> {
    const rows = await rowsOfVisibleCases(this.db, this.policy.restrictCasework, CaseNoteEntity, "note", caseIds, [
      ["note.createdAt", "ASC"],
      ["note.id", "ASC"],
    ]);
    return groupBy(caseIds, rows, (row) => row.caseId);
  }

  /**
   * Adds a note, written by the caller (its `sub`), to a case the caller works on. With a noteId the
   * call is idempotent: the note is stored under that id once, and a retry answers it.
   */
  async add(caseId: string, input: CaseNoteInput): Promise<CaseNoteEntity> {
    const text = (input.text ?? "").trim();
    if (!text) throw badInput("note.text must not be empty.", { field: "note.text" });
    if (text.length > MAX_NOTE_LENGTH) throw badInput(`note.text is ${text.length} characters long; a note holds at most ${MAX_NOTE_LENGTH}.`, { field: "note.text" });
    const noteId = input.noteId ?? null;
    if (noteId !== null && !isUuid(noteId)) throw badInput(`note.noteId "${noteId}" is not a uuid; choose a new uuid for each note.`, { field: "note.noteId" });
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      if (noteId === null) return manager.save(manager.create(CaseNoteEntity, { caseId: kase.id, text, author: this.identity.sub }));
      await manager
        .createQueryBuilder()
        .insert()
        .into(CaseNoteEntity)
        .values({ id: noteId, caseId: kase.id, text, author: this.identity.sub })
        .orIgnore()
        .updateEntity(false)
        .execute();
      const stored = await manager.findOneByOrFail(CaseNoteEntity, { id: noteId });
      if (stored.caseId !== kase.id || stored.text !== text) {
        throw userError("NOTE_ID_IN_USE", `note.noteId ${noteId} belongs to another note; choose a new uuid for a new note.`, { field: "note.noteId" });
      }
      return stored;
    });
  }
}
