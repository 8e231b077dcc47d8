import type { DataSource } from "typeorm";

/** Test data builders for the corporations subgraph's tests (not used by the running subgraph). */

export const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id reference } }`;

export function tenantInput(reference: string, overrides: Record<string, unknown> = {}) {
  return {
    reference,
    name: `Tenant ${reference}`,
    birthDate: "1975-06-01",
    phone: "0612345678",
    email: null,
    address: { street: "Zomervaart", houseNumber: "12", postcode: "2033 AB", city: "Haarlem", municipalityCode: "0392" },
    sector: "SOCIAL",
    ...overrides,
  };
}

/** Many tenants of one corporation in one statement, for tests about lists; returns their ids in reference order. */
export async function insertTenants(db: DataSource, corporationId: string, prefix: string, count: number): Promise<string[]> {
  const rows: { id: string }[] = await db.query(
    `insert into tenant (corporation_id, reference, name, sector, address_street, address_house_number, address_postcode, address_city, address_municipality_code)
     select $1, $2 || lpad(g::text, 4, '0'), 'Tenant ' || $2 || lpad(g::text, 4, '0'), 'SOCIAL', 'Zomervaart', g::text, '2033 AB', 'Haarlem', '0392'
     from generate_series(1, $3::int) g
     order by g
     returning id`,
    [corporationId, prefix, count],
  );
  return rows.map((row) => row.id);
}

/** Arrears and the four collection steps for each of the given tenants, in two statements. */
export async function insertArrearsAndSteps(db: DataSource, corporationId: string, tenantIds: string[]): Promise<void> {
  await db.query(`insert into arrears (tenant_id, amount_cents, since, phase) select id, 12345, date '2026-01-01', 'ARREARS' from unnest($1::uuid[]) as id`, [tenantIds]);
  await db.query(
    `insert into collection_step (corporation_id, tenant_id, reference, kind, taken_on, taken_by)
     select $1, t.id, t.id::text || '-' || k.kind, k.kind, date '2026-01-10' + k.n, 'incasso-team'
     from unnest($2::uuid[]) as t(id)
     cross join (values (1, 'PAYMENT_REMINDER'), (2, 'PERSONAL_CONTACT_ATTEMPT'), (3, 'DEBT_HELP_REFERRAL'), (4, 'DATA_SHARING_NOTICE')) as k(n, kind)`,
    [corporationId, tenantIds],
  );
}
