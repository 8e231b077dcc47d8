import type { DataSource } from "typeorm";
import { isUuid } from "../signal/signal.service.js";
import { ThresholdEntity } from "./threshold.entity.js";

/** Today's date in the Netherlands: a threshold applies from a Dutch calendar day, not a UTC one. */
export function todayInNetherlands(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Amsterdam", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/**
 * The threshold history. Every role of the covenant may read it (DOMAIN.md), so no row rule applies;
 * changing it (SDV and the coordinator only) arrives with the priorities work.
 */
export class ThresholdService {
  constructor(private readonly db: DataSource) {}

  private history() {
    // Of two entries valid from the same day, the one recorded last is the decision that stands.
    return this.db
      .getRepository(ThresholdEntity)
      .createQueryBuilder("threshold")
      .orderBy("threshold.validFrom", "DESC")
      .addOrderBy("threshold.createdAt", "DESC")
      .addOrderBy("threshold.id", "DESC");
  }

  /** The whole history, newest first. */
  list(): Promise<ThresholdEntity[]> {
    return this.history().getMany();
  }

  /** The entry valid on `on` (YYYY-MM-DD), or null before the first one. */
  async validOn(on: string = todayInNetherlands()): Promise<ThresholdEntity | null> {
    return this.history().where("threshold.validFrom <= :on", { on }).limit(1).getOne();
  }

  async byIds(ids: readonly string[]): Promise<(ThresholdEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length
      ? await this.db.getRepository(ThresholdEntity).createQueryBuilder("threshold").where("threshold.id = ANY(:ids)", { ids: valid }).getMany()
      : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }
}
