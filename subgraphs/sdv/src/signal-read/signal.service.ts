import type { DataSource, SelectQueryBuilder } from "typeorm";
import { badInput } from "../../../shared/src/errors.js";
import { paginate, type Page } from "../../../shared/src/pagination.js";
import { PriorityEntity } from "../priority/priority.entity.js";
import { ReferralEntity } from "../referral/referral.entity.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { LIVE_STATUSES, SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import type { SignalFilter, SignalsArgs } from "./signal-filter.type.js";

/** Signals as the caller may see them: listed, by id, and per tenant. Nothing here bypasses the policy. */
export class SignalService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  private visible(): SelectQueryBuilder<SignalEntity> {
    return this.policy.restrict(this.db.getRepository(SignalEntity).createQueryBuilder("signal"));
  }

  /** A page of signals, newest received first. */
  async list(args: SignalsArgs): Promise<Page<SignalEntity>> {
    const query = this.visible();
    applyFilter(query, args.filter ?? {});
    return paginate(query, args, { property: "receivedAt", direction: "DESC" });
  }

  /**
   * The signals of priority I-III that wait for a team because no routing area covers their
   * municipality and postcode area: RECEIVED, never forwarded. Longest waiting first.
   */
  async unrouted(args: { first: number; after?: string | null }): Promise<Page<SignalEntity>> {
    const query = this.visible()
      .andWhere("signal.status = 'RECEIVED'")
      .andWhere(`NOT EXISTS (SELECT 1 FROM referral unrouted_r WHERE unrouted_r.signal_id = signal.id)`)
      .andWhere(`EXISTS (SELECT 1 FROM priority unrouted_p WHERE unrouted_p.signal_id = signal.id AND COALESCE(unrouted_p.override_level, unrouted_p.level) <> 'IV')`);
    return paginate(query, args, { property: "receivedAt", direction: "ASC" });
  }

  /** Signals by id, in the order asked, null where absent or outside the caller's rows. */
  async byIds(ids: readonly string[]): Promise<(SignalEntity | null)[]> {
    const valid = ids.filter(isUuid);
    const rows = valid.length ? await this.visible().andWhere("signal.id = ANY(:ids)", { ids: valid }).getMany() : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /** Per tenant id, the tenant's signals the caller may see, newest first; one query for all. */
  async byTenantIds(tenantIds: readonly string[]): Promise<SignalEntity[][]> {
    const valid = tenantIds.filter(isUuid);
    const rows = valid.length
      ? await this.visible().andWhere("signal.tenantId = ANY(:tenantIds)", { tenantIds: valid }).orderBy("signal.receivedAt", "DESC").addOrderBy("signal.id", "DESC").getMany()
      : [];
    const byTenant = new Map<string, SignalEntity[]>();
    for (const row of rows) {
      const list = byTenant.get(row.tenantId) ?? [];
      list.push(row);
      byTenant.set(row.tenantId, list);
    }
    return tenantIds.map((id) => byTenant.get(id) ?? []);
  }

  /**
   * Of the given tenants (every tenant when `tenantIds` is null), those with a live signal the caller
   * may see, in one statement. The corporations subgraph asks this on the caller's behalf to decide
   * whose contact data an SDV, SWT or budget coach may read: a withdrawn or closed signal opens nothing.
   * An id that is no uuid names no tenant and is left out.
   */
  async visibleTenantIds(tenantIds: readonly string[] | null): Promise<string[]> {
    const query = this.visible().select("signal.tenantId", "tenantId").distinct(true).andWhere("signal.status IN (:...liveStatuses)", {
      liveStatuses: LIVE_STATUSES,
    });
    if (tenantIds !== null) {
      const valid = tenantIds.filter(isUuid);
      if (valid.length === 0) return [];
      query.andWhere("signal.tenantId = ANY(:tenantIds)", { tenantIds: valid });
    }
    const rows = await query.orderBy("signal.tenantId").getRawMany<{ tenantId: string }>();
    return rows.map((row) => row.tenantId);
  }
}

/** Filters of the signals list. Conditions on priority and forwarding are sub-selects, not joins, so that
 * keyset pagination stays one plain query. */
function applyFilter(query: SelectQueryBuilder<SignalEntity>, filter: SignalFilter): void {
  if (filter.municipalityCode) query.andWhere("signal.municipalityCode = :municipalityCode", { municipalityCode: filter.municipalityCode });
  if (filter.corporationId) query.andWhere("signal.corporationId = :corporationId", { corporationId: filter.corporationId });
  if (filter.reportingMonth) query.andWhere("signal.reportingMonth = :reportingMonth", { reportingMonth: filter.reportingMonth });
  if (filter.status) query.andWhere("signal.status = :status", { status: filter.status });
  if (filter.tenantId) {
    if (!isUuid(filter.tenantId)) {
      throw badInput(`filter.tenantId "${filter.tenantId}" is not a tenant id; tenant ids are uuids, as Tenant.id returns them.`, {
        argument: "filter.tenantId",
      });
    }
    query.andWhere("signal.tenantId = :tenantId", { tenantId: filter.tenantId });
  }
  if (filter.priorityLevel) {
    const sub = query
      .subQuery()
      .select("1")
      .from(PriorityEntity, "filter_priority")
      .where("filter_priority.signalId = signal.id")
      .andWhere("COALESCE(filter_priority.overrideLevel, filter_priority.level) = :priorityLevel")
      .getQuery();
    query.andWhere(`EXISTS ${sub}`, { priorityLevel: filter.priorityLevel });
  }
  if (filter.forwardedTo || filter.teamId) {
    const sub = query.subQuery().select("1").from(ReferralEntity, "filter_referral").where("filter_referral.signalId = signal.id");
    if (filter.forwardedTo) sub.andWhere("filter_referral.target = :forwardedTo");
    if (filter.teamId) sub.andWhere("filter_referral.teamId = :teamId");
    query.andWhere(`EXISTS ${sub.getQuery()}`, { forwardedTo: filter.forwardedTo, teamId: filter.teamId });
  }
}
