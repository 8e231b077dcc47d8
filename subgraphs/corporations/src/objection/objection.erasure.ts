import type { DataSource } from "typeorm";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import { ObjectionEntity } from "./objection.entity.js";
import { now } from "../../../shared/src/clock.js";

/** Tenants asked about in one call to each peer; more wait for the corporation's next objection. */
export const MAX_TENANTS_PER_ERASURE = 1_000;

const WITHDRAW_SIGNALS = `mutation WithdrawSignalsOfTenants($tenantIds: [ID!]!) { withdrawSignalsOfTenants(tenantIds: $tenantIds) }`;
const ERASE_HOUSEHOLDS = `mutation EraseHouseholdsOfTenants($tenantIds: [ID!]!) { eraseHouseholdsOfTenants(tenantIds: $tenantIds) }`;

/** What the peers answered: signals withdrawn by sdv, cases erased by swt. */
export interface ErasureCounts {
  signalsWithdrawn: number;
  casesErased: number;
}

/**
 * The withdrawal that follows an objection (Art. 3.4): the sdv subgraph withdraws the tenant's
 * signals and the swt subgraph erases the cases and household profile, each of what the calling
 * corporation sent. They are asked after the objection is committed, with the corporation's own
 * identity, so that each applies its own policy; only when both confirm is the objection marked
 * (`downstreamErasedAt`).
 *
 * An objection must never be lost because a peer is down: a failure is logged and the objection
 * stays pending. Every call also carries the corporation's other standing objections still pending,
 * so that the next objection repairs what an earlier failure left. Both peers erase idempotently, so
 * asking twice about a tenant (a repeated objection, an overlap with a retry) erases nothing twice.
 * A withdrawn objection is not asked for again: from its withdrawal on, data about the tenant may be
 * exchanged again, and a late erasure would remove signals sent lawfully since.
 */
export class ObjectionErasure {
  constructor(
    private readonly db: DataSource,
    private readonly peers: PeerClient,
    private readonly requestId: string,
  ) {}

  /**
   * Asks both peers to erase what they hold about the tenants of `objection` and of the
   * corporation's other pending standing objections, and marks those objections when both answered.
   * Never throws: the objection stands whatever happens here. Returns the mark it set on
   * `objection`, if any.
   */
  async afterRecording(objection: ObjectionEntity): Promise<Date | null> {
    const corporationId = objection.corporationId;
    let pending: { tenantId: string; objectionIds: string[] }[] = [];
    try {
      pending = await this.pendingOf(corporationId, objection.id);
      if (pending.length === 0) return null;
      const tenantIds = pending.map((p) => p.tenantId);
      const [signals, cases] = await Promise.allSettled([
        this.ask("sdv", WITHDRAW_SIGNALS, "withdrawSignalsOfTenants", tenantIds),
        this.ask("swt", ERASE_HOUSEHOLDS, "eraseHouseholdsOfTenants", tenantIds),
      ]);
      const failed = [
        ...(signals.status === "rejected" ? [{ peer: "sdv", err: signals.reason }] : []),
        ...(cases.status === "rejected" ? [{ peer: "swt", err: cases.reason }] : []),
      ];
      for (const { peer, err } of failed) {
        logger.warn(
          { err, peer, corporationId, tenants: tenantIds.length, requestId: this.requestId },
          "objection recorded, but the peer could not erase the tenants' data; retried with the corporation's next objection",
        );
      }
      if (signals.status === "rejected" || cases.status === "rejected") return null;
      const counts: ErasureCounts = { signalsWithdrawn: signals.value, casesErased: cases.value };
      const marked = await this.markErased(pending.flatMap((p) => p.objectionIds));
      logger.info({ corporationId, tenants: tenantIds.length, objections: marked.size, ...counts, requestId: this.requestId }, "objections erased downstream");
      return marked.get(objection.id) ?? null;
    } catch (err) {
      logger.error({ err, corporationId, tenants: pending.length, requestId: this.requestId }, "objection recorded, but its downstream erasure failed; retried with the corporation's next objection");
      return null;
    }
  }

  /**
   * The tenants to ask about, at most MAX_TENANTS_PER_ERASURE: the one just objecting first (even
   * when already erased, so that a repeated objection is honoured again), then the oldest pending.
   * Only standing objections of this corporation.
   */
  private async pendingOf(corporationId: string, objectionId: string): Promise<{ tenantId: string; objectionIds: string[] }[]> {
    const rows: { tenant_id: string; objection_ids: string[] }[] = await this.db.query(
      `SELECT tenant_id, array_agg(id ORDER BY id) FILTER (WHERE downstream_erased_at IS NULL) AS objection_ids
         FROM objection
        WHERE corporation_id = $1 AND withdrawn_on IS NULL AND (downstream_erased_at IS NULL OR id = $2)
        GROUP BY tenant_id
        ORDER BY bool_or(id = $2) DESC, min(created_at), tenant_id
        LIMIT $3`,
      [corporationId, objectionId, MAX_TENANTS_PER_ERASURE],
    );
    return rows.map((row) => ({ tenantId: row.tenant_id, objectionIds: row.objection_ids ?? [] }));
  }

  private async ask(peer: "sdv" | "swt", query: string, field: string, tenantIds: string[]): Promise<number> {
    const answer = await this.peers.query<Record<string, unknown>>(peer, query, { tenantIds });
    const count = answer[field];
    if (typeof count !== "number" || !Number.isInteger(count) || count < 0) {
      throw new Error(`${peer} answered ${field} with ${JSON.stringify(count)} instead of a count.`);
    }
    return count;
  }

  /** Marks the objections confirmed; one already marked keeps its first confirmation. */
  private async markErased(objectionIds: string[]): Promise<Map<string, Date>> {
    if (objectionIds.length === 0) return new Map();
    const result = await this.db
      .createQueryBuilder()
      .update(ObjectionEntity)
      .set({ downstreamErasedAt: now() })
      .where("id = ANY(:objectionIds)", { objectionIds })
      .andWhere("downstream_erased_at IS NULL")
      .returning(`"id", "downstream_erased_at"`)
      .execute();
    const rows = result.raw as { id: string; downstream_erased_at: Date }[];
    return new Map(rows.map((row) => [row.id, row.downstream_erased_at]));
  }
}
