import type { DataSource } from "typeorm";
import { CORPORATIONS, isCorporationId, isCovenantMunicipality, MUNICIPALITIES } from "../../../shared/src/covenant/organisations.js";
import { badInput } from "../../../shared/src/errors.js";
import { MONTH_RANGE } from "../../../shared/src/scalars.js";
import { monitoringCount, monitoringMonths, type MonitoringPolicy } from "../../../shared/src/monitoring.js";
import { PriorityLevel } from "../priority/priority.type.js";
import { signalMetrics } from "../tally/signal-tally.js";
import type { MonitoringArgs, MonitoringMonth, MonitoringMonthKey } from "./monitoring.type.js";

/** The longest period one monitoring query covers: three years of the covenant. */
export const MAX_MONITORING_MONTHS = 36;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const REFUSED = "REFUSED:";

interface Row {
  month: string;
  municipality_code: string;
  corporation_id: string;
  metric: string;
  count: number;
}

/**
 * sdv's part of the covenant's monitoring (Art. 5.3, 6.3): per reporting month, municipality and
 * corporation, the signals received, refused (per reason), per priority, forwarded and withdrawn, and
 * those of priority I-III that wait for a team today because no routing area covers their address.
 * Live records plus the anonymous tally of erased ones (signal_tally). Every count goes out through
 * `monitoringCount`, which withholds 1 to 4.
 */
export class MonitoringService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: MonitoringPolicy,
  ) {}

  /**
   * The full grid of the period: every month × municipality the caller reads × corporation, months
   * without anything included, ordered by month, municipality and corporation. One statement, however
   * long the period.
   */
  async grid(args: MonitoringArgs): Promise<MonitoringMonth[]> {
    const months = monthsOf(args.from, args.to);
    if (args.municipalityCode != null && !isCovenantMunicipality(args.municipalityCode)) {
      const known = MUNICIPALITIES.map((m) => `${m.code} (${m.name})`).join(", ");
      throw badInput(`municipalityCode "${args.municipalityCode}" is not a municipality of the covenant; use one of ${known}.`, { argument: "municipalityCode" });
    }
    if (args.corporationId != null && !isCorporationId(args.corporationId)) {
      const known = CORPORATIONS.map((c) => c.id).join(", ");
      throw badInput(`corporationId "${args.corporationId}" is not a corporation of the covenant; use one of ${known}.`, { argument: "corporationId" });
    }
    // A municipality the caller does not serve is simply not in its grid.
    const municipalities = this.policy.municipalities().filter((code) => args.municipalityCode == null || code === args.municipalityCode);
    const corporations = CORPORATIONS.map((c) => c.id as string).filter((id) => args.corporationId == null || id === args.corporationId);
    const keys = months.flatMap((month) => municipalities.flatMap((municipalityCode) => corporations.map((corporationId) => ({ month, municipalityCode, corporationId }))));
    return (await this.months(keys)) as MonitoringMonth[];
  }

  /**
   * The months asked, in their order, in one statement for all of them; null for a month the caller
   * may not read or a key that is no month of the covenant.
   */
  months(keys: readonly MonitoringMonthKey[]): Promise<(MonitoringMonth | null)[]> {
    return monitoringMonths(
      keys,
      this.policy,
      (readable) => this.count(readable),
      (key, rows) => monthOf(key, new Map(rows.map((row) => [row.metric, row.count]))),
      () => null,
    );
  }

  /**
   * One statement for all keys: the live signals and intake refusals, and the tally, per cell and
   * metric. Live refused items are distinct tenant references (digests) of the cell; the tally holds
   * the erased ones as REFUSED.
   */
  private count(keys: MonitoringMonthKey[]): Promise<Row[]> {
    const months = keys.map((key) => key.month).sort();
    return this.db.query(
      `WITH n AS (
         SELECT s."reporting_month" AS "month", s."municipality_code", s."corporation_id", m."metric", COUNT(*) AS "count"
         FROM "signal" s
         LEFT JOIN "priority" p ON p."signal_id" = s."id"
         LEFT JOIN "referral" r ON r."signal_id" = s."id"
         CROSS JOIN LATERAL ${signalMetrics(`s."status" = 'WITHDRAWN'`)}
         WHERE m."metric" IS NOT NULL AND s."reporting_month" BETWEEN $4 AND $5
           AND s."municipality_code" = ANY($2::text[]) AND s."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3, 4
         UNION ALL
         SELECT s."reporting_month", s."municipality_code", s."corporation_id", 'UNROUTED', COUNT(*)
         FROM "signal" s JOIN "priority" p ON p."signal_id" = s."id"
         WHERE s."status" = 'RECEIVED' AND COALESCE(p."override_level", p."level") <> 'IV'
           AND NOT EXISTS (SELECT 1 FROM "referral" r WHERE r."signal_id" = s."id")
           AND s."reporting_month" BETWEEN $4 AND $5 AND s."municipality_code" = ANY($2::text[]) AND s."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3, 4
         UNION ALL
         SELECT f."reporting_month", f."municipality_code", f."corporation_id", '${REFUSED}' || f."code", COUNT(*)
         FROM "intake_refusal" f
         WHERE f."reporting_month" BETWEEN $4 AND $5 AND f."municipality_code" = ANY($2::text[]) AND f."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3, 4
         UNION ALL
         SELECT f."reporting_month", f."municipality_code", f."corporation_id", 'REFUSED', COUNT(DISTINCT f."reference_digest")
         FROM "intake_refusal" f
         WHERE f."reporting_month" BETWEEN $4 AND $5 AND f."municipality_code" = ANY($2::text[]) AND f."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3, 4
         UNION ALL
         SELECT t."month", t."municipality_code", t."corporation_id", t."metric", SUM(t."count")
         FROM "signal_tally" t
         WHERE t."month" BETWEEN $4 AND $5 AND t."municipality_code" = ANY($2::text[]) AND t."corporation_id" = ANY($3::text[])
         GROUP BY 1, 2, 3, 4
       )
       SELECT k."month", k."municipality_code", k."corporation_id", n."metric", CAST(SUM(n."count") AS integer) AS "count"
       FROM unnest($1::text[], $2::text[], $3::text[]) AS k("month", "municipality_code", "corporation_id")
       JOIN n ON n."month" = k."month" AND n."municipality_code" = k."municipality_code" AND n."corporation_id" = k."corporation_id"
       GROUP BY 1, 2, 3, 4`,
      [keys.map((key) => key.month), keys.map((key) => key.municipalityCode), keys.map((key) => key.corporationId), months[0], months.at(-1)],
    );
  }
}

