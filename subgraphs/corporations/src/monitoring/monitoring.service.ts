import type { DataSource } from "typeorm";
import { SUPPRESSION_THRESHOLD } from "../../../shared/src/authorization.js";
import { monitoringCount, monitoringMonths, type MonitoringPolicy } from "../../../shared/src/monitoring.js";
import type { MonitoringMonth, MonitoringMonthKey, ReasonCount } from "./monitoring.type.js";

interface Row {
  month: string;
  municipality_code: string;
  corporation_id: string;
  reason: string | null;
  evictions: number;
  with_children: number;
  with_children_unknown: number;
  aged_65_plus: number;
  aged_65_plus_unknown: number;
  keys_returned: number;
  prevented: number;
}

/**
 * The corporations' part of the covenant's monitoring (Art. 6.4): per month, municipality and
 * corporation, the evictions (per target group and per reason), keys returned and evictions prevented
 * from the registers, counted by the month the entry occurred. Every count goes out through
 * `monitoringCount`, which withholds 1 to 4.
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
    return monitoringMonths(keys, this.policy, (readable) => this.count(readable), monthOf, withoutCounts);
  }

  /** One GROUP BY over the register entries of the keys asked, a row per cell and eviction reason. */
  private count(keys: MonitoringMonthKey[]): Promise<Row[]> {
    const months = keys.map((key) => key.month).sort();
    return this.db.query(
      `SELECT k."month", k."municipality_code", k."corporation_id",
              CASE WHEN e."kind" = 'EVICTION' THEN btrim(e."reason") END AS "reason",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'EVICTION') AS integer) AS "evictions",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'EVICTION' AND e."with_children" = 'YES') AS integer) AS "with_children",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'EVICTION' AND e."with_children" = 'UNKNOWN') AS integer) AS "with_children_unknown",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'EVICTION' AND e."aged65_plus" = 'YES') AS integer) AS "aged_65_plus",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'EVICTION' AND e."aged65_plus" = 'UNKNOWN') AS integer) AS "aged_65_plus_unknown",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'KEYS_RETURNED') AS integer) AS "keys_returned",
              CAST(COUNT(*) FILTER (WHERE e."kind" = 'EVICTION_PREVENTED') AS integer) AS "prevented"
       FROM "register_entry" e
       JOIN unnest($1::text[], $2::text[], $3::text[]) AS k("month", "municipality_code", "corporation_id")
         ON k."month" = to_char(e."occurred_on", 'YYYY-MM') AND k."municipality_code" = e."municipality_code" AND k."corporation_id" = e."corporation_id"
       WHERE e."occurred_on" >= to_date($4, 'YYYY-MM') AND e."occurred_on" < to_date($5, 'YYYY-MM') + interval '1 month'
       GROUP BY 1, 2, 3, 4
       ORDER BY 1, 2, 3, 4`,
      [keys.map((key) => key.month), keys.map((key) => key.municipalityCode), keys.map((key) => key.corporationId), months[0], months.at(-1)],
    );
  }
}

/**
 * The evictions per reason, in the order of the reasons. A reason given fewer than
 * SUPPRESSION_THRESHOLD times is free text that could point at a household: its wording is not shown,
 * and those evictions are counted together under a null reason, last.
 */
function reasonsOf(cell: Row[]): ReasonCount[] {
  const evicted = cell.filter((row) => row.evictions > 0);
  const shown = evicted.filter((row) => row.reason !== null && row.evictions >= SUPPRESSION_THRESHOLD);
  const rare = evicted.filter((row) => !shown.includes(row)).reduce((total, row) => total + row.evictions, 0);
  return [...shown.map((row) => ({ reason: row.reason, count: monitoringCount(row.evictions) })), ...(rare > 0 ? [{ reason: null, count: monitoringCount(rare) }] : [])];
}

/** A readable month from its rows: one per eviction reason (and one without), summed per count. */
function monthOf(key: MonitoringMonthKey, cell: Row[]): MonitoringMonth {
  const sum = (pick: (row: Row) => number) => monitoringCount(cell.reduce((total, row) => total + pick(row), 0));
  return {
    ...key,
    evictions: sum((row) => row.evictions),
    evictionsWithChildren: sum((row) => row.with_children),
    evictionsWithChildrenUnknown: sum((row) => row.with_children_unknown),
    evictionsAged65Plus: sum((row) => row.aged_65_plus),
    evictionsAged65PlusUnknown: sum((row) => row.aged_65_plus_unknown),
    evictionReasons: reasonsOf(cell),
    keysReturned: sum((row) => row.keys_returned),
    evictionsPrevented: sum((row) => row.prevented),
  };
}

function withoutCounts(key: MonitoringMonthKey): MonitoringMonth {
  return {
    month: key.month,
    municipalityCode: key.municipalityCode,
    corporationId: key.corporationId,
    evictions: null,
    evictionsWithChildren: null,
    evictionsWithChildrenUnknown: null,
    evictionsAged65Plus: null,
    evictionsAged65PlusUnknown: null,
    evictionReasons: [],
    keysReturned: null,
    evictionsPrevented: null,
  };
}
