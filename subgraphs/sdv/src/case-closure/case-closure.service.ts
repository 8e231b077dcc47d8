import type { DataSource } from "typeorm";
import { isIsoDate } from "../../../shared/src/scalars.js";
import { badInput } from "../../../shared/src/errors.js";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

/** At most this many signals per call: what one team closes in a long while. */
export const MAX_CLOSED_SIGNALS = 20_000;

/**
 * Case closures (Art. 5.4, retention): when the SWT or the budget coach closes a case, the swt
 * subgraph tells sdv which signals it bundled; sdv marks them CLOSED with the day of closure, from
 * which the retention period of a closed case runs. Only signals the caller may see (SignalPolicy:
 * forwarded to its own team, or to the budget coach) are touched; others are ignored without a word.
 * Idempotent: the same closure again changes nothing, and a later closure of the same signal (a case
 * reopened and closed again) moves the day on, never back.
 */
export class CaseClosureService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  /** Returns the number of the signals named that are now recorded closed (a retry answers the same). */
  async record(closures: { signalIds: string[]; closedOn: string }[]): Promise<number> {
    const today = todayInNetherlands();
    const closedOn = new Map<string, string>();
    closures.forEach((closure, index) => {
      if (!isIsoDate(closure.closedOn) || closure.closedOn > today) {
        throw badInput(`closures[${index}].closedOn ${closure.closedOn} lies after today (${today} in the Netherlands); send the day the case was closed.`, {
          argument: `closures[${index}].closedOn`,
        });
      }
      for (const id of closure.signalIds) {
        if (!isUuid(id)) continue;
        const known = closedOn.get(id);
        if (!known || known < closure.closedOn) closedOn.set(id, closure.closedOn);
      }
    });
    if (closedOn.size > MAX_CLOSED_SIGNALS) {
      throw badInput(`At most ${MAX_CLOSED_SIGNALS} signals can be closed in one call, got ${closedOn.size}; send the closures in several calls.`, {
        argument: "closures",
      });
    }
    if (closedOn.size === 0) return 0;
    return this.db.transaction(async (manager) => {
      const visible = await this.policy
        .restrict(manager.getRepository(SignalEntity).createQueryBuilder("signal"))
        .select("signal.id", "id")
        .andWhere("signal.id = ANY(:ids)", { ids: [...closedOn.keys()] })
        // A withdrawn signal is about to be erased; it is not closed.
        .andWhere("signal.status IN (:...closable)", { closable: ["RECEIVED", "FORWARDED", "CLOSED"] })
        .orderBy("signal.id")
        .setLock("pessimistic_write", undefined, ["signal"])
        .getRawMany<{ id: string }>();
      if (visible.length === 0) return 0;
      const ids = visible.map((row) => row.id);
      await manager.query(
        `UPDATE signal s SET status = 'CLOSED', closed_on = GREATEST(COALESCE(s.closed_on, c.closed_on), c.closed_on)
           FROM unnest($1::uuid[], $2::date[]) AS c(signal_id, closed_on)
          WHERE s.id = c.signal_id`,
        [ids, ids.map((id) => closedOn.get(id)!)],
      );
      return ids.length;
    });
  }
}
