import type { DataSource } from "typeorm";
import type { AccessLogCollector } from "../../../shared/src/access-log.js";
import type { Phase } from "../arrears/arrears.type.js";
import type { CollectionStepKind } from "../collection-step/collection-step.type.js";
import type { TenantPolicy } from "../tenant/tenant.policy.js";
import type { IntakeTenantFacts } from "./intake.type.js";

/**
 * What the access log records for each tenant whose intake facts were read. The intake reads a
 * person's arrears (and address, steps, objection) for the signal about them; the reads are the
 * corporation's own data, but they are logged all the same so that what the municipality does with
 * a signal can be traced back to the read it started from (AVG accountability).
 */
export const INTAKE_READ = "intake.arrears";

interface IntakeRow {
  reference: string;
  tenantId: string;
  corporationId: string;
  municipalityCode: string;
  postcode: string;
  houseNumber: string;
  amountCents: number | null;
  since: string | null;
  phase: Phase | null;
  bailiffHandoverOn: string | null;
  collectionSteps: { kind: CollectionStepKind; takenOn: string }[];
  hasStandingObjection: boolean;
}

/*
 * One statement for a batch of any size (a monthly batch holds up to 20,000 references): the
 * references travel as one text[] parameter, so the statement's size does not grow with the batch
 * and PostgreSQL's limit of 65,535 parameters never comes into play. The (corporation_id, reference)
 * index finds the tenants; steps and objections are found per tenant through their tenant indexes.
 * A standing objection is one without a withdrawal: both dates are refused when in the future, so a
 * withdrawal on record has always taken effect.
 */
const INTAKE_FACTS_SQL = `
  SELECT tenant.reference,
         tenant.id AS "tenantId",
         tenant.corporation_id AS "corporationId",
         tenant.address_municipality_code AS "municipalityCode",
         tenant.address_postcode AS "postcode",
         tenant.address_house_number AS "houseNumber",
         arrears.amount_cents AS "amountCents",
         arrears.since,
         arrears.phase,
         arrears.bailiff_handover_on AS "bailiffHandoverOn",
         COALESCE(
           (SELECT json_agg(json_build_object('kind', step.kind, 'takenOn', step.taken_on) ORDER BY step.taken_on, step.reference)
              FROM collection_step step
             WHERE step.tenant_id = tenant.id),
           '[]'::json
         ) AS "collectionSteps",
         EXISTS (
           SELECT 1 FROM objection WHERE objection.tenant_id = tenant.id AND objection.withdrawn_on IS NULL
         ) AS "hasStandingObjection"
    FROM tenant
    LEFT JOIN arrears ON arrears.tenant_id = tenant.id
   WHERE tenant.corporation_id = $1
     AND tenant.reference = ANY($2::text[])`;

/**
 * The facts a signal is checked against on intake (Art. 1, 3, 4), for a whole batch of the
 * corporation's tenant references at once: asked by the sdv subgraph on the submitting
 * corporation's behalf, so that arrears and collection steps are read from where the corporation
 * recorded them, never typed in twice.
 */
export class IntakeFactsService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: TenantPolicy,
    private readonly accessLog: AccessLogCollector,
  ) {}

  /**
   * One entry per reference of a tenant of the corporation, in the order first asked. References the
   * corporation never registered are left out, and so is everything when the corporation is not the
   * caller's own: the answer never confirms that another corporation's tenant exists.
   */
  async factsByReferences(corporationId: string, references: readonly string[]): Promise<IntakeTenantFacts[]> {
    const corporation = this.policy.intakeCorporation(corporationId);
    const asked = [...new Set(references)];
    if (corporation === null || asked.length === 0) return [];
    const rows: IntakeRow[] = await this.db.query(INTAKE_FACTS_SQL, [corporation, asked]);
    const byReference = new Map(rows.map((row) => [row.reference, row]));
    const facts: IntakeTenantFacts[] = [];
    for (const reference of asked) {
      const row = byReference.get(reference);
      if (!row) continue;
      this.accessLog.record(row.tenantId, INTAKE_READ);
      facts.push(factsOf(row));
    }
    return facts;
  }
}

function factsOf(row: IntakeRow): IntakeTenantFacts {
  return {
    reference: row.reference,
    tenantId: row.tenantId,
    corporationId: row.corporationId,
    municipalityCode: row.municipalityCode,
    postcode: row.postcode,
    houseNumber: row.houseNumber,
    // Paid-off arrears have no record (ArrearsEntity), so no amount means no arrears.
    arrears: row.amountCents === null ? null : { amountCents: row.amountCents, since: row.since!, phase: row.phase!, bailiffHandoverOn: row.bailiffHandoverOn },
    collectionSteps: row.collectionSteps,
    hasStandingObjection: row.hasStandingObjection,
  };
}
