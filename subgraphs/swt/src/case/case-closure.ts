import type { DataSource } from "typeorm";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";
import { askPeer } from "../../../shared/src/contracts/contract.js";
import { recordCaseClosures } from "../../../shared/src/contracts/sdv.js";
import { CaseSignalEntity } from "./case-signal.entity.js";
import { CaseStatus } from "./case.enums.js";
import { CaseEntity } from "./case.entity.js";
import type { CasePolicy } from "./case.policy.js";

/** Closures sent in one call at most; what is left goes with the next close. */
const MAX_CLOSURES_PER_CALL = 500;

/**
 * Tells sdv which cases closed, so that it closes their signals (status CLOSED, with the day): the
 * signal's life ends where the case's does. The closure is the team's decision and stands whether
 * or not sdv hears of it: a failed call is logged, the cases keep `closureReportedOn` null, and the
 * next close by the same team (whichever cases the caller may work on) sends them again. sdv records
 * closures idempotently, so sending one twice does no harm.
 */
export class CaseClosureReporter {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
    private readonly peers: PeerClient,
  ) {}

  /** Sends every pending closure the caller may work on; answers how many reached sdv. Never throws. */
  async reportPending(): Promise<number> {
    let pending: { caseId: string; closedOn: string; signalIds: string[] }[] = [];
    try {
      pending = await this.pending();
      if (pending.length === 0) return 0;
      await askPeer(this.peers, recordCaseClosures, {
        closures: pending.map(({ signalIds, closedOn }) => ({ signalIds, closedOn })),
      });
      await this.db
        .createQueryBuilder()
        .update(CaseEntity)
        .set({ closureReportedOn: todayInNetherlands() })
        .where("id = ANY(:ids) AND status = :closed AND closure_reported_on IS NULL", { ids: pending.map((c) => c.caseId), closed: CaseStatus.CLOSED })
        .execute();
      return pending.length;
    } catch (error) {
      logger.warn({ err: error, cases: pending.length }, "case closures did not reach sdv; they are sent again with the team's next close");
      return 0;
    }
  }

  /** Closed cases of the caller's whose closure sdv has not confirmed, oldest closure first, with their signals. */
  private async pending(): Promise<{ caseId: string; closedOn: string; signalIds: string[] }[]> {
    const query = this.db
      .getRepository(CaseEntity)
      .createQueryBuilder("closedCase")
      .innerJoin(CaseSignalEntity, "closedSignal", "closedSignal.caseId = closedCase.id")
      .select("closedCase.id", "caseId")
      .addSelect(`to_char("closedCase"."closed_on", 'YYYY-MM-DD')`, "closedOn")
      .addSelect(`array_agg("closedSignal"."signal_id"::text ORDER BY "closedSignal"."position")`, "signalIds")
      .where("closedCase.status = :closed", { closed: CaseStatus.CLOSED })
      .andWhere("closedCase.closureReportedOn IS NULL");
    this.policy.restrictCasework(query, "closedCase");
    return query
      .groupBy("closedCase.id")
      .orderBy("closedCase.closedOn", "ASC")
      .addOrderBy("closedCase.id", "ASC")
      .limit(MAX_CLOSURES_PER_CALL)
      .getRawMany<{ caseId: string; closedOn: string; signalIds: string[] }>();
  }
}
