import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { publishCell } from "./authorization.js";

/** One key a count can be grouped by: the SQL it groups by and the field of the cell it fills. */
export interface CountGroup<K extends string> {
  expression: string;
  key: K;
}

/** The groups a caller asked for, each once, in the order asked (a key named twice groups once). */
export function groupsAsked<G extends string, Group extends CountGroup<string>>(groups: Record<G, Group>, asked: readonly G[]): Group[] {
  return [...new Set(asked)].map((group) => groups[group]);
}

/**
 * Runs one GROUP BY over `query` (already restricted to what the caller may count and filtered)
 * and publishes each row as a cell: the households, and any other count of the cell, by
 * publishCell, so that every count the graph gives out follows the one rule of withholding and
 * rounding. Keys not grouped by stay null in the cell (`ungrouped` names them all).
 *
 * @param counts SQL of the households counted (distinct, so that no household counts twice) and of
 *   any other count of the cell, by the field it fills (`{ signals: "COUNT(*)" }`).
 */
export async function countCells<C>(
  query: SelectQueryBuilder<ObjectLiteral>,
  counts: { households: string; others?: Record<string, string> },
  groups: readonly CountGroup<string>[],
  ungrouped: Record<string, null>,
): Promise<C[]> {
  query.select(`CAST(${counts.households} AS integer)`, "households");
  const others = Object.entries(counts.others ?? {});
  for (const [key, expression] of others) query.addSelect(`CAST(${expression} AS integer)`, key);
  for (const { expression, key } of groups) {
    // NULLS LAST is PostgreSQL's default for ASC; said here so the order does not depend on it.
    query.addSelect(expression, key).addGroupBy(expression).addOrderBy(expression, "ASC", "NULLS LAST");
  }
  const rows = await query.getRawMany<Record<string, string | number | null>>();
  return rows.map((row) => {
    const grouped = Object.fromEntries(groups.map(({ key }) => [key, row[key] ?? null]));
    const published = publishCell(Number(row.households), Object.fromEntries(others.map(([key]) => [key, Number(row[key])])));
    return { ...ungrouped, ...grouped, ...published } as C;
  });
}
