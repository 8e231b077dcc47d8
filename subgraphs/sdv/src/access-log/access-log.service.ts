import type { DataSource } from "typeorm";
import { AccessLogEntity } from "../../../shared/src/access-log.js";
import { badInput } from "../../../shared/src/errors.js";
import { isRole } from "../../../shared/src/identity.js";
import { paginate, type Page } from "../../../shared/src/pagination.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import type { SignalAccessLogArgs } from "./access-log.type.js";

/**
 * sdv's access log, read. Only the coordinator reads it (the field rule on the query); it sees every
 * entry, because overseeing all partners' reads is what the role is for.
 */
export class AccessLogService {
  constructor(private readonly db: DataSource) {}

  /** A page of reads, newest first. */
  async list(args: SignalAccessLogArgs): Promise<Page<AccessLogEntity>> {
    const filter = args.filter ?? {};
    const query = this.db.getRepository(AccessLogEntity).createQueryBuilder("entry");
    if (filter.personId) {
      if (!isUuid(filter.personId)) {
        throw badInput(`filter.personId "${filter.personId}" is not a tenant id; tenant ids are uuids, as Tenant.id returns them.`, {
          argument: "filter.personId",
        });
      }
      query.andWhere("entry.personId = :personId", { personId: filter.personId });
    }
    if (filter.subject) query.andWhere("entry.subject = :subject", { subject: filter.subject });
    if (filter.role) {
      if (!isRole(filter.role)) {
        throw badInput(`filter.role "${filter.role}" is no role; use CORPORATION, SDV, SWT, BUDGET_COACH, ANALYST or COORDINATOR.`, {
          argument: "filter.role",
        });
      }
      query.andWhere("entry.role = :role", { role: filter.role });
    }
    if (filter.from) query.andWhere("entry.readAt >= :from", { from: filter.from });
    if (filter.to) query.andWhere("entry.readAt < :to", { to: filter.to });
    return paginate(query, args, { property: "readAt", direction: "DESC" });
  }
}
