import type { DataSource, EntityManager } from "typeorm";
import { badInput, userError } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { COVENANT_START } from "../../../shared/src/covenant/covenant-calendar.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { ThresholdEntity } from "./threshold.entity.js";
import type { SetThresholdInput } from "./threshold.type.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

/** The highest threshold that can be set: EUR 10,000; anything above it is a typing error in cents. */
export const MAX_THRESHOLD_CENTS = 1_000_000;

/**
 * The threshold history. Every role of the covenant may read it (the covenant matrix), so no row rule applies.
 * SDV and the coordinator add entries (the field rule on setThreshold); an entry is never changed,
 * and adding one never touches a stored priority: those name the entry they were computed with.
 */
export class ThresholdService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
  ) {}

  private history(manager: EntityManager = this.db.manager) {
    // Of two entries valid from the same day, the one recorded last is the decision that stands.
    return manager
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
  async validOn(on: string = todayInNetherlands(), manager?: EntityManager): Promise<ThresholdEntity | null> {
    return this.history(manager).where("threshold.validFrom <= :on", { on }).limit(1).getOne();
  }

  async byIds(ids: readonly string[]): Promise<(ThresholdEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.db.getRepository(ThresholdEntity).createQueryBuilder("threshold").where("threshold.id = ANY(:ids)", { ids: valid }).getMany() : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * The threshold a recomputation applies: the entry named, or the one valid today. An id that names
   * no entry is refused, so a typing error never recomputes under the wrong amount.
   */
  async forRecomputation(thresholdId: string | null | undefined): Promise<ThresholdEntity> {
    if (thresholdId) {
      const [found] = await this.byIds([thresholdId]);
      if (!found) throw userError("THRESHOLD_NOT_FOUND", `No threshold has id "${thresholdId}"; take an id from the thresholds query.`, { argument: "thresholdId" });
      return found;
    }
    const current = await this.validOn();
    if (!current) throw new Error("No threshold is valid today; the initial migration writes the covenant's default.");
    return current;
  }

  /**
   * Records a new amount valid from a date (Art. 5.3, footnote 1). Any date from the covenant's start
   * is accepted, also one before the latest entry or in the past: the history says what was decided
   * when. It applies to signals received from `validFrom` on; priorities already stored keep theirs
   * until SDV recomputes them (previewPriorityRecomputation, recomputePriorities).
   */
  async set(input: SetThresholdInput): Promise<ThresholdEntity> {
    if (!Number.isInteger(input.amountCents) || input.amountCents < 1 || input.amountCents > MAX_THRESHOLD_CENTS) {
      throw badInput(`amountCents must be a whole number of euro cents from 1 to ${MAX_THRESHOLD_CENTS} (EUR 10,000), got ${input.amountCents}.`, {
        field: "amountCents",
      });
    }
    if (input.validFrom < COVENANT_START) {
      throw badInput(`validFrom ${input.validFrom} lies before the covenant took effect on ${COVENANT_START}; no threshold applies then.`, { field: "validFrom" });
    }
    const reason = (input.reason ?? "").trim();
    if (!reason) throw badInput("reason must say why this amount is chosen, e.g. the monitoring finding behind it.", { field: "reason" });
    if (reason.length > 2_000) throw badInput("reason is longer than 2000 characters.", { field: "reason" });
    const repository = this.db.getRepository(ThresholdEntity);
    return repository.save(repository.create({ amountCents: input.amountCents, validFrom: input.validFrom, reason, setBy: this.identity.sub }));
  }
}
