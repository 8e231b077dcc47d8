import type { EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { userError } from "../../shared/src/errors.js";

interface TenantRecord extends ObjectLiteral {
  id: string;
  corporationId: string;
  tenantId: string;
  reference: string;
  tenant?: { reference: string };
}

/**
 * Inserts or updates a record of a tenant that the corporation names by its own reference
 * (unique per corporation): a repeated call updates, never duplicates, and an identical repeat
 * changes nothing (not even updated_at). A reference the corporation already used for another
 * tenant's record is refused with REFERENCE_CONFLICT; the caller's transaction then rolls back.
 * `columns` are the database columns the call may change.
 */
export async function upsertTenantRecordByReference<T extends TenantRecord>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  values: Partial<T> & Pick<T, "corporationId" | "tenantId" | "reference">,
  columns: string[],
  what: string,
): Promise<T> {
  const table = manager.getRepository(entity).metadata.tableName;
  await manager
    .createQueryBuilder()
    .insert()
    .into(entity)
    .values(values as never)
    .orUpdate(columns, ["corporation_id", "reference"], {
      skipUpdateIfNoValuesChanged: true,
      // Never move a record to another tenant; the conflict is reported below.
      overwriteCondition: { where: `"${table}"."tenant_id" = EXCLUDED."tenant_id"` },
    })
    .updateEntity(false)
    .execute();
  const saved = await manager.getRepository(entity).findOneOrFail({
    where: { corporationId: values.corporationId, reference: values.reference } as never,
    relations: { tenant: true } as never,
  });
  if (saved.tenantId !== values.tenantId) {
    throw userError(
      "REFERENCE_CONFLICT",
      `Reference "${values.reference}" is already used by ${values.corporationId} for a ${what} of tenant "${saved.tenant?.reference}"; ` +
        `a ${what} cannot move to another tenant: give this one a reference of its own.`,
      { field: "reference", reference: values.reference },
    );
  }
  return saved;
}
