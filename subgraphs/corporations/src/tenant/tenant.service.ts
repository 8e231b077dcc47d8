import { GraphQLError } from "graphql";
import type { DataSource, EntityManager } from "typeorm";
import { isUuid } from "../../../shared/src/input-rules.js";
import { badInput, userError } from "../../../shared/src/errors.js";
import { paginate, type Page } from "../../../shared/src/pagination.js";
import { normalisePostcode } from "../../../shared/src/covenant/organisations.js";
import { TenantEntity } from "./tenant.entity.js";
import type { TenantPolicy } from "./tenant.policy.js";
import type { TenantInput, TenantsArgs } from "./tenant.type.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^\+?[0-9 ()-]{6,20}$/;

/** Tenants: listing within the caller's rows, and idempotent upserts by the corporation's reference. */
export class TenantService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: TenantPolicy,
  ) {}

  async list(args: TenantsArgs): Promise<Page<TenantEntity>> {
    const query = await this.policy.restrictReads(this.db.getRepository(TenantEntity).createQueryBuilder("tenant"));
    const f = args.filter ?? {};
    if (f.corporationId) query.andWhere("tenant.corporationId = :corporationId", { corporationId: f.corporationId });
    if (f.municipalityCode) query.andWhere("tenant.address.municipalityCode = :municipalityCode", { municipalityCode: f.municipalityCode });
    if (f.reference) query.andWhere("tenant.reference = :reference", { reference: f.reference });
    if (f.sector) query.andWhere("tenant.sector = :sector", { sector: f.sector });
    return paginate(query, args, { property: "name", direction: "ASC" });
  }

  /**
   * Tenants by id, in the order asked, null where absent or outside the caller's rows, and an error
   * (WITHHELD_BY_OBJECTION) where a downstream role would see the tenant but for a standing objection.
   */
  async byIds(ids: readonly string[]): Promise<(TenantEntity | GraphQLError | null)[]> {
    const valid = ids.filter(isUuid);
    if (valid.length === 0) return ids.map(() => null);
    const query = await this.policy.restrictReads(this.db.getRepository(TenantEntity).createQueryBuilder("tenant"), "tenant", valid);
    const rows = await query.andWhere("tenant.id = ANY(:ids)", { ids: valid }).getMany();
    const byId = new Map(rows.map((row) => [row.id, row]));
    const withheld = await this.policy.withheldByObjection(this.db, [...new Set(valid.filter((id) => !byId.has(id)))]);
    return ids.map((id) => byId.get(id) ?? (withheld.has(id) ? withheldError() : null));
  }

  async upsert(input: TenantInput, manager: EntityManager = this.db.manager): Promise<TenantEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const values = validateTenant(input);
    await manager
      .createQueryBuilder()
      .insert()
      .into(TenantEntity)
      .values({ ...values, corporationId })
      .orUpdate(
        ["name", "birth_date", "phone", "email", "address_street", "address_house_number", "address_postcode", "address_city", "address_municipality_code", "sector"],
        ["corporation_id", "reference"],
        // A repeated identical call must change nothing, not even updated_at (set only on a real change).
        { skipUpdateIfNoValuesChanged: true },
      )
      .execute();
    return manager.getRepository(TenantEntity).findOneByOrFail({ corporationId, reference: values.reference });
  }

  /** The tenant of the caller's corporation with this reference, or a clear refusal. */
  async byReference(corporationId: string, reference: string, manager: EntityManager = this.db.manager): Promise<TenantEntity> {
    const tenant = await manager.getRepository(TenantEntity).findOneBy({ corporationId, reference });
    if (!tenant) {
      throw userError("TENANT_NOT_FOUND", `No tenant with reference "${reference}" is registered for ${corporationId}; upsert the tenant first.`, {
        reference,
      });
    }
    return tenant;
  }
}

/** A tenant the caller would see, withheld because the tenant objected to the data exchange (Art. 3.4). */
function withheldError(): GraphQLError {
  return new GraphQLError(
    "This tenant objected to the exchange of their data with the municipality (Art. 3.4): nothing about them is shown, and what was received about them is being erased.",
    { extensions: { code: "WITHHELD_BY_OBJECTION" } },
  );
}

function required(value: string | undefined | null, field: string): string {
  const trimmed = (value ?? "").trim();
  if (!trimmed) throw badInput(`${field} must not be empty.`, { field });
  return trimmed;
}

/** Checks and normalises a tenant before anything is written. */
function validateTenant(input: TenantInput) {
  const postcode = normalisePostcode(input.address.postcode);
  if (!postcode) {
    throw badInput(`address.postcode "${input.address.postcode}" is not a Dutch postcode; write four digits and two letters, e.g. 2033 AB.`, { field: "address.postcode" });
  }
  if (!/^\d{4}$/.test(input.address.municipalityCode)) {
    throw badInput(`address.municipalityCode "${input.address.municipalityCode}" must be a four-digit CBS code, e.g. 0392 for Haarlem.`, { field: "address.municipalityCode" });
  }
  const email = input.email?.trim() || null;
  if (email && !EMAIL.test(email)) throw badInput(`email "${email}" is not an e-mail address.`, { field: "email" });
  const phone = input.phone?.trim() || null;
  if (phone && !PHONE.test(phone)) throw badInput(`phone "${phone}" is not a phone number; use digits, spaces, +, - or ().`, { field: "phone" });
  if (input.birthDate && input.birthDate > todayInNetherlands()) {
    throw badInput(`birthDate ${input.birthDate} lies in the future.`, { field: "birthDate" });
  }
  return {
    reference: required(input.reference, "reference"),
    name: required(input.name, "name"),
    birthDate: input.birthDate ?? null,
    phone,
    email,
    address: {
      street: required(input.address.street, "address.street"),
      houseNumber: required(input.address.houseNumber, "address.houseNumber"),
      postcode,
      city: required(input.address.city, "address.city"),
      municipalityCode: input.address.municipalityCode,
    },
    sector: input.sector,
  };
}
