import pg from "pg";

/** How many times a statement runs before it is named, and how many are named at most. */
export interface StatementNamingLimits {
  /** Uses of a statement's text before it is named (and so prepared on each connection that runs it). */
  afterUses: number;
  /** Statements named at most per data source: each is prepared, with its plan, in every connection that runs it. */
  maxNamed: number;
  /** Texts counted at most while they wait to be named; then the counts start again. */
  maxCounted: number;
}

const DEFAULT_LIMITS: StatementNamingLimits = { afterUses: 3, maxNamed: 100, maxCounted: 2_000 };

/**
 * Names the statements a subgraph runs again and again, so that PostgreSQL parses and plans each
 * one once per connection instead of on every call. TypeORM sends every statement unnamed, so it
 * is parsed, analysed and planned each time; for the short reads of a request, planning took as
 * long as running them. A statement with parameters is named once it has run `afterUses` times;
 * one without is left alone (it goes by the simple protocol, which may carry several statements,
 * as migrations do). Naming starts only when `enable` is called, after the migrations, so that no
 * statement is prepared against a table a migration is about to change. Bounded: at most
 * `maxNamed` names, and a text seen once does not stay counted for ever.
 */
export class StatementNames {
  private readonly counts = new Map<string, number>();
  private readonly names = new Map<string, string>();
  private enabled = false;

  constructor(private readonly limits: StatementNamingLimits = DEFAULT_LIMITS) {}

  enable(): void {
    this.enabled = true;
  }

  get size(): number {
    return this.names.size;
  }

  /** The name to send `text` under, or undefined to send it unnamed. */
  nameOf(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || !this.enabled || this.names.size >= this.limits.maxNamed) return name;
    const uses = (this.counts.get(text) ?? 0) + 1;
    if (uses < this.limits.afterUses) {
      if (this.counts.size >= this.limits.maxCounted) this.counts.clear();
      this.counts.set(text, uses);
      return undefined;
    }
    this.counts.delete(text);
    const named = `ewg_${this.names.size + 1}`;
    this.names.set(text, named);
    return named;
  }
}

/**
 * A pg client that sends a statement with parameters under its name from `names` (see
 * StatementNames); pg prepares a name on a connection the first time it runs there. For the pool
 * TypeORM opens (its `extra.Client` option).
 */
export function namingClient(names: StatementNames): typeof pg.Client {
  return class NamingClient extends pg.Client {
    override query(config: any, values?: any, callback?: any): any {
      if (typeof config === "string" && Array.isArray(values) && values.length > 0) {
        const name = names.nameOf(config);
        if (name !== undefined) return super.query({ name, text: config, values }, callback);
      }
      return super.query(config, values, callback);
    }
  } as typeof pg.Client;
}
