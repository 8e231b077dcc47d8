import type { DataSource } from "typeorm";
import type { TenantPolicy } from "../tenant/tenant.policy.js";
import type { TenantService } from "../tenant/tenant.service.js";
import { upsertTenantRecordByReference } from "../reference-upsert.js";
import { notInFuture, requiredText } from "../validation.js";
import { CollectionStepEntity } from "./collection-step.entity.js";
import type { CollectionStepInput } from "./collection-step.type.js";

/** Collection steps (MVI): read per tenant in batches, written idempotently by the corporation's reference. */
export class CollectionStepService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: TenantPolicy,
    private readonly tenants: TenantService,
  ) {}

  /** Each tenant's steps in the order they were taken, only of tenants the caller may read. */
  async byTenantIds(tenantIds: readonly string[]): Promise<CollectionStepEntity[][]> {
    const query = await this.policy.restrictReads(this.db.getRepository(CollectionStepEntity).createQueryBuilder("step").innerJoin("step.tenant", "tenant"), "tenant", tenantIds);
    const rows = await query
      .andWhere("step.tenantId = ANY(:tenantIds)", { tenantIds: [...tenantIds] })
      .orderBy("step.takenOn", "ASC")
      .addOrderBy("step.reference", "ASC")
      .getMany();
    const byTenant = new Map<string, CollectionStepEntity[]>();
    for (const row of rows) {
      const list = byTenant.get(row.tenantId);
      if (list) list.push(row);
      else byTenant.set(row.tenantId, [row]);
    }
    return tenantIds.map((id) => byTenant.get(id) ?? []);
  }

  async upsert(input: CollectionStepInput): Promise<CollectionStepEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const values = {
      tenantReference: requiredText(input.tenantReference, "tenantReference"),
      reference: requiredText(input.reference, "reference"),
      kind: input.kind,
      takenOn: notInFuture(input.takenOn, "takenOn"),
      takenBy: requiredText(input.takenBy, "takenBy"),
    };
    return this.db.transaction(async (manager) => {
      const tenant = await this.tenants.byReference(corporationId, values.tenantReference, manager);
      return upsertTenantRecordByReference(
        manager,
        CollectionStepEntity,
        { corporationId, tenantId: tenant.id, reference: values.reference, kind: values.kind, takenOn: values.takenOn, takenBy: values.takenBy },
        ["kind", "taken_on", "taken_by"],
        "collection step",
      );
    });
  }
}
