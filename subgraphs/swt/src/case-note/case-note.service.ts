import type { DataSource } from "typeorm";
import { rowsOfVisibleCases } from "../case/case-rows.js";
import type { CasePolicy } from "../case/case.policy.js";
import { groupBy } from "../ids.js";
import { CaseNoteEntity } from "./case-note.entity.js";

export class CaseNoteService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /** The notes of each case the caller may see, oldest first. */
  async byCaseIds(caseIds: readonly string[]): Promise<CaseNoteEntity[][]> {
    const rows = await rowsOfVisibleCases(this.db, this.policy.restrictCasework, CaseNoteEntity, "note", caseIds, [
      ["note.createdAt", "ASC"],
      ["note.id", "ASC"],
    ]);
    return groupBy(caseIds, rows, (row) => row.caseId);
  }
}
