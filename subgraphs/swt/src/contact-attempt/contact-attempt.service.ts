import type { DataSource } from "typeorm";
import { badInput, userError } from "../../../shared/src/errors.js";
import { firstDayOfWork, lockCaseForWork, rowsOfVisibleCases } from "../case/case-rows.js";
import type { CasePolicy } from "../case/case.policy.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { groupBy } from "../ids.js";
import { ContactAttemptEntity } from "./contact-attempt.entity.js";
import { PartOfDay } from "./contact-attempt.enums.js";
import type { ContactAttemptInput } from "./contact-attempt.type.js";

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

  /**
   * Records a contact attempt on a case the caller works on. An attempt is one kind of contact in one
   * part of one day (the DDAS granularity), so that key identifies it: a retry answers the attempt
   * already recorded, and an attempt with that key that says otherwise about reaching the household
   * is refused rather than silently dropped or overwritten. Writes to a case follow each other (the
   * case row is locked), so two retries at once record it once.
   */
  async record(caseId: string, input: ContactAttemptInput): Promise<ContactAttemptEntity> {
    const today = todayInNetherlands();
    if (input.on > today) {
      throw badInput(`attempt.on (${input.on}) lies in the future; record an attempt once it was made (today is ${today}).`, { field: "attempt.on" });
    }
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      const existing = await manager.findOneBy(ContactAttemptEntity, { caseId: kase.id, on: input.on, partOfDay: input.partOfDay, kind: input.kind });
      if (existing) {
        if (existing.reached === input.reached) return existing;
        throw userError(
          "CONTACT_ATTEMPT_ALREADY_RECORDED",
          `A ${input.kind} attempt in the ${input.partOfDay} of ${input.on} is already recorded on case ${kase.id} with reached: ${existing.reached}; an attempt is recorded once.`,
          { field: "attempt.reached" },
        );
      }
      const firstDay = firstDayOfWork(kase);
      if (input.on < firstDay) {
        throw badInput(`attempt.on (${input.on}) lies before the case reached the team (${firstDay}).`, { field: "attempt.on" });
      }
      if (kase.closedOn && input.on > kase.closedOn) {
        throw badInput(`attempt.on (${input.on}) lies after the case was closed (${kase.closedOn}).`, { field: "attempt.on" });
      }
      const attempt = manager.create(ContactAttemptEntity, { caseId: kase.id, kind: input.kind, reached: input.reached, on: input.on, partOfDay: input.partOfDay });
      return manager.save(attempt);
    });
  }
}
