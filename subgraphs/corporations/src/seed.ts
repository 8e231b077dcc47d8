import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from "typeorm";
import { demoId, type DemoWorld } from "../../shared/src/demo/world.js";
import { ArrearsEntity } from "./arrears/arrears.entity.js";
import { CollectionStepEntity } from "./collection-step/collection-step.entity.js";
import { ObjectionEntity } from "./objection/objection.entity.js";
import { RegisterEntryEntity } from "./register-entry/register-entry.entity.js";
import { TenantEntity } from "./tenant/tenant.entity.js";

/** Rows per INSERT: well under PostgreSQL's 65,535 parameters for the widest table (15 columns). */
const CHUNK = 500;

/**
 * Writes the corporations' slice of the demo world: tenants (with the world's ids, so the sdv and
 * swt slices point at them), arrears, collection steps, objections and the registers of Art. 6.4.
 * One transaction, multi-row INSERTs that skip rows already there: running it twice changes nothing.
 */
export async function seedDemo(db: DataSource, world: DemoWorld): Promise<{ tenants: number }> {
  return db.transaction(async (manager) => {
    const tenants = await insertIgnoring(
      manager,
      TenantEntity,
      world.tenants.map((t) => ({
        id: t.id,
        corporationId: t.corporationId,
        reference: t.reference,
        name: t.name,
        birthDate: t.birthDate,
        phone: t.phone,
        email: t.email,
        "address.street": t.address.street,
        "address.houseNumber": t.address.houseNumber,
        "address.postcode": t.address.postcode,
        "address.city": t.address.city,
        "address.municipalityCode": t.address.municipalityCode,
        sector: t.sector,
      })),
    );
    await insertIgnoring(
      manager,
      ArrearsEntity,
      world.tenants.flatMap((t) =>
        t.arrears ? [{ tenantId: t.id, amountCents: t.arrears.amountCents, since: t.arrears.since, phase: t.arrears.phase, bailiffHandoverOn: t.arrears.bailiffHandoverOn }] : [],
      ),
    );
    await insertIgnoring(
      manager,
      CollectionStepEntity,
      world.tenants.flatMap((t) =>
        t.collectionSteps.map((s) => ({
          id: demoId(`collection-step:${t.corporationId}:${s.reference}`),
          corporationId: t.corporationId,
          tenantId: t.id,
          reference: s.reference,
          kind: s.kind,
          takenOn: s.takenOn,
          takenBy: s.takenBy,
        })),
      ),
    );
    await insertIgnoring(
      manager,
      ObjectionEntity,
      world.tenants.flatMap((t) =>
        t.objection
          ? [
              {
                id: demoId(`objection:${t.corporationId}:${t.objection.reference}`),
                corporationId: t.corporationId,
                tenantId: t.id,
                reference: t.objection.reference,
                recordedOn: t.objection.recordedOn,
                withdrawnOn: null,
              },
            ]
          : [],
      ),
    );
    await insertIgnoring(
      manager,
      RegisterEntryEntity,
      world.registerEntries.map((e) => ({
        id: e.id,
        corporationId: e.corporationId,
        reference: e.reference,
        kind: e.kind,
        occurredOn: e.occurredOn,
        municipalityCode: e.municipalityCode,
        // The demo world knows every household's target groups.
        withChildren: e.withChildren ? "YES" : "NO",
        aged65Plus: e.aged65Plus ? "YES" : "NO",
        reason: e.reason,
      })),
    );
    return { tenants };
  });
}

/**
 * INSERT ... ON CONFLICT DO NOTHING of many rows keyed by entity property paths, in chunks.
 * Plain SQL: TypeORM's insert builder would read back generated columns row by row. Returns how
 * many rows were new.
 */
async function insertIgnoring<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: Record<string, unknown>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const metadata = manager.connection.getMetadata(entity);
  const properties = Object.keys(rows[0]!);
  const columns = properties.map((property) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column for property ${property}.`);
    return `"${column.databaseName}"`;
  });
  let inserted = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const parameters: unknown[] = [];
    const tuples = chunk.map((row) => `(${properties.map((p) => `$${parameters.push(row[p] ?? null)}`).join(", ")})`);
    const result: unknown = await manager.query(
      `INSERT INTO "${metadata.tableName}" (${columns.join(", ")}) VALUES ${tuples.join(", ")} ON CONFLICT DO NOTHING RETURNING 1`,
      parameters,
    );
    inserted += Array.isArray(result) ? result.length : 0;
  }
  return inserted;
}
