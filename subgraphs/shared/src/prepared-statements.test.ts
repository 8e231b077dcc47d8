import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { freshDatabaseUrls } from "../../../test/support/databases.js";
import { openDataSource, preparedStatementsFromEnv } from "./database.js";
import { StatementNames } from "./prepared-statements.js";
import { AccessLogEntity } from "./access-log.js";

describe("StatementNames", () => {
  const limits = { afterUses: 3, maxNamed: 2, maxCounted: 3 };

  it("names a statement from its third use on, always with the same name", () => {
    const names = new StatementNames(limits);
    names.enable();
    expect(names.nameOf("select $1")).toBeUndefined();
    expect(names.nameOf("select $1")).toBeUndefined();
    const name = names.nameOf("select $1");
    expect(name).toMatch(/^ewg_\d+$/);
    expect(names.nameOf("select $1")).toBe(name);
  });

  it("names nothing before it is enabled, so that no statement is prepared before the migrations", () => {
    const names = new StatementNames(limits);
    for (let i = 0; i < 5; i++) expect(names.nameOf("select $1")).toBeUndefined();
    names.enable();
    expect(names.nameOf("select $1")).toBeUndefined();
  });

  it("names at most maxNamed statements, and gives each its own name", () => {
    const names = new StatementNames(limits);
    names.enable();
    const named = ["a $1", "b $1", "c $1"].map((text) => {
      names.nameOf(text);
      names.nameOf(text);
      return names.nameOf(text);
    });
    expect(named[0]).not.toBe(named[1]);
    expect(named.slice(0, 2).every((name) => name !== undefined)).toBe(true);
    expect(named[2]).toBeUndefined();
    expect(names.size).toBe(2);
  });

  it("keeps at most maxCounted texts counted: many texts seen once do not grow it for ever", () => {
    const names = new StatementNames({ afterUses: 2, maxNamed: 10, maxCounted: 3 });
    names.enable();
    names.nameOf("x $1");
    for (let i = 0; i < 3; i++) names.nameOf(`once ${i} $1`);
    // The count of "x $1" was dropped with the rest when the map was full: one more use is its first.
    expect(names.nameOf("x $1")).toBeUndefined();
    expect(names.nameOf("x $1")).toMatch(/^ewg_/);
  });
});

describe("a data source's statements on PostgreSQL", () => {
  const databases = freshDatabaseUrls();
  let db: DataSource;

  beforeAll(async () => {
    // Any entity and no migration: the statements below need no table of the project's.
    db = (await openDataSource({ url: databases.urls.sdv, entities: [AccessLogEntity], migrations: [] })).dataSource;
  });
  afterAll(async () => {
    await db?.destroy();
    await databases.drop();
  });

  /** Runs `run` on one connection and returns the statements prepared on it afterwards. */
  async function preparedOnOneConnection(run: (query: (sql: string, params?: unknown[]) => Promise<any>) => Promise<void>): Promise<string[]> {
    const runner = db.createQueryRunner();
    try {
      await run((sql, params) => runner.query(sql, params));
      const rows: { statement: string }[] = await runner.query(`select statement from pg_prepared_statements where name like 'ewg\\_%'`);
      return rows.map((row) => row.statement);
    } finally {
      await runner.release();
    }
  }

  it("prepares a statement with parameters that runs again and again, and its answers stay right", async () => {
    const answers: number[] = [];
    const prepared = await preparedOnOneConnection(async (query) => {
      for (let i = 1; i <= 5; i++) answers.push((await query(`select $1::int * 2 as doubled`, [i]))[0].doubled);
    });
    expect(answers).toEqual([2, 4, 6, 8, 10]);
    expect(prepared).toContain("select $1::int * 2 as doubled");
  });

  it("leaves a statement without parameters unprepared: it may hold several statements", async () => {
    const prepared = await preparedOnOneConnection(async (query) => {
      for (let i = 0; i < 5; i++) await query(`select 1 as one; select 2 as two`);
    });
    expect(prepared.filter((text) => text.includes("select 2 as two"))).toEqual([]);
  });

  it("a prepared statement that fails once runs again afterwards", async () => {
    const results = await preparedOnOneConnection(async (query) => {
      const divide = (by: number) => query(`select 10 / $1::int as quotient`, [by]).then((rows) => rows[0].quotient as number);
      expect([await divide(1), await divide(2), await divide(5)]).toEqual([10, 5, 2]);
      await expect(divide(0)).rejects.toThrow(/division by zero/);
      expect(await divide(10)).toBe(1);
    });
    expect(results).toContain("select 10 / $1::int as quotient");
  });
});

describe("DATABASE_PREPARED_STATEMENTS", () => {
  it("is on unless set to off, and any other value is refused with what to set", () => {
    expect(preparedStatementsFromEnv({})).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: "on" })).toBe(true);
    expect(preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: "off" })).toBe(false);
    for (const value of ["false", "OFF", "0", "yes"]) {
      expect(() => preparedStatementsFromEnv({ DATABASE_PREPARED_STATEMENTS: value }), value).toThrow(/Set DATABASE_PREPARED_STATEMENTS to "on" or "off"/);
    }
  });

  it("off: a data source prepares nothing, however often a statement runs", async () => {
    const databases = freshDatabaseUrls();
    const { dataSource } = await openDataSource({ url: databases.urls.swt, entities: [AccessLogEntity], migrations: [], preparedStatements: false });
    try {
      const runner = dataSource.createQueryRunner();
      for (let i = 0; i < 5; i++) await runner.query(`select $1::int as n`, [i]);
      expect(await runner.query(`select name from pg_prepared_statements`)).toEqual([]);
      await runner.release();
    } finally {
      await dataSource.destroy();
      await databases.drop();
    }
  });
});
