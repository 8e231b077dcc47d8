import type { DataSource } from "typeorm";
import { badInput } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { CaseOutcome, DDAS_OUTCOME } from "../case/case.enums.js";
import { ContactKind, DDAS_CONTACT_KIND, DDAS_PART_OF_DAY, PartOfDay } from "../contact-attempt/contact-attempt.enums.js";
import { isUuid } from "../../../shared/src/input-rules.js";
import { DdasCasePolicy } from "./ddas.policy.js";
import type { DdasCase } from "./ddas.type.js";

/** The most signal ids one call may ask about: a year of the covenant's signals fits many times over. */
export const MAX_DDAS_SIGNAL_IDS = 100_000;

interface DdasCaseRow {
  id: string;
  outcome: CaseOutcome | null;
  openedOn: string;
  signalIds: string[];
  contactAttempts: { kind: ContactKind; reached: boolean; on: string; partOfDay: PartOfDay }[];
}

/*
 * One statement for any number of signals: the ids travel as one uuid[] parameter. The case_signal key
 * finds the cases; their signals come in position order (the opening signal first) and their contact
 * attempts by day and part of the day, as the casework lists them.
 */
const DDAS_CASES_SQL = `
  SELECT swt_case.id,
         swt_case.outcome,
         swt_case.opened_on AS "openedOn",
         (SELECT array_agg(link.signal_id::text ORDER BY link.position)
            FROM case_signal link
           WHERE link.case_id = swt_case.id) AS "signalIds",
         COALESCE(
           (SELECT json_agg(json_build_object('kind', attempt.kind, 'reached', attempt.reached, 'on', attempt.attempted_on::text, 'partOfDay', attempt.part_of_day)
                            ORDER BY attempt.attempted_on,
                                     CASE attempt.part_of_day WHEN '${PartOfDay.MORNING}' THEN 1 WHEN '${PartOfDay.AFTERNOON}' THEN 2 ELSE 3 END,
                                     attempt.created_at, attempt.id)
              FROM contact_attempt attempt
             WHERE attempt.case_id = swt_case.id),
           '[]'::json
         ) AS "contactAttempts"
    FROM "case" swt_case
   WHERE swt_case.id IN (SELECT asked.case_id FROM case_signal asked WHERE asked.signal_id = ANY($1::uuid[]))
   ORDER BY swt_case.opened_on, swt_case.id`;

/** Cases in the words of DDAS-Vroegsignalering v1.2, for the coordinator's export (through sdv). */
export class DdasCaseService {
  private readonly policy: DdasCasePolicy;

  constructor(
    private readonly db: DataSource,
    identity: Identity,
  ) {
    this.policy = new DdasCasePolicy(identity);
  }

  /** The cases that hold any of the given signals, each once, by the day taken up; unknown ids find nothing. */
  async bySignalIds(signalIds: readonly string[]): Promise<DdasCase[]> {
    this.policy.assertMayExport();
    if (signalIds.length > MAX_DDAS_SIGNAL_IDS) {
      throw badInput(`Ask about at most ${MAX_DDAS_SIGNAL_IDS} signals at a time; ${signalIds.length} were given.`, { field: "signalIds" });
    }
    const ids = [...new Set(signalIds.filter(isUuid))];
    if (ids.length === 0) return [];
    const rows: DdasCaseRow[] = await this.db.query(DDAS_CASES_SQL, [ids]);
    return rows.map((row) => ({
      id: row.id,
      signalIds: row.signalIds ?? [],
      outcome: row.outcome === null || row.outcome === CaseOutcome.TRANSFERRED ? null : DDAS_OUTCOME[row.outcome],
      openedOn: row.openedOn,
      contactAttempts: row.contactAttempts.map((attempt) => ({
        kind: DDAS_CONTACT_KIND[attempt.kind],
        reached: attempt.reached,
        on: attempt.on,
        partOfDay: DDAS_PART_OF_DAY[attempt.partOfDay],
      })),
    }));
  }
}
