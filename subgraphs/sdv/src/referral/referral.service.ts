import type { DataSource, EntityManager } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import type { Route } from "./route.js";
import { ReferralRecordEntity, type ReferralKindValue } from "./referral-record.entity.js";
import { ReferralEntity } from "./referral.entity.js";

/** Rows per statement when writing in bulk; each is one JSON parameter, so only the size of a statement is bounded. */
export const WRITE_CHUNK = 2_500;

/** One referral to record: where the signal goes, and why. */
export interface ReferralStep {
  signalId: string;
  route: Route;
  kind: ReferralKindValue;
  /** The reason given by hand (reroute, hand-over); null for a forwarding by rule. */
  reason?: string | null;
}

/**
 * The one place a forwarding is recorded (doorzetten), whatever led to it: intake, a routing area set
 * for waiting signals, a changed priority, a reroute by hand. In bulk: a new referral for a signal not
 * yet forwarded; for one that was, the new holder, with its case set pending and marked as a move, so
 * that swt moves the signal out of its old case into one at the new holder (with a feedback term from
 * `forwardedOn`). Each forwarding is added to forwarding_record, from where to where, by whom. With
 * `markForwarded`, RECEIVED signals among them become FORWARDED. After the transaction commits, the
 * caller asks swt for the cases (CaseOpeningRequestService.afterForwarding). Each signal at most once in `rows`.
 */
export async function recordReferrals(manager: EntityManager, rows: ReferralStep[], forwardedOn: string, at: Date, forwardedBy: string, markForwarded: boolean): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    const chunk = rows.slice(i, i + WRITE_CHUNK);
    await manager.query(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(signal_id uuid, target text, team_id text, kind text, reason text)
       ), old AS (
         SELECT r.signal_id, r.target, r.team_id FROM referral r JOIN input i ON i.signal_id = r.signal_id
       ), written AS (
         INSERT INTO referral (signal_id, target, team_id, forwarded_on, forwarded_at)
         SELECT signal_id, target, team_id, $2::date, $3::timestamptz FROM input
         ON CONFLICT ON CONSTRAINT referral_signal_key DO UPDATE
           SET target = EXCLUDED.target, team_id = EXCLUDED.team_id, forwarded_on = EXCLUDED.forwarded_on, forwarded_at = EXCLUDED.forwarded_at,
               case_move = true, case_id = NULL, case_team_id = NULL
         RETURNING signal_id
       )
       INSERT INTO forwarding_record (signal_id, kind, from_target, from_team_id, to_target, to_team_id, forwarded_on, forwarded_at, forwarded_by, reason)
       SELECT i.signal_id, i.kind, o.target, o.team_id, i.target, i.team_id, $2::date, $3::timestamptz, $4, i.reason
         FROM input i LEFT JOIN old o ON o.signal_id = i.signal_id`,
      [
        JSON.stringify(chunk.map((row) => ({ signal_id: row.signalId, target: row.route.target, team_id: row.route.teamId, kind: row.kind, reason: row.reason ?? null }))),
        forwardedOn,
        at,
        forwardedBy,
      ],
    );
    if (markForwarded) {
      await manager.query(`UPDATE signal SET status = 'FORWARDED' WHERE id = ANY($1::uuid[]) AND status = 'RECEIVED'`, [chunk.map((row) => row.signalId)]);
    }
  }
}

/** Referrals, visible exactly where their signal is visible. */
export class ReferralService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  /** Per signal id, its forwardings, oldest first; only for signals the caller may see; one query for all. */
  async historyBySignalIds(signalIds: readonly string[]): Promise<ReferralRecordEntity[][]> {
    const valid = signalIds.filter(isUuid);
    const rows = valid.length
      ? await this.policy
          .restrict(this.db.getRepository(ReferralRecordEntity).createQueryBuilder("record").innerJoin(SignalEntity, "signal", "signal.id = record.signalId"), "signal")
          .andWhere("record.signalId = ANY(:signalIds)", { signalIds: valid })
          .orderBy("record.forwardedAt", "ASC")
          .addOrderBy("record.seq", "ASC")
          .addOrderBy("record.id", "ASC")
          .getMany()
      : [];
    const bySignal = new Map<string, ReferralRecordEntity[]>();
    for (const row of rows) bySignal.set(row.signalId, [...(bySignal.get(row.signalId) ?? []), row]);
    return signalIds.map((id) => bySignal.get(id) ?? []);
  }

  /** The forwarding per signal id, in the order asked; null where none or the signal is not the caller's. */
  async bySignalIds(signalIds: readonly string[]): Promise<(ReferralEntity | null)[]> {
    const valid = signalIds.filter(isUuid);
    const rows = valid.length
      ? await this.policy
          .restrict(this.db.getRepository(ReferralEntity).createQueryBuilder("referral").innerJoin(SignalEntity, "signal", "signal.id = referral.signalId"), "signal")
          .andWhere("referral.signalId = ANY(:signalIds)", { signalIds: valid })
          .getMany()
      : [];
    const bySignal = new Map(rows.map((row) => [row.signalId, row]));
    return signalIds.map((id) => bySignal.get(id) ?? null);
  }
}
