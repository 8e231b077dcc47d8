import { countedMunicipalities } from "./count-scope.js";
import DataLoader from "dataloader";
import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { publishCount } from "./authorization.js";
import { MUNICIPALITIES } from "./covenant/organisations.js";
import { forbidden } from "./errors.js";
import type { Identity, Role } from "./identity.js";

/**
 * A count in the covenant's monitoring (Art. 5.3, 6.3, 6.4), as published: withheld (null, with
 * `suppressed`) when it counts fewer than 5 and more than 0, so that no household can be singled
 * out, and otherwise rounded up to a multiple of 5 (publishCount), so that no difference of counts
 * gives a withheld one back. Every subgraph that contributes to monitoring defines it identically, hence shareable.
 */
@Directive("@shareable")
@ObjectType({ description: "A monitoring count, rounded up to a multiple of 5; null and suppressed when it counts fewer than 5 (but more than 0)." })
export class MonitoringCount {
  @Field(() => Int, { nullable: true })
  count: number | null;

  @Field()
  suppressed: boolean;
}

export function monitoringCount(count: number): MonitoringCount {
  return publishCount(count);
}

/** Who reads the covenant's monitoring (Art. 5.3, 6.3, 6.4): analysts, the coordinator and the SDV. */
export const MONITORING_READERS: Role[] = ["ANALYST", "COORDINATOR", "SDV"];

/**
 * Whose monitoring a caller reads, the same in every subgraph that contributes to it: analysts and
 * the coordinator every municipality of the covenant, an SDV the municipalities it serves. Partners
 * that work with rows (corporations, SWT, the budget coach) read none: the root query refuses them,
 * and a monitoring month that reaches them by reference comes back without counts.
 */
export class MonitoringPolicy {
  constructor(private readonly identity: Identity) {}

  /** The covenant's municipalities whose monitoring the caller reads; FORBIDDEN for other roles. */
  municipalities(): string[] {
    const { role } = this.identity;
    if (!MONITORING_READERS.includes(role)) throw forbidden(`Your role (${role}) gets no monitoring; it is for analysts, the coordinator and the SDV.`);
    return MUNICIPALITIES.map((municipality) => municipality.code).filter((code) => this.mayRead(code));
  }

  mayRead(municipalityCode: string): boolean {
    const counted = countedMunicipalities(this.identity);
    return counted === "ALL" || counted.includes(municipalityCode);
  }

  /** The distinct keys among `keys` that name a month (YYYY-MM) of a municipality the caller reads. */
  readable(keys: readonly MonitoringMonthKey[]): MonitoringMonthKey[] {
    const readable = keys.filter((key) => /^\d{4}-(0[1-9]|1[0-2])$/.test(key.month) && this.mayRead(key.municipalityCode));
    return [...new Map(readable.map((key) => [monitoringKeyOf(key), key])).values()];
  }
}

/** The key of a monitoring month (the MonitoringMonth entity), as the subgraphs refer to it. */
export interface MonitoringMonthKey {
  month: string;
  municipalityCode: string;
  corporationId: string;
}

/**
 * The key fields of the MonitoringMonth entity, which every subgraph that contributes to monitoring
 * declares alike; each subgraph's MonitoringMonth extends this with its own counts and the `@key`
 * (type-graphql takes a decorated base class's fields into the type that extends it; the base itself
 * is emitted by no schema, since no field returns it).
 */
@ObjectType()
export abstract class MonitoringMonthKeyFields implements MonitoringMonthKey {
  @Field({ description: "The month, YYYY-MM." })
  month: string;

  @Field({ description: "CBS code of the municipality: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;

  @Field(() => ID, { description: "The corporation: elan-wonen, pre-wonen or ymere." })
  corporationId: string;
}

/** A row counted in SQL for a monitoring month, by its key columns. */
export interface MonitoringRow {
  month: string;
  municipality_code: string;
  corporation_id: string;
}

/**
 * The months asked, in their order, from one count of the rows of the months the caller reads: `count`
 * runs once for the distinct readable keys (not at all when there are none), `fill` makes a month of a
 * readable key from its rows (none when nothing was counted), and `unreadable` answers a key the caller
 * may not read or that names no month.
 */
export async function monitoringMonths<R extends MonitoringRow, M>(
  keys: readonly MonitoringMonthKey[],
  policy: MonitoringPolicy,
  count: (readable: MonitoringMonthKey[]) => Promise<R[]>,
  fill: (key: MonitoringMonthKey, rows: R[]) => M,
  unreadable: (key: MonitoringMonthKey) => M,
): Promise<M[]> {
  const readable = policy.readable(keys);
  const rows = readable.length === 0 ? [] : await count(readable);
  const byKey = new Map<string, R[]>();
  for (const row of rows) {
    const key = monitoringRowKeyOf(row);
    const cell = byKey.get(key);
    if (cell) cell.push(row);
    else byKey.set(key, [row]);
  }
  const readableKeys = new Set(readable.map(monitoringKeyOf));
  return keys.map((key) => {
    const id = monitoringKeyOf(key);
    return readableKeys.has(id) ? fill(key, byKey.get(id) ?? []) : unreadable(key);
  });
}

/** One string per key, for maps and DataLoader caches. */
export const monitoringKeyOf = (key: MonitoringMonthKey): string => `${key.month}|${key.municipalityCode}|${key.corporationId}`;

/** The same string for a row counted in SQL, whose key columns are month, municipality_code and corporation_id. */
export const monitoringRowKeyOf = (row: MonitoringRow): string => monitoringKeyOf({ month: row.month, municipalityCode: row.municipality_code, corporationId: row.corporation_id });

/**
 * Per request: every monitoring month the gateway asks a subgraph for in one `_entities` call, in
 * one statement (`months` answers the keys in order; a month the caller may not read is null).
 */
export function createMonitoringMonthLoader<M>(months: (keys: readonly MonitoringMonthKey[]) => Promise<M[]>): DataLoader<MonitoringMonthKey, M, string> {
  return new DataLoader<MonitoringMonthKey, M, string>((keys) => months(keys), { cacheKeyFn: monitoringKeyOf, maxBatchSize: 1_000 });
}

/**
 * The reference resolver of MonitoringMonth, the same in every subgraph: the sdv subgraph lists the
 * months, and each subgraph resolves its own counts of a month by reference, batched, through the
 * request's loader (and so through the same policy as its root query).
 */
export function monitoringMonthReference<Context>(loaderOf: (ctx: Context) => DataLoader<MonitoringMonthKey, unknown, string>) {
  return {
    MonitoringMonth: {
      __resolveReference: (ref: MonitoringMonthKey, ctx: Context) =>
        loaderOf(ctx).load({ month: ref.month, municipalityCode: ref.municipalityCode, corporationId: ref.corporationId }),
    },
  };
}
