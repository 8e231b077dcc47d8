import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import type { Identity } from "../../../shared/src/identity.js";
import { corporationForWrite } from "../corporation/corporation.policy.js";
import type { TenantEntity } from "./tenant.entity.js";

/**
 * Which tenants a caller may read and write. Every query on tenants, every row reached by reference
 * from another subgraph, and every query on a tenant's own data (arrears, collection steps,
 * objections: joined to their tenant) passes through here.
 *
 * Reading: a corporation sees its own tenants only; the other roles' row rules arrive with the
 * authorization work and will narrow `restrictReads` further.
 * Writing: only a corporation, and only for itself.
 */
export class TenantPolicy {
  constructor(private readonly identity: Identity) {}

  /**
   * Narrows a query to readable tenants. `tenantAlias` names the tenant in the query: the main
   * alias for a tenant query, the joined tenant for a query on a tenant's data.
   */
  restrictReads<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, tenantAlias: string = query.alias): SelectQueryBuilder<T> {
    if (this.identity.role === "CORPORATION") {
      query.andWhere(`${tenantAlias}.corporationId = ANY(:ownCorporations)`, { ownCorporations: this.identity.orgs });
    }
    return query;
  }

  canRead(tenant: TenantEntity): boolean {
    return this.identity.role !== "CORPORATION" || this.identity.orgs.includes(tenant.corporationId);
  }

  /** The corporation a write is made for; refuses a write for any other corporation. */
  corporationForWrite(requested: string | undefined | null): string {
    return corporationForWrite(this.identity, requested, "register tenant data");
  }
}
