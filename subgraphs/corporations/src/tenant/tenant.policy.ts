import type { SelectQueryBuilder } from "typeorm";
import { forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { isCorporationId } from "../../../shared/src/covenant/organisations.js";
import type { TenantEntity } from "./tenant.entity.js";

/**
 * Which tenants a caller may read and write. Every query on tenants, and every row reached by
 * reference from another subgraph, passes through here.
 *
 * Reading: a corporation sees its own tenants only; the other roles' row rules arrive with the
 * authorization work and will narrow `restrictReads` further.
 * Writing: only a corporation, and only for itself.
 */
export class TenantPolicy {
  constructor(private readonly identity: Identity) {}

  restrictReads(query: SelectQueryBuilder<TenantEntity>): SelectQueryBuilder<TenantEntity> {
    if (this.identity.role === "CORPORATION") {
      query.andWhere(`${query.alias}.corporationId = ANY(:ownCorporations)`, { ownCorporations: this.identity.orgs });
    }
    return query;
  }

  canRead(tenant: TenantEntity): boolean {
    return this.identity.role !== "CORPORATION" || this.identity.orgs.includes(tenant.corporationId);
  }

  /** The corporation a write is made for; refuses a write for any other corporation. */
  corporationForWrite(requested: string | undefined | null): string {
    if (this.identity.role !== "CORPORATION") {
      throw forbidden(`Only a corporation can register tenant data; your role is ${this.identity.role}.`);
    }
    const own = this.identity.orgs.filter(isCorporationId);
    if (requested) {
      if (!own.includes(requested as never)) {
        throw forbidden(`You act for ${own.join(", ") || "no corporation"}; you cannot write data of corporation "${requested}".`);
      }
      return requested;
    }
    if (own.length !== 1) {
      throw forbidden("Your token names several corporations (or none): set corporationId to the one you submit for.");
    }
    return own[0]!;
  }
}
