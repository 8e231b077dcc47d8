import type { DataSource } from "typeorm";
import type { AccessLogCollector } from "../../../shared/src/access-log.js";
import { badInput, userError } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { logger } from "../../../shared/src/logger.js";
import type { PeerClient } from "../../../shared/src/peer-client.js";
import { buildDdasDocument, type DdasDocument, type ExportedSignal } from "./ddas.mapping.js";
import { ddasCasesOf, ddasClientsOf } from "./ddas.peers.js";
import { DdasExportPolicy } from "./ddas.policy.js";
import { checkExportRequest, MAX_EXPORTED_SIGNALS, type DdasExportRequest } from "./ddas.rules.js";
import { DDAS_SCHEMA_ID, validateDdasDocument } from "./ddas.validator.js";
import { now as clockNow } from "../../../shared/src/clock.js";

/** What the access log records for each household whose signals an export reports (amount, dates, status). */
export const DDAS_EXPORT_READ = "ddasExport.vroegsignaal";

/** The supplier code (codeGegevensleverancier) when DDAS_SUPPLIER_CODE does not set one. */
export const DEFAULT_SUPPLIER_CODE = "early-warning-graph";

/** How many validation errors the refusal names; the log has the same ones. */
const ERRORS_SHOWN = 5;

// A withdrawn signal (the tenant objected, Art. 3.4) is reported nowhere, not even while it awaits erasure.
const SIGNALS_OF_PERIOD_SQL = `
  SELECT id, tenant_id AS "tenantId", delivered_amount_cents AS "amountCents", signal_date AS "signalDate"
    FROM signal
   WHERE municipality_code = $1 AND signal_date BETWEEN $2 AND $3 AND status <> 'WITHDRAWN'
   ORDER BY signal_date, id`;

const SIGNALS_BY_ID_SQL = `
  SELECT id, tenant_id AS "tenantId", delivered_amount_cents AS "amountCents", signal_date AS "signalDate"
    FROM signal
   WHERE id = ANY($1::uuid[]) AND status <> 'WITHDRAWN'`;

/**
 * The DDAS-Vroegsignalering v1.2 export (uitwisselmodel) of one municipality over a period, for the
 * coordinator to deliver to CBS. sdv reports its own signals, asks the swt subgraph for the cases
 * that hold them and the corporations subgraph for the tenants' postcode, house number and arrears
 * start: one call each, on the coordinator's behalf. The document is checked against the standard's
 * schema before it leaves; one that does not pass is refused (DDAS_EXPORT_INVALID), never answered.
 */
export class DdasExportService {
  private readonly policy: DdasExportPolicy;

  constructor(
    private readonly db: DataSource,
    identity: Identity,
    private readonly peers: PeerClient,
  ) {
    this.policy = new DdasExportPolicy(identity);
  }

  async export(request: DdasExportRequest, accessLog: AccessLogCollector, now = clockNow()): Promise<DdasDocument> {
    checkExportRequest(request);
    const { municipalityCode, from, to } = request;
    this.policy.assertMayExport(municipalityCode);

    const inPeriod: ExportedSignal[] = await this.db.query(SIGNALS_OF_PERIOD_SQL, [municipalityCode, from, to]);
    assertSize(inPeriod.length, request);
    const cases = await ddasCasesOf(
      this.peers,
      inPeriod.map((signal) => signal.id),
    );

    // DDAS cases refer to their signals by ID, and a reference must resolve within the delivery. A
    // case of the period may also hold signals dated outside it (an earlier signal of the household
    // that opened the case, or a later one that joined it): those are reported too, so every case is
    // complete and no reference dangles. They are taken by ID, whatever their date or municipality:
    // a case is one household's. A signal sdv no longer holds (erased, withdrawn) is left out of its case.
    const reported = new Set(inPeriod.map((signal) => signal.id));
    const missing = [...new Set(cases.flatMap((kase) => kase.signalIds))].filter((id) => !reported.has(id));
    const outside: ExportedSignal[] = missing.length > 0 ? await this.db.query(SIGNALS_BY_ID_SQL, [missing]) : [];
    const signals = [...inPeriod, ...outside];
    assertSize(signals.length, request);

    const tenantIds = [...new Set(signals.map((signal) => signal.tenantId))];
    const clients = await ddasClientsOf(this.peers, tenantIds);
    const placed = new Set(clients.map((client) => client.tenantId));
    const unplaced = signals.filter((signal) => !placed.has(signal.tenantId));
    if (unplaced.length > 0) {
      logger.error({ municipalityCode, from, to, signals: unplaced.length }, "DDAS export refused: tenants without an address at the corporation");
      throw userError(
        "DDAS_EXPORT_INVALID",
        `The DDAS export of ${municipalityCode} for ${from} to ${to} cannot be made: the corporations have no address for the tenants of ${unplaced.length} signal(s) (e.g. ${unplaced
          .slice(0, ERRORS_SHOWN)
          .map((signal) => signal.id)
          .join(", ")}), and DDAS requires a postcode and house number for every signal.`,
      );
    }

    for (const signal of signals) accessLog.record(signal.tenantId, DDAS_EXPORT_READ);
    const document = buildDdasDocument({
      municipalityCode,
      from,
      to,
      deliveredAt: now,
      supplierCode: process.env.DDAS_SUPPLIER_CODE || DEFAULT_SUPPLIER_CODE,
      signals,
      clients,
      cases,
    });

    const validation = validateDdasDocument(document);
    if (!validation.valid) {
      logger.error({ municipalityCode, from, to, schema: DDAS_SCHEMA_ID, errors: validation.errors.slice(0, 50) }, "DDAS export failed its schema");
      throw userError(
        "DDAS_EXPORT_INVALID",
        `The DDAS export of ${municipalityCode} for ${from} to ${to} does not pass the DDAS-Vroegsignalering v1.2 schema, so it is not delivered (${validation.errors.length} error(s)): ${validation.errors
          .slice(0, ERRORS_SHOWN)
          .join("; ")}.`,
        { errors: validation.errors.slice(0, ERRORS_SHOWN) },
      );
    }
    return document;
  }
}

function assertSize(count: number, { municipalityCode, from, to }: DdasExportRequest): void {
  if (count > MAX_EXPORTED_SIGNALS) {
    throw badInput(`The period ${from} to ${to} holds more than ${MAX_EXPORTED_SIGNALS} signals of ${municipalityCode}; export it in shorter periods.`, { field: "from" });
  }
}
