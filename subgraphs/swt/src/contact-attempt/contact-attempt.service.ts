import type { DataSource } from "typeorm";
import { rowsOfVisibleCases } from "../case/case-rows.js";
import type { CasePolicy } from "../case/case.policy.js";
import { groupBy } from "../ids.js";
import { ContactAttemptEntity } from "./contact-attempt.entity.js";
import { PartOfDay } from "./contact-attempt.enums.js";

export class ContactAttemptService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
  ) {}

  /** The contact attempts of each case the caller may see, by date and part of the day. */
  async byCaseIds(caseIds: readonly string[]): Promise<ContactAttemptEntity[][]> {
    const rows = await rowsOfVisibleCases(this.db, this.policy.restrictCasework, ContactAttemptEntity, "attempt", caseIds, [
      ["attempt.on", "ASC"],
      // within a day by part of the day, not by the alphabet of its name
      [`CASE attempt.partOfDay WHEN '${PartOfDay.MORNING}' THEN 1 WHEN '${PartOfDay.AFTERNOON}' THEN 2 ELSE 3 END`, "ASC"],
      ["attempt.createdAt", "ASC"],
      ["attempt.id", "ASC"],
    ]);
    return groupBy(caseIds, rows, (row) => row.caseId);
  }
}
