import type { DataSource } from "typeorm";
import { AccessLogEntity } from "../../../shared/src/access-log.js";
import { badInput } from "../../../shared/src/errors.js";
import { paginate, type Page } from "../../../shared/src/pagination.js";
import type { AccessLogPolicy } from "./access-log.policy.js";
import type { AccessLogArgs } from "./access-log.type.js";

/** Reading the access log, newest first. Writing is the AccessLogCollector's, once per request. */
export class AccessLogService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: AccessLogPolicy,
  ) {}

  async list(args: AccessLogArgs): Promise<Page<AccessLogEntity>> {
    const f = args.filter ?? {};
    if (f.from && f.to && f.from > f.to) {
      throw badInput(`filter.from ${f.from.toISOString()} lies after filter.to ${f.to.toISOString()}; the period would be empty.`, { argument: "filter.from" });
    }
    const query = this.policy.restrictReads(this.db.getRepository(AccessLogEntity).createQueryBuilder("entry"));
    if (f.personId) query.andWhere("entry.personId = :personId", { personId: f.personId });
    if (f.subject) query.andWhere("entry.subject = :subject", { subject: f.subject });
    if (f.role) query.andWhere("entry.role = :role", { role: f.role });
    if (f.from) query.andWhere("entry.readAt >= :from", { from: f.from });
    if (f.to) query.andWhere("entry.readAt <= :to", { to: f.to });
    return paginate(query, args, { property: "readAt", direction: "DESC" });
  }
}
