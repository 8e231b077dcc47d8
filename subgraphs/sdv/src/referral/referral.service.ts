import type { DataSource, EntityManager } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../signal/signal.service.js";
import type { Route } from "./forwarding.js";
import { ReferralEntity } from "./referral.entity.js";

/** Rows per statement when writing in bulk; each is one JSON parameter, so only the size of a statement is bounded. */
export const WRITE_CHUNK = 2_500;

/**
 * Records forwardings in bulk: a new one for a signal not yet forwarded, or a changed target for one
 * that was (the caller has kept what stood in priority_revision). All made at `at`, with day zero
 * `forwardedOn`. With `markForwarded`, RECEIVED signals among them become FORWARDED.
 */
export async function recordForwardings(
  manager: EntityManager,
  rows: { signalId: string; route: Route }[],
  forwardedOn: string,
  at: Date,
  markForwarded: boolean,
): Promise<void> {
  for (let i = 0; i < rows.length; i += WRITE_CHUNK) {
    const chunk = rows.slice(i, i + WRITE_CHUNK);
    await manager.query(
      `INSERT INTO referral (signal_id, target, team_id, forwarded_on, forwarded_at)
       SELECT r.signal_id, r.target, r.team_id, $2::date, $3::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS r(signal_id uuid, target text, team_id text)
       ON CONFLICT ON CONSTRAINT referral_signal_key DO UPDATE
         SET target = EXCLUDED.target, team_id = EXCLUDED.team_id, forwarded_on = EXCLUDED.forwarded_on, forwarded_at = EXCLUDED.forwarded_at`,
      [JSON.stringify(chunk.map((row) => ({ signal_id: row.signalId, target: row.route.target, team_id: row.route.teamId }))), forwardedOn, at],
    );
    if (markForwarded) {
      await manager.query(`UPDATE signal SET status = 'FORWARDED' WHERE id = ANY($1::uuid[]) AND status = 'RECEIVED'`, [chunk.map((row) => row.signalId)]);
    }
  }
}

/** Forwardings, visible exactly where their signal is visible. */
export class ReferralService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  /** The forwarding per signal id, in the order asked; null where none or the signal is not the caller's. */
  async bySignalIds(signalIds: readonly string[]): Promise<(ReferralEntity | null)[]> {
    const valid = signalIds.filter(isUuid);
    const rows = valid.length
      ? await this.policy
          .restrict(
            this.db
              .getRepository(ReferralEntity)
              .createQueryBuilder("referral")
              .innerJoin(SignalEntity, "signal", "signal.id = referral.signalId"),
            "signal",
          )
          .andWhere("referral.signalId = ANY(:signalIds)", { signalIds: valid })
          .getMany()
      : [];
    const bySignal = new Map(rows.map((row) => [row.signalId, row]));
    return signalIds.map((id) => bySignal.get(id) ?? null);
  }
}
