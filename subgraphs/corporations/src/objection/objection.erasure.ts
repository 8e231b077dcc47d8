import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { logger } from "../../../shared/src/logger.js";
import type { Peers, ServicePeers } from "../../../shared/src/service-token.js";
import type { ScheduledJob } from "../../../shared/src/subgraph-server.js";
import { ObjectionEntity } from "./objection.entity.js";
import { now } from "../../../shared/src/clock.js";
import { askPeer } from "../../../shared/src/contracts/contract.js";
import { withdrawSignalsOfTenants } from "../../../shared/src/contracts/sdv.js";
import { eraseHouseholdsOfTenants } from "../../../shared/src/contracts/swt.js";

/** Tenants asked about in one call to each peer; more are taken up by the next run of the job. */
export const MAX_TENANTS_PER_ERASURE = 1_000;
/** Tenants the scheduled job takes up in one run, over all corporations: a run stays bounded. */
export const MAX_TENANTS_PER_RUN = 5_000;
/** The first retry waits this long; every failure doubles it, up to MAX_BACKOFF_MS. */
export const FIRST_BACKOFF_MS = 60_000;
export const MAX_BACKOFF_MS = 6 * 3_600_000;

/** What the peers answered: signals withdrawn by sdv, cases erased by swt. */
export interface ErasureCounts {
  signalsWithdrawn: number;
  casesErased: number;
}

type Pending = { tenantId: string; objectionIds: string[] };

/**
 * The withdrawal that follows an objection (Art. 3.4): the sdv subgraph withdraws the tenant's
 * signals and the swt subgraph erases the cases and household profile, each of what the calling
 * corporation sent. They are asked after the objection is committed, with the corporation's own
 * identity, so that each applies its own policy; only when both confirm is the objection marked
 * (`downstreamErasedAt`).
 *
 * An objection must never be lost because a peer is down: the objection table is the outbox. A
 * failure is logged and counted on each objection asked about, with the moment of its next attempt
 * (backoff: 1, 2, 4, ... minutes, at most 6 hours); the scheduled job `objection-erasure` retries every due pending
 * objection until both peers confirm. Meanwhile the tenant is withheld from SDV, SWT and the budget
 * coach (TenantPolicy), whether or not the erasure succeeded. The request that records an objection
 * also carries the corporation's other pending objections along. Both peers erase idempotently, so
 * asking twice about a tenant erases nothing twice. A withdrawn objection is not asked for again:
 * from its withdrawal on, data about the tenant may be exchanged again, and a late erasure would
 * remove signals sent lawfully since.
 */
export class ObjectionErasure {
  constructor(
    private readonly db: DataSource,
    private readonly peers: Peers,
    private readonly requestId: string,
  ) {}

  /**
   * Asks both peers to erase what they hold about the tenants of `objection` and of the
   * corporation's other pending standing objections, and marks those objections when both answered.
   * Never throws: the objection stands whatever happens here. Returns the mark it set on
   * `objection`, if any.
   */
  async afterRecording(objection: ObjectionEntity): Promise<Date | null> {
    try {
      const pending = await this.pendingOf(objection.corporationId, objection.id);
      const marked = await this.erase(objection.corporationId, pending);
      return marked?.get(objection.id) ?? null;
    } catch (err) {
      logger.error(
        { err, corporationId: objection.corporationId, requestId: this.requestId },
        "objection recorded, but its downstream erasure failed; the scheduled job retries it",
      );
      return null;
    }
  }

  /**
   * Asks both peers about these tenants of one corporation. When both answer, marks the objections
   * erased and answers the marks; when either fails, counts the attempt on each objection, sets its
   * next attempt, and answers null. Throws only when the database fails.
   */
  async erase(corporationId: string, pending: Pending[]): Promise<Map<string, Date> | null> {
    if (pending.length === 0) return new Map();
    const tenantIds = pending.map((p) => p.tenantId);
    const [signals, cases] = await Promise.allSettled([askPeer(this.peers, withdrawSignalsOfTenants, { tenantIds }), askPeer(this.peers, eraseHouseholdsOfTenants, { tenantIds })]);
    const objectionIds = pending.flatMap((p) => p.objectionIds);
    if (signals.status === "rejected" || cases.status === "rejected") {
      for (const [peer, result] of [
        ["sdv", signals],
        ["swt", cases],
      ] as const) {
        if (result.status === "rejected") {
          logger.warn(
            { err: result.reason, peer, corporationId, tenants: tenantIds.length, requestId: this.requestId },
            "the peer could not erase the tenants' data after their objection; the scheduled job retries it, and the tenants are withheld meanwhile",
          );
        }
      }
      await this.countFailure(objectionIds);
      return null;
    }
    const counts: ErasureCounts = { signalsWithdrawn: signals.value, casesErased: cases.value };
    const marked = await this.markErased(objectionIds);
    logger.info({ corporationId, tenants: tenantIds.length, objections: marked.size, ...counts, requestId: this.requestId }, "objections erased downstream");
    return marked;
  }

