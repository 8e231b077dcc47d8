import type { DataSource } from "typeorm";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { isUuid } from "../signal/signal.service.js";
import { ReferralEntity } from "./referral.entity.js";

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
