import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { BUDGET_COACH_TEAM } from "../../../shared/src/covenant/organisations.js";
import { firstWorkingDayFrom } from "../../../shared/src/covenant/working-days.js";
import { badInput, forbidden, userError } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import { now, todayInNetherlands } from "../../../shared/src/clock.js";
import { askPeer } from "../../../shared/src/contracts/contract.js";
import { recordHandOvers } from "../../../shared/src/contracts/sdv.js";
import { dueDateOf } from "../feedback-deadline/feedback-deadline.js";
import { CASE_OPENING_LOCK, closeEmptiedCases, insertCase, moveSignal, openCaseAt } from "./case-opening.service.js";
import { lockCaseForWork } from "./case-rows.js";
import { CaseOutcome, CaseStatus } from "./case.enums.js";
import { CaseEntity } from "./case.entity.js";
import type { CasePolicy } from "./case.policy.js";

/** Hand-overs told to sdv in one call at most; what is left goes with the next hand-over. */
const MAX_REPORTS_PER_CALL = 500;

export interface HandOverValue {
  handedOverCase: CaseEntity;
  toTeamId: string;
  newCaseId: string;
  forwardedOn: string;
  reportedToSdv: boolean;
}

/**
 * A team hands a case to another team (overdracht): the household lives in another team's
 * neighbourhood, or moved house. Only the holder may (an SWT team its own cases, the budget coach its
 * referrals), with a reason, to a team of the case's municipality or to the budget coach. The case
 * closes as TRANSFERRED and its signals go to the household's open case at the new team, or a new
 * case there opened on today's forwarding day with its own feedback term; the contact attempts,
 * notes and feedback stay with the old case, the team's working records. Then sdv records the
 * forwarding, so that the new team sees the signals and the old one no longer does; if sdv cannot be
 * reached, it is told with the team's next hand-over. Sending the same hand-over again answers the
 * one made.
 */
