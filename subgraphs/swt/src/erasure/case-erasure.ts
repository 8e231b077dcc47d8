import type { EntityManager } from "typeorm";

/** Rows erased with cases, per table: the cases and what hangs off them. */
export type CaseErasureCounts = {
  case: number;
  case_signal: number;
  contact_attempt: number;
  case_note: number;
  feedback: number;
  feedback_entry: number;
};

/**
 * What one erasure removed, per table of the swt database: the cases, what hangs off them (the
 * signals bundled in them, contact attempts, notes, feedback and its later entries) and household profiles. Counts only:
 * this is what the erasure log keeps, and it never names a person or a case.
 */
export type ErasureCounts = CaseErasureCounts & { household_profile: number };

export function totalErased(counts: ErasureCounts): number {
  return Object.values(counts).reduce((sum, count) => sum + count, 0);
}

/**
 * Deletes these cases with everything that hangs off them, in one statement, and answers how many
 * rows of each table went. The tables hanging off a case are deleted by name, so that each is counted;
 * their foreign keys to the case cascade as well, so a table added later is never left behind.
 *
 * Call it inside the erasing transaction, after the cases were locked and added to the anonymous
 * monthly tally (`addCasesToTally`): the tally must hold what the cases contributed before they go.
 */
export async function eraseCases(manager: EntityManager, caseIds: readonly string[]): Promise<CaseErasureCounts> {
  if (caseIds.length === 0) return { case: 0, case_signal: 0, contact_attempt: 0, case_note: 0, feedback: 0, feedback_entry: 0 };
  const [counts]: CaseErasureCounts[] = await manager.query(
    `WITH signals AS (DELETE FROM "case_signal" WHERE "case_id" = ANY($1::uuid[]) RETURNING 1),
          attempts AS (DELETE FROM "contact_attempt" WHERE "case_id" = ANY($1::uuid[]) RETURNING 1),
          notes AS (DELETE FROM "case_note" WHERE "case_id" = ANY($1::uuid[]) RETURNING 1),
          feedback AS (DELETE FROM "feedback" WHERE "case_id" = ANY($1::uuid[]) RETURNING 1),
          entries AS (DELETE FROM "feedback_entry" WHERE "case_id" = ANY($1::uuid[]) RETURNING 1),
          cases AS (DELETE FROM "case" WHERE "id" = ANY($1::uuid[]) RETURNING 1)
     SELECT (SELECT COUNT(*) FROM cases)::int AS "case",
            (SELECT COUNT(*) FROM signals)::int AS "case_signal",
            (SELECT COUNT(*) FROM attempts)::int AS "contact_attempt",
            (SELECT COUNT(*) FROM notes)::int AS "case_note",
            (SELECT COUNT(*) FROM feedback)::int AS "feedback",
            (SELECT COUNT(*) FROM entries)::int AS "feedback_entry"`,
    [caseIds],
  );
  return counts!;
}
