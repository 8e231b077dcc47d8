import type { DataSource } from "typeorm";
import { badInput } from "../../../shared/src/errors.js";
import type { TenantEntity } from "../tenant/tenant.entity.js";
import type { TenantPolicy } from "../tenant/tenant.policy.js";
import type { TenantService } from "../tenant/tenant.service.js";
import { daysBetween } from "../../../shared/src/covenant/working-days.js";
import { notInFuture, requiredText, today } from "../validation.js";
import { ArrearsEntity } from "./arrears.entity.js";
import type { ArrearsInput, ClearArrearsInput } from "./arrears.type.js";

/**
 * Arrears: one current record per tenant, kept as the corporation reports it. An amount of 0 means
 * the arrears are paid off; the record is then removed rather than kept at zero, so that "has
 * arrears" is simply "has a record" and no zero amount can count days towards a signal.
 */
export class ArrearsService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: TenantPolicy,
    private readonly tenants: TenantService,
  ) {}

  /** The arrears of each tenant asked for (null where none), only of tenants the caller may read. */
  async byTenantIds(tenantIds: readonly string[]): Promise<(ArrearsEntity | null)[]> {
    const query = await this.policy.restrictReads(this.db.getRepository(ArrearsEntity).createQueryBuilder("arrears").innerJoin("arrears.tenant", "tenant"), "tenant", tenantIds);
    const rows = await query.andWhere("arrears.tenantId = ANY(:tenantIds)", { tenantIds: [...tenantIds] }).getMany();
    const byTenant = new Map(rows.map((row) => [row.tenantId, row]));
    return tenantIds.map((id) => byTenant.get(id) ?? null);
  }

  /** Days since the oldest unpaid due date, counted in Dutch calendar days. */
  daysInArrears(arrears: Pick<ArrearsEntity, "since">, on: string = today()): number {
    return Math.max(0, daysBetween(arrears.since, on));
  }

  /** Records the tenant's current arrears; a repeated identical call changes nothing. */
  async upsert(input: ArrearsInput): Promise<TenantEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const values = validateArrears(input);
    return this.db.transaction(async (manager) => {
      const tenant = await this.tenants.byReference(corporationId, values.tenantReference, manager);
      if (values.amountCents === 0) {
        await manager.getRepository(ArrearsEntity).delete({ tenantId: tenant.id });
        return tenant;
      }
      await manager
        .createQueryBuilder()
        .insert()
        .into(ArrearsEntity)
        .values({
          tenantId: tenant.id,
          amountCents: values.amountCents,
          since: values.since,
          phase: values.phase,
          bailiffHandoverOn: values.bailiffHandoverOn,
        })
        .orUpdate(["amount_cents", "since", "phase", "bailiff_handover_on"], ["tenant_id"], { skipUpdateIfNoValuesChanged: true })
        .updateEntity(false)
        .execute();
      return tenant;
    });
  }

  /** Records that the tenant's arrears are paid off; clearing arrears that are not there changes nothing. */
  async clear(input: ClearArrearsInput): Promise<TenantEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const reference = requiredText(input.tenantReference, "tenantReference");
    return this.db.transaction(async (manager) => {
      const tenant = await this.tenants.byReference(corporationId, reference, manager);
      await manager.getRepository(ArrearsEntity).delete({ tenantId: tenant.id });
      return tenant;
    });
  }
}

/** The most a household's rent arrears can be, in euro cents (EUR 1,000,000): beyond it an amount is a typing error. */
export const MAX_ARREARS_CENTS = 100_000_000;

/** Checks arrears before anything is written. */
function validateArrears(input: ArrearsInput) {
  if (!Number.isInteger(input.amountCents) || input.amountCents < 0 || input.amountCents > MAX_ARREARS_CENTS) {
    throw badInput(`amountCents must be a whole number of euro cents from 0 (the arrears are paid off) to ${MAX_ARREARS_CENTS} (EUR 1,000,000); got ${input.amountCents}.`, {
      field: "amountCents",
    });
  }
  const since = notInFuture(input.since, "since");
  const bailiffHandoverOn = input.bailiffHandoverOn ?? null;
  if (bailiffHandoverOn !== null && bailiffHandoverOn < since) {
    throw badInput(`bailiffHandoverOn ${bailiffHandoverOn} lies before since ${since}; arrears cannot go to the bailiff before they exist.`, {
      field: "bailiffHandoverOn",
    });
  }
  return {
    tenantReference: requiredText(input.tenantReference, "tenantReference"),
    amountCents: input.amountCents,
    since,
    phase: input.phase,
    bailiffHandoverOn,
  };
}
