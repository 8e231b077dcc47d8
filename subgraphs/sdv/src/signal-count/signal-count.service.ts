import type { DataSource } from "typeorm";
import { countCells, groupsAsked, type CountGroup } from "../../../shared/src/count-cells.js";
import { badInput } from "../../../shared/src/errors.js";
import { PriorityEntity } from "../priority/priority.entity.js";
import { ReferralEntity } from "../referral/referral.entity.js";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { SignalGroup, type SignalCountCell, type SignalCountsArgs } from "./signal-count.type.js";

type CellKey = Exclude<keyof SignalCountCell, "households" | "signals" | "suppressed">;

/** Each key: the SQL it groups by and the cell field it fills. */
const GROUPS: Record<SignalGroup, CountGroup<CellKey>> = {
  [SignalGroup.MONTH]: { expression: "signal.reportingMonth", key: "month" },
  [SignalGroup.MUNICIPALITY]: { expression: "signal.municipalityCode", key: "municipalityCode" },
  [SignalGroup.CORPORATION]: { expression: "signal.corporationId", key: "corporationId" },
  [SignalGroup.PRIORITY]: { expression: "COALESCE(priority.overrideLevel, priority.level)", key: "priorityLevel" },
  [SignalGroup.STATUS]: { expression: "signal.status", key: "status" },
  [SignalGroup.CHANNEL]: { expression: "signal.channel", key: "channel" },
  [SignalGroup.FORWARDED_TO]: { expression: "referral.target", key: "forwardedTo" },
};

/** A cell's keys before the grouped ones are filled in: null means "not grouped by". */
const UNGROUPED: Record<CellKey, null> = {
  month: null,
  municipalityCode: null,
  corporationId: null,
  priorityLevel: null,
  status: null,
  channel: null,
  forwardedTo: null,
};

/**
 * Counts of signals for monitoring the covenant (Art. 5.3, 6.2): analysts, the coordinator and SDV
 * see signals this way, as cells, never as rows. Households are counted by distinct tenant, and a
 * cell under SUPPRESSION_THRESHOLD households is withheld (AVG: a small count can point at a person).
 */
export class SignalCountService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  /** One statement: GROUP BY the keys asked, over the signals the caller may count. */
  async count(args: SignalCountsArgs): Promise<SignalCountCell[]> {
    const filter = args.filter ?? {};
    if (filter.fromMonth && filter.toMonth && filter.fromMonth > filter.toMonth) {
      throw badInput(`filter.fromMonth (${filter.fromMonth}) is after filter.toMonth (${filter.toMonth}); give the earlier month first.`, {
        argument: "filter.fromMonth",
      });
    }
    const query = this.policy.restrictForCounts(this.db.getRepository(SignalEntity).createQueryBuilder("signal"));
    // A signal has at most one priority and one forwarding (unique keys), so these joins never multiply rows.
    if (args.groupBy.includes(SignalGroup.PRIORITY)) query.leftJoin(PriorityEntity, "priority", "priority.signalId = signal.id");
    if (args.groupBy.includes(SignalGroup.FORWARDED_TO)) query.leftJoin(ReferralEntity, "referral", "referral.signalId = signal.id");
    if (filter.fromMonth) query.andWhere("signal.reportingMonth >= :fromMonth", { fromMonth: filter.fromMonth });
    if (filter.toMonth) query.andWhere("signal.reportingMonth <= :toMonth", { toMonth: filter.toMonth });
    if (filter.municipalityCode) query.andWhere("signal.municipalityCode = :municipalityCode", { municipalityCode: filter.municipalityCode });
    if (filter.corporationId) query.andWhere("signal.corporationId = :corporationId", { corporationId: filter.corporationId });

    return countCells<SignalCountCell>(query, { households: "COUNT(DISTINCT signal.tenantId)", others: { signals: "COUNT(*)" } }, groupsAsked(GROUPS, args.groupBy), UNGROUPED);
  }
}
