import type { DataSource } from "typeorm";
import type { AccessLogCollector } from "../../../shared/src/access-log.js";
import { badInput } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { ddasAddress } from "./ddas-address.js";
import { DdasClientPolicy } from "./ddas.policy.js";
import type { DdasClient } from "./ddas.type.js";

/** The most tenants one call may ask about: a year of a municipality's signals fits many times over. */
export const MAX_DDAS_TENANT_IDS = 100_000;

interface DdasClientRow {
  tenantId: string;
  postcode: string;
  houseNumber: string;
  arrearsSince: string | null;
}

// One statement for any number of tenants: the ids travel as one uuid[] parameter. A tenant with a
// standing objection is withheld (Art. 3.4), like everywhere downstream: sdv withdraws its signals,
// and until that is confirmed an export that holds one is refused rather than given the address.
const DDAS_CLIENTS_SQL = `
  SELECT tenant.id AS "tenantId",
         tenant.address_postcode AS postcode,
         tenant.address_house_number AS "houseNumber",
         arrears.since AS "arrearsSince"
    FROM tenant
    LEFT JOIN arrears ON arrears.tenant_id = tenant.id
   WHERE tenant.id = ANY($1::uuid[])
     AND NOT EXISTS (SELECT 1 FROM objection standing WHERE standing.tenant_id = tenant.id AND standing.withdrawn_on IS NULL)
   ORDER BY tenant.id`;

/**
 * Tenants as DDAS identifies them, for the coordinator's export (through sdv). These are personal
 * data: every tenant answered about is recorded in the request's access log with the fields given out.
 */
export class DdasClientService {
  private readonly policy: DdasClientPolicy;

  constructor(
    private readonly db: DataSource,
    identity: Identity,
    private readonly accessLog: AccessLogCollector,
  ) {
    this.policy = new DdasClientPolicy(identity);
  }

  /** One entry per tenant asked about that exists; unknown ids are left out. */
  async byTenantIds(tenantIds: readonly string[]): Promise<DdasClient[]> {
    this.policy.assertMayExport();
    if (tenantIds.length > MAX_DDAS_TENANT_IDS) {
      throw badInput(`Ask about at most ${MAX_DDAS_TENANT_IDS} tenants at a time; ${tenantIds.length} were given.`, { field: "tenantIds" });
    }
    const ids = [...new Set(tenantIds.filter(isUuid))];
    if (ids.length === 0) return [];
    const rows: DdasClientRow[] = await this.db.query(DDAS_CLIENTS_SQL, [ids]);
    return rows.map((row) => {
      const client: DdasClient = { tenantId: row.tenantId, ...ddasAddress(row), arrearsSince: row.arrearsSince };
      this.accessLog.record(row.tenantId, "DdasClient.postcode");
      this.accessLog.record(row.tenantId, "DdasClient.houseNumber");
      if (client.houseNumberAddition !== null) this.accessLog.record(row.tenantId, "DdasClient.houseNumberAddition");
      if (client.arrearsSince !== null) this.accessLog.record(row.tenantId, "DdasClient.arrearsSince");
      return client;
    });
  }
}
