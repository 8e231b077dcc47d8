import type { DataSource } from "typeorm";
import { badInput, userError } from "../../../shared/src/errors.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import type { CaseClosureReporter } from "./case-closure.js";
import { lockCaseForWork } from "./case-rows.js";
import { CaseOutcome, CaseStatus } from "./case.enums.js";
import { CaseEntity } from "./case.entity.js";
import type { CasePolicy } from "./case.policy.js";

/**
 * What the holding team does with a case: take it into treatment and close it. Only the team that
 * holds the case (an SWT team, or the budget coach for its referrals) may; any other caller gets the
 * answer a case that does not exist gets. Every write is idempotent: a retried request answers the
 * state it already brought about.
 */
export class CaseworkService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
    private readonly closures: CaseClosureReporter,
  ) {}

  /** OPEN becomes IN_TREATMENT (in behandeling genomen, Art. 5.5); a case already in treatment stays. */
  async takeIntoTreatment(caseId: string): Promise<CaseEntity> {
    return this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      if (kase.status === CaseStatus.IN_TREATMENT) return kase;
      if (kase.status === CaseStatus.CLOSED) {
        throw userError("CASE_CLOSED", `Case ${caseId} was closed on ${kase.closedOn}; a closed case cannot be taken into treatment.`, { argument: "caseId" });
      }
      await manager.update(CaseEntity, { id: kase.id }, { status: CaseStatus.IN_TREATMENT });
      return manager.findOneByOrFail(CaseEntity, { id: kase.id });
    });
  }

  /**
   * Closes a case (afsluiten) with its DDAS outcome on `closedOn` (default: today in the Netherlands),
   * which lies neither before the case was opened nor in the future. Closing again with the same
   * outcome (and the same day, or none) answers the closed case; anything else is refused, since a
   * closure went to sdv and into the monitoring. Then sdv hears of it, together with any earlier
   * closure it missed; if sdv cannot be reached the case is closed all the same.
   */
  async close(caseId: string, outcome: CaseOutcome, closedOn: string | null | undefined): Promise<CaseEntity> {
    const today = todayInNetherlands();
    if (outcome === CaseOutcome.TRANSFERRED) {
      throw badInput("TRANSFERRED is set when a case goes to another team; hand the case over with handOverCase instead.", { argument: "outcome" });
    }
    if (closedOn && closedOn > today) {
      throw badInput(`closedOn (${closedOn}) lies in the future; close a case on or before today (${today}).`, { argument: "closedOn" });
    }
    const closed = await this.db.transaction(async (manager) => {
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      if (kase.status === CaseStatus.CLOSED) {
        if (kase.outcome === outcome && (!closedOn || closedOn === kase.closedOn)) return kase;
        throw userError("CASE_ALREADY_CLOSED", `Case ${caseId} was already closed on ${kase.closedOn} with outcome ${kase.outcome}; a closure is final and cannot be changed.`, {
          argument: "caseId",
        });
      }
      const day = closedOn ?? today;
      if (day < kase.openedOn) {
        throw badInput(`closedOn (${day}) lies before the case was opened (${kase.openedOn}); a case closes on or after the day it opened.`, { argument: "closedOn" });
      }
      await manager.update(CaseEntity, { id: kase.id }, { status: CaseStatus.CLOSED, closedOn: day, outcome });
      return manager.findOneByOrFail(CaseEntity, { id: kase.id });
    });
    if (closed.closureReportedOn === null) await this.closures.reportPending();
    return closed;
  }
}