/** A cell's counts, from its metrics (absent: 0). */
function monthOf(key: MonitoringMonthKey, metrics: Map<string, number>): MonitoringMonth {
  const count = (metric: string) => monitoringCount(metrics.get(metric) ?? 0);
  const codes = [...metrics.keys()].filter((metric) => metric.startsWith(REFUSED)).sort();
  return {
    month: key.month,
    municipalityCode: key.municipalityCode,
    corporationId: key.corporationId,
    signalsReceived: count("RECEIVED"),
    signalsRefused: count("REFUSED"),
    refusedByReason: codes.filter((metric) => metrics.get(metric)! > 0).map((metric) => ({ code: metric.slice(REFUSED.length), count: count(metric) })),
    signalsPerPriority: Object.values(PriorityLevel).map((level) => ({ level, count: count(`PRIORITY_${level}`) })),
    forwardedToSwt: count("FORWARDED_SWT"),
    forwardedToBudgetCoach: count("FORWARDED_BUDGET_COACH"),
    signalsWithdrawn: count("WITHDRAWN"),
    signalsUnrouted: count("UNROUTED"),
  };
}

/** The months from `from` to `to`, inclusive; BAD_USER_INPUT saying what to fix when that is no period. */
function monthsOf(from: string, to: string): string[] {
  for (const [argument, value] of [
    ["from", from],
    ["to", to],
  ] as const) {
    if (!MONTH.test(value)) throw badInput(`${argument} "${value}" is not a month; write it as YYYY-MM, e.g. 2026-03.`, { argument });
    if (value < MONTH_RANGE.from || value > MONTH_RANGE.to) {
      throw badInput(`${argument} "${value}" must lie between ${MONTH_RANGE.from} and ${MONTH_RANGE.to}, as every month of the graph.`, { argument });
    }
  }
  if (from > to) throw badInput(`from (${from}) is after to (${to}); give the earlier month first.`, { argument: "from" });
  const index = (month: string) => {
    const [, year, monthOfYear] = MONTH.exec(month)!;
    return Number(year) * 12 + Number(monthOfYear) - 1;
  };
  const span = index(to) - index(from) + 1;
  if (span > MAX_MONITORING_MONTHS) {
    throw badInput(`from ${from} to ${to} is ${span} months; ask for at most ${MAX_MONITORING_MONTHS} months at a time.`, { argument: "to" });
  }
  return Array.from({ length: span }, (_, i) => {
    const n = index(from) + i;
    return `${String(Math.floor(n / 12)).padStart(4, "0")}-${String((n % 12) + 1).padStart(2, "0")}`;
  });
}
