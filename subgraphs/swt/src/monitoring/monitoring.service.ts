import type { DataSource } from "typeorm";
import { monitoringCount, monitoringMonths, type MonitoringPolicy } from "../../../shared/src/monitoring.js";
import { CASE_METRICS } from "./case-tally.js";
import type { CaseTallyMetric } from "./case-tally.entity.js";
import type { MonitoringMonth, MonitoringMonthKey } from "./monitoring.type.js";

/** The field of a monitoring month each metric fills. */
const FIELDS: Record<CaseTallyMetric, Exclude<keyof MonitoringMonth, keyof MonitoringMonthKey>> = {
  OPENED: "casesOpened",
  CONTACT_MADE: "contactMade",
  TAKEN_INTO_TREATMENT: "takenIntoTreatment",
  FEEDBACK_GIVEN: "feedbackGiven",
  FEEDBACK_ON_TIME: "feedbackOnTime",
  FEEDBACK_LATE: "feedbackLate",
};
const METRICS = Object.keys(CASE_METRICS) as CaseTallyMetric[];

type Row = { month: string; municipality_code: string; corporation_id: string } & Record<CaseTallyMetric, number>;

/**
 * swt's part of the covenant's monitoring (Art. 5.3-5.5, 6.3): per month a case was opened,
 * municipality and corporation, the cases opened and what their feedback said and when. Live cases plus
 * the anonymous tally of erased ones (case_tally), so that an erasure changes no published figure.
 * Every count goes out through `monitoringCount`, which withholds 1 to 4.
 */
export class MonitoringService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: MonitoringPolicy,
  ) {}

  /**
   * The months asked, in their order, in one statement for all of them. A month of a municipality the
   * caller may not read (or a key that is no month) comes back with its key and no counts.
   */
  months(keys: readonly MonitoringMonthKey[]): Promise<MonitoringMonth[]> {
    const counts = (cell: Row[] | null) => Object.fromEntries(METRICS.map((metric) => [FIELDS[metric], cell ? monitoringCount(cell[0]?.[metric] ?? 0) : null]));
    return monitoringMonths(
      keys,
      this.policy,
      (readable) => this.count(readable),
      (key, cell) => ({ month: key.month, municipalityCode: key.municipalityCode, corporationId: key.corporationId, ...counts(cell) }) as MonitoringMonth,
      (key) => ({ month: key.month, municipalityCode: key.municipalityCode, corporationId: key.corporationId, ...counts(null) }) as MonitoringMonth,
    );
  }

  /** One statement: live cases grouped by month opened, plus the tally, for the keys asked. */
  private count(keys: MonitoringMonthKey[]): Promise<Row[]> {
    const months = keys.map((key) => key.month).sort();
    const live = METRICS.map((metric) => `COUNT(*) FILTER (WHERE ${CASE_METRICS[metric]}) AS "${metric}"`).join(", ");
    const tallied = METRICS.map((metric) => `SUM(t."count") FILTER (WHERE t."metric" = '${metric}') AS "${metric}"`).join(", ");
    const summed = METRICS.map((metric) => `CAST(COALESCE(SUM(n."${metric}"), 0) AS integer) AS "${metric}"`).join(", ");
    return this.db.query(
      `WITH n AS (
         SELECT to_char(c."opened_on", 'YYYY-MM') AS "month", c."municipality_code", c."corporation_id", ${live}
         FROM "case" c
         LEFT JOIN "feedback" f ON f."case_id" = c."id"
         WHERE c."opened_on" >= to_date($4, 'YYYY-MM') AND c."opened_on" < to_date($5, 'YYYY-MM') + interval '1 month'
           AND c."municipality_code" = ANY($2::text[]) AND c."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3
         UNION ALL
         SELECT t."month", t."municipality_code", t."corporation_id", ${tallied}
         FROM "case_tally" t
         WHERE t."month" BETWEEN $4 AND $5 AND t."municipality_code" = ANY($2::text[]) AND t."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3
       )
       SELECT k."month", k."municipality_code", k."corporation_id", ${summed}
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k("month", "municipality_code", "corporation_id")
       JOIN n ON n."month" = k."month" AND n."municipality_code" = k."municipality_code" AND n."corporation_id" = k."corporation_id"
       GROUP BY 1, 2, 3`,
      [keys.map((key) => key.month), keys.map((key) => key.municipalityCode), keys.map((key) => key.corporationId), months[0], months.at(-1)],
    );
  }
}