export class CaseHandOverService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: CasePolicy,
    private readonly identity: Identity,
    private readonly peers: PeerClient,
  ) {}

  async handOver(caseId: string, toTeamId: string, reason: string): Promise<HandOverValue> {
    const why = (reason ?? "").trim();
    if (!why) throw badInput("reason must say why the case goes to another team (wrong neighbourhood, moved house, ...).", { argument: "reason" });
    if (why.length > 2_000) throw badInput("reason is longer than 2000 characters.", { argument: "reason" });
    const at = now();
    const forwardedOn = firstWorkingDayFrom(todayInNetherlands(at));
    const result = await this.db.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [CASE_OPENING_LOCK]);
      const kase = await lockCaseForWork(manager, this.policy.restrictCasework, caseId);
      if (!this.identity.orgs.includes(kase.municipalityCode)) {
        throw forbidden(`Case ${caseId} is of municipality ${kase.municipalityCode}, which you do not serve.`);
      }
      if (kase.status === CaseStatus.CLOSED) return this.earlier(manager, kase, toTeamId);
      if (toTeamId === kase.teamId) throw badInput(`Your team already holds case ${caseId}; name the team that is to take it over.`, { argument: "toTeamId" });
      const [team]: { id: string; municipalityCode: string }[] = await manager.query(`SELECT id, municipality_code AS "municipalityCode" FROM team WHERE id = $1`, [toTeamId]);
      if (!team) throw badInput(`toTeamId "${toTeamId}" is no team; use a team's slug from the teams query, or budget-coach.`, { argument: "toTeamId" });
      if (team.id !== BUDGET_COACH_TEAM.id && team.municipalityCode !== kase.municipalityCode) {
        const teams: { id: string }[] = await manager.query(`SELECT id FROM team WHERE municipality_code = $1 AND id <> $2 ORDER BY id`, [
          kase.municipalityCode,
          BUDGET_COACH_TEAM.id,
        ]);
        throw badInput(
          `Team ${team.id} works for municipality ${team.municipalityCode}; case ${caseId} is of ${kase.municipalityCode}: hand it to ${[...teams.map((t) => t.id), BUDGET_COACH_TEAM.id].join(", ")}.`,
          { argument: "toTeamId" },
        );
      }
      const signals: { signalId: string }[] = await manager.query(`SELECT signal_id AS "signalId" FROM case_signal WHERE case_id = $1 ORDER BY position`, [kase.id]);
      const target = await openCaseAt(manager, kase.tenantId, team.id, kase.id);
      const newCaseId = target?.id ?? randomUUID();
      if (!target) {
        await insertCase(manager, {
          id: newCaseId,
          teamId: team.id,
          tenantId: kase.tenantId,
          corporationId: kase.corporationId,
          municipalityCode: kase.municipalityCode,
          forwardedOn,
          phase: kase.feedbackPhase,
          feedbackDueOn: dueDateOf(forwardedOn, kase.feedbackPhase),
          at,
        });
      }
      for (const { signalId } of signals) await moveSignal(manager, signalId, newCaseId, forwardedOn);
      // The case may hold no signal at all (erased after an objection): it is handed over all the same.
      await manager.query(`DELETE FROM case_signal WHERE case_id = $1`, [kase.id]);
      await closeEmptiedCases(manager, [kase.id], at);
      await manager.query(
        `INSERT INTO case_transfer (signal_id, from_case_id, to_case_id, from_team_id, to_team_id, kind, reason, transferred_by, transferred_at)
         SELECT signal_id, $2, $3, $4, $5, 'HAND_OVER', $6, $7, $8 FROM unnest($1::uuid[]) AS t(signal_id)`,
        [signals.map((s) => s.signalId), kase.id, newCaseId, kase.teamId, team.id, why, this.identity.sub, at],
      );
      const handedOverCase = await manager.findOneByOrFail(CaseEntity, { id: kase.id });
      return { handedOverCase, toTeamId: team.id, newCaseId, forwardedOn };
    });
    const reportedToSdv = await this.reportPending();
    return { ...result, reportedToSdv };
  }

  /** A retried hand-over answers the one made; any other request on a closed case is refused. */
  private async earlier(manager: EntityManager, kase: CaseEntity, toTeamId: string): Promise<Omit<HandOverValue, "reportedToSdv">> {
    if (kase.outcome === CaseOutcome.TRANSFERRED) {
      const [made]: { toCaseId: string; toTeamId: string; forwardedOn: string }[] = await manager.query(
        `SELECT t.to_case_id AS "toCaseId", t.to_team_id AS "toTeamId", to_char(c.forwarded_on, 'YYYY-MM-DD') AS "forwardedOn"
           FROM case_transfer t JOIN "case" c ON c.id = t.to_case_id
          WHERE t.from_case_id = $1 AND t.kind = 'HAND_OVER' LIMIT 1`,
        [kase.id],
      );
      if (made && made.toTeamId === toTeamId) return { handedOverCase: kase, toTeamId, newCaseId: made.toCaseId, forwardedOn: made.forwardedOn };
    }
    throw userError("CASE_CLOSED", `Case ${kase.id} was closed on ${kase.closedOn} (${kase.outcome ?? "no outcome"}); a closed case cannot be handed over.`, {
      argument: "caseId",
    });
  }

  /**
   * Tells sdv the hand-overs of the caller's team it has not confirmed, this one included, so that it
   * records the forwardings. Answers whether all reached it; never throws.
   */
  async reportPending(): Promise<boolean> {
    const fromTeam = this.identity.role === "BUDGET_COACH" ? BUDGET_COACH_TEAM.id : this.identity.team;
    if (!fromTeam) return false;
    let pending: { toCaseId: string; toTeamId: string; forwardedOn: string; reason: string; signalIds: string[] }[] = [];
    try {
      pending = await this.db.query(
        `SELECT t.to_case_id AS "toCaseId", t.to_team_id AS "toTeamId", to_char(c.forwarded_on, 'YYYY-MM-DD') AS "forwardedOn",
                min(t.reason) AS reason, array_agg(t.signal_id::text ORDER BY t.signal_id) AS "signalIds"
           FROM case_transfer t JOIN "case" c ON c.id = t.to_case_id
          WHERE t.from_team_id = $1 AND t.kind = 'HAND_OVER' AND t.reported_on IS NULL
          GROUP BY t.to_case_id, t.to_team_id, c.forwarded_on
          ORDER BY min(t.transferred_at)
          LIMIT $2`,
        [fromTeam, MAX_REPORTS_PER_CALL],
      );
      if (pending.length === 0) return true;
      await askPeer(this.peers, recordHandOvers, {
        handOvers: pending.map((p) => ({ signalIds: p.signalIds, caseId: p.toCaseId, teamId: p.toTeamId, forwardedOn: p.forwardedOn, reason: p.reason })),
      });
      await this.db.query(`UPDATE case_transfer SET reported_on = $3 WHERE from_team_id = $1 AND to_case_id = ANY($2::uuid[]) AND kind = 'HAND_OVER' AND reported_on IS NULL`, [
        fromTeam,
        pending.map((p) => p.toCaseId),
        todayInNetherlands(),
      ]);
      return true;
    } catch (error) {
      logger.warn({ err: error, handOvers: pending.length }, "hand-overs did not reach sdv; they are sent again with the team's next hand-over");
      return false;
    }
  }
}
