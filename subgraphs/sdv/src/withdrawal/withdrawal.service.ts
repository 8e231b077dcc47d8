import type { DataSource } from "typeorm";
import { isCorporationId } from "../../../shared/src/covenant/organisations.js";
import { logErasure } from "../../../shared/src/erasure-log.js";
import { badInput, forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { eraseRefusals } from "../intake/intake-refusal.js";
import { erasedAnything, eraseSignals } from "../signal/signal-erasure.js";
import { isUuid } from "../../../shared/src/input-rules.js";

/** At most this many tenants per call; a corporation withdraws after each objection, a few at a time. */
export const MAX_WITHDRAWN_TENANTS = 20_000;

/**
 * Withdrawal after an objection (intrekking na bezwaar, Art. 3.4): a tenant who objects to the data
 * exchange may appear in no signal, and an objection recorded after a signal was sent withdraws it, so
 * the municipality erases its copies at once. Called by the corporation (the corporations subgraph,
 * right after it records the objection) for its own tenants; only signals that corporation submitted
 * are erased, with their priorities, priority revisions and forwardings, and the tenant's refused
 * intake items of that corporation. Before the delete, everything erased is added to the anonymous
 * monthly tally (the signals also as withdrawn), so monitoring stays right; one erasure_log entry
 * (reason OBJECTION) records the counts per table, never an id. All in one transaction; a second call
 * erases nothing and logs nothing.
 *
 * Afterwards nothing about the person remains in sdv, except in the access log: it records who read
 * this person's data (by the tenant's id only, never the data) and is append-only by law and by
 * trigger, as the accountability the AVG asks for must outlive the data read.
 */
export class WithdrawalService {
  constructor(
    private readonly db: DataSource,
    private readonly identity: Identity,
    private readonly requestId: string,
  ) {}

  /** Returns the number of signals erased. */
  async withdrawSignalsOfTenants(tenantIds: string[]): Promise<number> {
    if (this.identity.role !== "CORPORATION") throw forbidden(`Only a corporation withdraws its own signals; your role is ${this.identity.role}.`);
    if (tenantIds.length > MAX_WITHDRAWN_TENANTS) {
      throw badInput(`At most ${MAX_WITHDRAWN_TENANTS} tenants can be withdrawn in one call, got ${tenantIds.length}; send several calls.`, { argument: "tenantIds" });
    }
    const tenants = [...new Set(tenantIds.filter(isUuid))];
    const corporations = this.identity.orgs.filter(isCorporationId);
    if (tenants.length === 0 || corporations.length === 0) return 0;
    return this.db.transaction(async (manager) => {
      // Locked in id order, as the tally locks them, so two erasures never deadlock.
      const signals: { id: string }[] = await manager.query(`SELECT id FROM signal WHERE tenant_id = ANY($1::uuid[]) AND corporation_id = ANY($2::text[]) ORDER BY id FOR UPDATE`, [
        tenants,
        corporations,
      ]);
      const intakeRefusals = await eraseRefusals(manager, { tenantIds: tenants, corporationIds: corporations });
      const erased = await eraseSignals(
        manager,
        signals.map((s) => s.id),
        "withdrawn",
      );
      const counts = { ...erased, intake_refusal: intakeRefusals };
      if (erasedAnything(counts)) await logErasure(manager, { reason: "OBJECTION", identity: this.identity, requestId: this.requestId, counts });
      return erased.signal;
    });
  }
}
