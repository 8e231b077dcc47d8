import type { DataSource } from "typeorm";
import { badInput } from "../../../shared/src/errors.js";
import { paginate, type Page } from "../../../shared/src/pagination.js";
import { municipalityCode, notInFuture, requiredText } from "../validation.js";
import { RegisterEntryEntity } from "./register-entry.entity.js";
import type { RegisterEntryPolicy } from "./register-entry.policy.js";
import { Membership, type RegisterEntriesArgs, type RegisterEntryInput } from "./register-entry.type.js";

/** The registers of Art. 6.4: listing within the caller's rows, idempotent upserts by reference. */
export class RegisterEntryService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: RegisterEntryPolicy,
  ) {}

  async list(args: RegisterEntriesArgs): Promise<Page<RegisterEntryEntity>> {
    const query = this.policy.restrictReads(this.db.getRepository(RegisterEntryEntity).createQueryBuilder("entry"));
    const f = args.filter ?? {};
    if (f.from && f.to && f.from > f.to) {
      throw badInput(`filter.from ${f.from} lies after filter.to ${f.to}; the period would be empty.`, { argument: "filter.from" });
    }
    if (f.corporationId) query.andWhere("entry.corporationId = :corporationId", { corporationId: f.corporationId });
    if (f.kind) query.andWhere("entry.kind = :kind", { kind: f.kind });
    if (f.municipalityCode) query.andWhere("entry.municipalityCode = :municipalityCode", { municipalityCode: f.municipalityCode });
    if (f.from) query.andWhere("entry.occurredOn >= :from", { from: f.from });
    if (f.to) query.andWhere("entry.occurredOn <= :to", { to: f.to });
    return paginate(query, args, { property: "occurredOn", direction: "ASC" });
  }

  /** Records an entry; a repeated identical call changes nothing and a changed one updates the entry. */
  async upsert(input: RegisterEntryInput): Promise<RegisterEntryEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const values = validateEntry(input);
    return this.db.transaction(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(RegisterEntryEntity)
        .values({ ...values, corporationId })
        .orUpdate(["kind", "occurred_on", "municipality_code", "with_children", "aged65_plus", "reason"], ["corporation_id", "reference"], {
          skipUpdateIfNoValuesChanged: true,
        })
        .updateEntity(false)
        .execute();
      return manager.getRepository(RegisterEntryEntity).findOneByOrFail({ corporationId, reference: values.reference });
    });
  }
}

/** Checks an entry before anything is written. */
function validateEntry(input: RegisterEntryInput) {
  const reason = input.reason?.trim() || null;
  if (input.kind === "EVICTION" && !reason) {
    throw badInput('reason is required for an eviction (Art. 6.4 registers evictions with their reason), e.g. "Huurachterstand".', {
      field: "reason",
    });
  }
  if (reason && reason.length > 500) throw badInput("reason is longer than 500 characters.", { field: "reason" });
  return {
    reference: requiredText(input.reference, "reference"),
    kind: input.kind,
    occurredOn: notInFuture(input.occurredOn, "occurredOn"),
    municipalityCode: municipalityCode(input.municipalityCode, "municipalityCode"),
    withChildren: input.withChildren ?? Membership.UNKNOWN,
    aged65Plus: input.aged65Plus ?? Membership.UNKNOWN,
    reason,
  };
}
