import type { DataSource } from "typeorm";
import { badInput, userError } from "../../../shared/src/errors.js";
import type { BaseRequestContext } from "../../../shared/src/subgraph-server.js";
import type { TenantPolicy } from "../tenant/tenant.policy.js";
import type { TenantService } from "../tenant/tenant.service.js";
import { upsertTenantRecordByReference } from "../reference-upsert.js";
import { notInFuture, requiredText } from "../validation.js";
import { ObjectionEntity } from "./objection.entity.js";
import { ObjectionErasure } from "./objection.erasure.js";
import type { ObjectionInput, ObjectionWithdrawalInput } from "./objection.type.js";

/**
 * Objections: recorded and withdrawn by the corporation's reference, both idempotent. Recording
 * never touches a withdrawal, so replaying an old "record" message cannot revive an objection the
 * tenant has since withdrawn. A recorded objection that stands withdraws what the sdv and swt
 * subgraphs hold about the tenant (Art. 3.4, see ObjectionErasure); a withdrawal asks nothing of them.
 */
export class ObjectionService {
  private readonly erasure: ObjectionErasure;

  constructor(
    private readonly db: DataSource,
    private readonly policy: TenantPolicy,
    private readonly tenants: TenantService,
    request: Pick<BaseRequestContext, "peers" | "requestId">,
  ) {
    this.erasure = new ObjectionErasure(db, request.peers, request.requestId);
  }

  /** Each tenant's objections, oldest first, only of tenants the caller may read. */
  async byTenantIds(tenantIds: readonly string[]): Promise<ObjectionEntity[][]> {
    const query = await this.policy.restrictReads(
      this.db.getRepository(ObjectionEntity).createQueryBuilder("objection").innerJoin("objection.tenant", "tenant"),
      "tenant",
      tenantIds,
    );
    const rows = await query
      .andWhere("objection.tenantId = ANY(:tenantIds)", { tenantIds: [...tenantIds] })
      .orderBy("objection.recordedOn", "ASC")
      .addOrderBy("objection.reference", "ASC")
      .getMany();
    const byTenant = new Map<string, ObjectionEntity[]>();
    for (const row of rows) {
      const list = byTenant.get(row.tenantId);
      if (list) list.push(row);
      else byTenant.set(row.tenantId, [row]);
    }
    return tenantIds.map((id) => byTenant.get(id) ?? []);
  }

  async record(input: ObjectionInput): Promise<ObjectionEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const tenantReference = requiredText(input.tenantReference, "tenantReference");
    const reference = requiredText(input.reference, "reference");
    const recordedOn = notInFuture(input.recordedOn, "recordedOn");
    const objection = await this.db.transaction(async (manager) => {
      const tenant = await this.tenants.byReference(corporationId, tenantReference, manager);
      const existing = await manager.getRepository(ObjectionEntity).findOneBy({ corporationId, reference });
      if (existing?.withdrawnOn && existing.tenantId === tenant.id && recordedOn > existing.withdrawnOn) {
        throw badInput(`recordedOn ${recordedOn} lies after the withdrawal of objection "${reference}" on ${existing.withdrawnOn}; a new objection needs a reference of its own.`, {
          field: "recordedOn",
        });
      }
      return upsertTenantRecordByReference(manager, ObjectionEntity, { corporationId, tenantId: tenant.id, reference, recordedOn }, ["recorded_on"], "objection");
    });
    // Only once the objection is committed: it stands whether or not the peers can be reached.
    const erasedAt = await this.erasure.afterRecording(objection);
    if (erasedAt) objection.downstreamErasedAt = erasedAt;
    return objection;
  }

  async withdraw(input: ObjectionWithdrawalInput): Promise<ObjectionEntity> {
    const corporationId = this.policy.corporationForWrite(input.corporationId);
    const reference = requiredText(input.reference, "reference");
    const withdrawnOn = notInFuture(input.withdrawnOn, "withdrawnOn");
    return this.db.transaction(async (manager) => {
      const repository = manager.getRepository(ObjectionEntity);
      // Locked, so that a concurrent correction of recordedOn cannot slip past the check below.
      const objection = await repository.findOne({ where: { corporationId, reference }, lock: { mode: "pessimistic_write" } });
      if (!objection) {
        throw userError("OBJECTION_NOT_FOUND", `No objection with reference "${reference}" is recorded for ${corporationId}; record it with upsertObjection first.`, {
          field: "reference",
          reference,
        });
      }
      if (withdrawnOn < objection.recordedOn) {
        throw badInput(`withdrawnOn ${withdrawnOn} lies before the objection was recorded on ${objection.recordedOn}.`, { field: "withdrawnOn" });
      }
      if (objection.withdrawnOn !== withdrawnOn) {
        await repository.update({ id: objection.id }, { withdrawnOn });
        objection.withdrawnOn = withdrawnOn;
      }
      return objection;
    });
  }
}
