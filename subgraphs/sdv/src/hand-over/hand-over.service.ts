import type { DataSource } from "typeorm";
import { BUDGET_COACH_TEAM, TEAMS } from "../../../shared/src/covenant/organisations.js";
import { badInput } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { isIsoDate } from "../../../shared/src/scalars.js";
import { now as clockNow } from "../../../shared/src/clock.js";
import { referralDay, routeToTeam } from "../referral/route.js";
import { recordReferrals, type ReferralStep } from "../referral/referral.service.js";
import { ReferralEntity } from "../referral/referral.entity.js";
import { SignalEntity, LIVE_STATUSES } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import type { HandOverInput } from "./hand-over.type.js";

/** At most this many signals per call. */
export const MAX_HANDED_OVER_SIGNALS = 5_000;

/**
 * Records the forwardings that follow a team's hand-over of a case (the swt subgraph reports it, on
 * the team's behalf): each signal's referral goes to the new team with its case, and the forwarding
 * is added to the signal's history (HAND_OVER, with the reason), through the same recording as every
 * other forwarding. Only signals the caller may see (its team's: SignalPolicy) are touched, and only
 * to a team of the signal's own municipality or the budget coach; others are ignored without a word.
 * Idempotent: a signal already with that case changes nothing. Returns the signals recorded.
 */
export class HandOverService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
    private readonly identity: Identity,
  ) {}

  async record(handOvers: HandOverInput[]): Promise<number> {
    const at = clockNow();
    const latest = referralDay(at);
    let total = 0;
    handOvers.forEach((handOver, index) => {
      const field = (name: string) => `handOvers[${index}].${name}`;
      if (!isUuid(handOver.caseId)) throw badInput(`${field("caseId")} is not a uuid.`, { field: field("caseId") });
      if (handOver.teamId !== BUDGET_COACH_TEAM.id && !TEAMS.some((t) => t.id === handOver.teamId)) {
        throw badInput(`${field("teamId")} "${handOver.teamId}" is no team of the covenant.`, { field: field("teamId") });
      }
      if (!isIsoDate(handOver.forwardedOn) || handOver.forwardedOn > latest) {
        throw badInput(`${field("forwardedOn")} must be a day not after ${latest}.`, { field: field("forwardedOn") });
      }
      total += handOver.signalIds.length;
    });
    if (total > MAX_HANDED_OVER_SIGNALS) {
      throw badInput(`At most ${MAX_HANDED_OVER_SIGNALS} signals per call, got ${total}.`, { argument: "handOvers" });
    }
    const ids = [...new Set(handOvers.flatMap((h) => h.signalIds).filter(isUuid))];
    if (ids.length === 0) return 0;
    return this.db.transaction(async (manager) => {
      // Lock first, then read: a hand-over told twice at once waits here for the first, and then
      // reads the forwarding the first recorded (a locking read of signal alone would see the
      // referral as it stood when the statement began, and record the move a second time).
      await manager.query(`SELECT id FROM signal WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
      const visible = (await this.policy
        .restrict(manager.getRepository(SignalEntity).createQueryBuilder("signal"))
        .leftJoinAndMapOne("signal.referral", ReferralEntity, "referral", "referral.signalId = signal.id")
        .andWhere("signal.id = ANY(:ids)", { ids })
        .andWhere("signal.status IN (:...live)", { live: LIVE_STATUSES })
        .orderBy("signal.id")
        .setLock("pessimistic_write", undefined, ["signal"])
        .getMany()) as (SignalEntity & { referral?: ReferralEntity })[];
      const byId = new Map(visible.map((s) => [s.id, s]));
      const byDay = new Map<string, { steps: ReferralStep[]; cases: { signalId: string; caseId: string; teamId: string }[] }>();
      const seen = new Set<string>();
      for (const handOver of handOvers) {
        const teamMunicipality = TEAMS.find((t) => t.id === handOver.teamId)?.municipalityCode;
        for (const signalId of handOver.signalIds) {
          const signal = byId.get(signalId);
          if (!signal || seen.has(signalId) || signal.referral?.caseId === handOver.caseId) continue;
          // Already with that team (a hand-over sent twice at once, told twice): nothing moved, nothing to record.
          if ((signal.referral?.caseTeamId ?? signal.referral?.teamId) === handOver.teamId) continue;
          // Both ends: the caller's own signal (the policy), and a team of that signal's municipality.
          if (handOver.teamId !== BUDGET_COACH_TEAM.id && teamMunicipality !== signal.municipalityCode) continue;
          seen.add(signalId);
          const day = byDay.get(handOver.forwardedOn) ?? { steps: [], cases: [] };
          day.steps.push({ signalId, route: routeToTeam(handOver.teamId), kind: "HAND_OVER", reason: handOver.reason.slice(0, 2_000) });
          day.cases.push({ signalId, caseId: handOver.caseId, teamId: handOver.teamId });
          byDay.set(handOver.forwardedOn, day);
        }
      }
      for (const [forwardedOn, { steps, cases }] of byDay) {
        await recordReferrals(manager, steps, forwardedOn, at, this.identity.sub, true);
        // swt made the case already: the forwarding is not pending.
        await manager.query(
          `UPDATE referral r SET case_id = c.case_id, case_team_id = c.team_id, case_move = false
             FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS c(signal_id, case_id, team_id)
            WHERE r.signal_id = c.signal_id`,
          [cases.map((c) => c.signalId), cases.map((c) => c.caseId), cases.map((c) => c.teamId)],
        );
      }
      return seen.size;
    });
  }
}
