import type { DataSource } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../signal/signal.service.js";
import { PriorityEntity, type PriorityLevelValue } from "./priority.entity.js";

/** The level that counts for routing and lists: an SDV worker's override wins over the computed level. */
export function effectiveLevel(priority: Pick<PriorityEntity, "level" | "overrideLevel">): PriorityLevelValue {
  return priority.overrideLevel ?? priority.level;
}

/** A priority with the tenant of its signal: its inputs and reason state that person's arrears, so reads are logged. */
export type VisiblePriority = PriorityEntity & { tenantId: string };

/** Priorities, visible exactly where their signal is visible. */
export class PriorityService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  /** The priority per signal id, in the order asked; null where none or the signal is not the caller's. */
  async bySignalIds(signalIds: readonly string[]): Promise<(VisiblePriority | null)[]> {
    const valid = signalIds.filter(isUuid);
    if (valid.length === 0) return signalIds.map(() => null);
    const { entities, raw } = await this.policy
      .restrict(
        this.db
          .getRepository(PriorityEntity)
          .createQueryBuilder("priority")
          .innerJoin(SignalEntity, "signal", "signal.id = priority.signalId")
          .addSelect("signal.tenantId", "signal_tenant_id"),
        "signal",
      )
      .andWhere("priority.signalId = ANY(:signalIds)", { signalIds: valid })
      .getRawAndEntities<{ priority_id: string; signal_tenant_id: string }>();
    const tenantOf = new Map(raw.map((row) => [row.priority_id, row.signal_tenant_id]));
    const bySignal = new Map(entities.map((row) => [row.signalId, Object.assign(row, { tenantId: tenantOf.get(row.id)! })]));
    return signalIds.map((id) => bySignal.get(id) ?? null);
  }
}
