import { randomUUID } from "node:crypto";
import type { DataSource } from "typeorm";
import { now } from "../../../shared/src/clock.js";
import type { CaseStatus } from "../case/case.enums.js";

/** Test data builders for the erasure and retention tests (not used by the running subgraph). */

export interface CaseSeed {
  tenantId: string;
  corporationId: string | null;
  teamId?: string;
  municipalityCode?: string;
  status?: `${CaseStatus}`;
  openedOn?: string;
  closedOn?: string | null;
  /** Signals bundled in the case (default 1). */
  signals?: number;
  /** For a CLOSED case: whether sdv was told of the closing (default true). */
  closureReported?: boolean;
  /** Whether the feedback says the household accepted treatment (default: when the case is IN_TREATMENT). */
  takenIntoTreatment?: boolean;
}

/**
 * One case with something in every table that hangs off a case: its signals, a contact attempt, a
 * note, feedback and a later feedback entry. Answers the ids it wrote, so a test can look for any trace of them afterwards.
 */
export async function insertCaseWithCasework(db: DataSource, seed: CaseSeed): Promise<{ caseId: string; signalIds: string[]; ids: string[] }> {
  const openedOn = seed.openedOn ?? "2026-03-02";
  const status = seed.status ?? "OPEN";
  const [kase] = await db.query(
    `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, closed_on, outcome,
                         forwarded_on, feedback_phase, feedback_due_on, closure_reported_on)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $6, 'ARREARS', ($6::date + 14), $9)
     returning id`,
    [
      seed.teamId ?? "haarlem-schalkwijk",
      seed.tenantId,
      seed.corporationId,
      seed.municipalityCode ?? "0392",
      status,
      openedOn,
      seed.closedOn ?? (status === "CLOSED" ? openedOn : null),
      status === "CLOSED" ? "ARRANGES_IT_THEMSELVES" : null,
      status === "CLOSED" && seed.closureReported !== false ? (seed.closedOn ?? openedOn) : null,
    ],
  );
  const caseId: string = kase.id;
  const signalIds = Array.from({ length: seed.signals ?? 1 }, () => randomUUID());
  await db.query(`insert into case_signal (signal_id, case_id, position, joined_on) select id, $2, ord, $3 from unnest($1::uuid[]) with ordinality as s(id, ord)`, [
    signalIds,
    caseId,
    openedOn,
  ]);
  const [attempt] = await db.query(`insert into contact_attempt (case_id, kind, reached, attempted_on, part_of_day) values ($1, 'HUISBEZOEK', true, $2, 'MORNING') returning id`, [
    caseId,
    openedOn,
  ]);
  const [note] = await db.query(`insert into case_note (case_id, text, author) values ($1, 'Spoke with the tenant at the door.', 'swt-worker') returning id`, [caseId]);
  const [feedback] = await db.query(
    `insert into feedback (case_id, given_on, contact_made, taken_into_treatment, collection_can_be_suspended) values ($1, $2, true, $3, false) returning id`,
    [caseId, openedOn, seed.takenIntoTreatment ?? status === "IN_TREATMENT"],
  );
  const [entry] = await db.query(`insert into feedback_entry (case_id, kind, given_on) values ($1, 'HELP_ACCEPTED', $2) returning id`, [caseId, openedOn]);
  return { caseId, signalIds, ids: [caseId, ...signalIds, attempt.id, note.id, feedback.id, entry.id] };
}

/** A household profile, last updated at `updatedAt` (default now). */
export async function insertHouseholdProfile(db: DataSource, tenantId: string, updatedAt?: string): Promise<void> {
  await db.query(
    `insert into household_profile (tenant_id, known_since, children_under_18, member_65_plus, created_at, updated_at)
     values ($1, '2020-01-15', true, false, $2, $2)`,
    [tenantId, updatedAt ?? now()],
  );
}

/**
 * For every table of the swt database (from the entities, so a table added later is searched too),
 * how many rows mention any of these ids anywhere in any column. Tables without a mention are left out.
 */
export async function rowsMentioning(db: DataSource, ids: string[]): Promise<Record<string, number>> {
  const patterns = ids.map((id) => `%${id}%`);
  const found: Record<string, number> = {};
  for (const table of new Set(db.entityMetadatas.map((metadata) => metadata.tableName))) {
    const [{ count }] = await db.query(`select count(*)::int as count from "${table}" t where t::text like any($1::text[])`, [patterns]);
    if (count > 0) found[table] = count;
  }
  return found;
}

/** The tables searched by `rowsMentioning`: each must be one the erasure covers or one without persons. */
export function tablesOf(db: DataSource): string[] {
  return [...new Set(db.entityMetadatas.map((metadata) => metadata.tableName))].sort();
}

/** The anonymous tally of one month, municipality and corporation, per metric. */
export async function tallyOf(db: DataSource, month: string, corporationId: string, municipalityCode = "0392"): Promise<Record<string, number>> {
  const rows: { metric: string; count: number }[] = await db.query(`select metric, count from case_tally where month = $1 and municipality_code = $2 and corporation_id = $3`, [
    month,
    municipalityCode,
    corporationId,
  ]);
  return Object.fromEntries(rows.map((row) => [row.metric, row.count]));
}
