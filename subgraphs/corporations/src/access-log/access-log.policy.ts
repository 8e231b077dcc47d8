import type { SelectQueryBuilder } from "typeorm";
import type { AccessLogEntity } from "../../../shared/src/access-log.js";
import type { Identity } from "../../../shared/src/identity.js";

/**
 * Who may read the access log of personal data: the covenant's coordinator, who oversees that
 * partners read only what they need; nobody else, not even the corporation whose tenants were read.
 */
export class AccessLogPolicy {
  constructor(private readonly identity: Identity) {}

  restrictReads(query: SelectQueryBuilder<AccessLogEntity>): SelectQueryBuilder<AccessLogEntity> {
    return this.identity.role === "COORDINATOR" ? query : query.andWhere("false");
  }
}
