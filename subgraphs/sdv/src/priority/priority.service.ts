import type { DataSource } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../signal/signal.service.js";
import { PriorityEntity, type PriorityLevelValue } from "./priority.entity.js";

/** The level that counts for routing and lists: an SDV worker's override wins over the computed level. */
export function effectiveLevel(priority: Pick<PriorityEntity, "level" | "overrideLevel">): PriorityLevelValue {
  return priority.overrideLevel ?? priority.level;
}

/** Priorities, visible exactly where their signal is visible. */
export class PriorityService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  /** The priority per signal id, in the order asked; null where none or the signal is not the caller's. */
  async bySignalIds(signalIds: readonly string[]): Promise<(PriorityEntity | null)[]> {
    const valid = signalIds.filter(isUuid);
    const rows = valid.length
      ? await this.policy
          .restrict(
            this.db
              .getRepository(PriorityEntity)
              .createQueryBuilder("priority")
              .innerJoin(SignalEntity, "signal", "signal.id = priority.signalId"),
            "signal",
          )
          .andWhere("priority.signalId = ANY(:signalIds)", { signalIds: valid })
          .getMany()
      : [];
    const bySignal = new Map(rows.map((row) => [row.signalId, row]));
    return signalIds.map((id) => bySignal.get(id) ?? null);
  }
}