  /** One more failed attempt on each of these pending objections, and when to try again. */
  private async countFailure(objectionIds: string[]): Promise<void> {
    if (objectionIds.length === 0) return;
    // The right-hand side reads the attempts before this one: the n-th failure waits 2^(n-1) minutes.
    await this.db.query(
      `UPDATE objection
          SET erasure_attempts = erasure_attempts + 1,
              erasure_next_attempt_at = $2::timestamptz
                + LEAST(make_interval(secs => $3::double precision * power(2, LEAST(erasure_attempts, 20))), make_interval(secs => $4::double precision))
        WHERE id = ANY($1::uuid[]) AND downstream_erased_at IS NULL`,
      [objectionIds, now(), FIRST_BACKOFF_MS / 1_000, MAX_BACKOFF_MS / 1_000],
    );
  }

  /**
   * The tenants to ask about, at most MAX_TENANTS_PER_ERASURE: the one just objecting first (even
   * when already erased, so that a repeated objection is honoured again), then the oldest pending.
   * Only standing objections of this corporation.
   */
  private async pendingOf(corporationId: string, objectionId: string): Promise<Pending[]> {
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

/**
 * One run of the outbox: every standing objection whose erasure is not confirmed and whose next
 * attempt is due (oldest due first, at most MAX_TENANTS_PER_RUN tenants), asked of sdv and swt per
 * corporation, in that corporation's name and with its rights only. Answers counts for the log.
 */
export async function retryPendingErasures(db: DataSource, peers: ServicePeers | undefined): Promise<Record<string, number>> {
  if (!peers) throw new Error("The corporations subgraph has no service key, so it cannot ask sdv and swt to erase by itself; pending objections stay withheld.");
  const rows: { corporation_id: string; tenant_id: string; objection_ids: string[] }[] = await db.query(
    `SELECT corporation_id, tenant_id, array_agg(id ORDER BY id) AS objection_ids
       FROM objection
      WHERE downstream_erased_at IS NULL AND withdrawn_on IS NULL
        AND (erasure_next_attempt_at IS NULL OR erasure_next_attempt_at <= $1)
      GROUP BY corporation_id, tenant_id
      ORDER BY min(COALESCE(erasure_next_attempt_at, created_at)), corporation_id, tenant_id
      LIMIT $2`,
    [now(), MAX_TENANTS_PER_RUN],
  );
  const byCorporation = new Map<string, Pending[]>();
  for (const row of rows) {
    const list = byCorporation.get(row.corporation_id) ?? [];
    list.push({ tenantId: row.tenant_id, objectionIds: row.objection_ids });
    byCorporation.set(row.corporation_id, list);
  }
  const counts = { tenants: rows.length, confirmed: 0, failed: 0 };
  for (const [corporationId, pending] of byCorporation) {
    for (let i = 0; i < pending.length; i += MAX_TENANTS_PER_ERASURE) {
      const chunk = pending.slice(i, i + MAX_TENANTS_PER_ERASURE);
      const requestId = randomUUID();
      const identity = { sub: "objection-erasure-job", role: "CORPORATION" as const, orgs: [corporationId] };
      const marked = await new ObjectionErasure(db, peers.as(identity, requestId), requestId).erase(corporationId, chunk);
      if (marked) counts.confirmed += chunk.length;
      else counts.failed += chunk.length;
    }
  }
  return counts;
}

/** Seconds between runs of the outbox job (OBJECTION_ERASURE_INTERVAL_SECONDS, default 60). */
export function objectionErasureIntervalSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.OBJECTION_ERASURE_INTERVAL_SECONDS ?? "60";
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 5 || seconds > 86_400) {
    throw new Error(`OBJECTION_ERASURE_INTERVAL_SECONDS must be a whole number of seconds from 5 to 86400, got "${raw}".`);
  }
  return seconds;
}

/** The scheduled job that carries every pending erasure out, declared by the corporations subgraph. */
export function objectionErasureJob(peers: ServicePeers | undefined, intervalSeconds: number = objectionErasureIntervalSeconds()): ScheduledJob {
  return {
    name: "objection-erasure",
    intervalMs: intervalSeconds * 1_000,
    firstRunAfterMs: 15_000,
    run: (db) => retryPendingErasures(db, peers),
  };
}
