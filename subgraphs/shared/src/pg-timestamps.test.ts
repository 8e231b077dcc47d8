import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DataSource } from "typeorm";
import { freshDatabaseUrls } from "../../../test/support/databases.js";
import { openDataSource } from "./database.js";
import { parseTimestamptz } from "./pg-timestamps.js";

const postgresDate = createRequire(import.meta.url)("postgres-date") as (text: string) => Date | number | null;
const time = (value: Date | number | null) => (value instanceof Date ? value.getTime() : value);

describe("reading a timestamptz as PostgreSQL writes it", () => {
  it("answers what pg's own parser answers, for every shape PostgreSQL writes and some it does not", () => {
    const texts = [
      "2026-12-01 09:30:00+00",
      "2026-12-01 09:30:00.5+01",
      "2026-12-01 09:30:00.123456+01",
      "2026-03-29 02:30:00.1-03:30",
      "1900-01-01 00:00:00+00:19:32",
      "1000-01-01 00:00:00+00",
      "9999-12-31 23:59:59.999999+14",
      "0099-06-01 12:00:00+00",
      "2020-01-01 00:00:00+00 BC",
      "infinity",
      "-infinity",
      "2026-12-01T09:30:00Z",
      "2026-12-01 09:30:00",
      "2026-12-01 09:30:00.+00",
      "2026-12-01 09:30:00.1234567+00",
      "2026-12-01 09:30:00+0",
      "2026-12-01 09:30:00+01:3",
      "2026-12-01 09:30:00+01x30",
      "2026-13-01 09:30:00+00",
      "2026-12-01 9:30:00+00",
    ];
    for (const text of texts) expect([text, time(parseTimestamptz(text))]).toEqual([text, time(postgresDate(text))]);
  });

  it("agrees with pg's parser on thousands of random instants, fractions and offsets", () => {
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % n;
    };
    const two = (n: number) => String(n).padStart(2, "0");
    for (let i = 0; i < 5_000; i++) {
      const date = `${1000 + random(9000)}-${two(1 + random(12))}-${two(1 + random(28))} ${two(random(24))}:${two(random(60))}:${two(random(60))}`;
      const fraction = random(3) === 0 ? "" : `.${String(random(1_000_000)).padStart(6, "0")}`.replace(/0+$/, "").replace(/\.$/, "");
      const sign = random(2) ? "+" : "-";
      const offset = [`${sign}${two(random(15))}`, `${sign}${two(random(15))}:${two(random(60))}`, `${sign}${two(random(15))}:${two(random(60))}:${two(random(60))}`][random(3)];
      const text = `${date}${fraction}${offset}`;
      expect([text, time(parseTimestamptz(text))]).toEqual([text, time(postgresDate(text))]);
    }
  });
});

describe("timestamptz values read from PostgreSQL", () => {
  const databases = freshDatabaseUrls();
  let db: DataSource;
  beforeAll(async () => {
    db = (await openDataSource({ url: databases.urls.sdv, entities: [], migrations: [] })).dataSource;
  });
  afterAll(async () => {
    await db?.destroy();
    await databases.drop();
  });

  it("are the instants PostgreSQL holds, in whatever time zone the session writes them", async () => {
    const instants = ["2026-12-01 09:30:00.123456+00", "2026-03-29 01:30:00+00", "1900-01-01 00:00:00+00", "1999-12-31 23:59:59.999+00", "2026-06-15 12:00:00.5+00"];
    for (const zone of ["UTC", "Europe/Amsterdam", "Asia/Kolkata", "America/St_Johns"]) {
      const rows: { at: Date; ms: string }[] = await db.transaction(async (manager) => {
        await manager.query(`SELECT set_config('TimeZone', $1, true)`, [zone]);
        return manager.query(`SELECT t AS at, (extract(epoch FROM t) * 1000)::numeric(20, 3)::text AS ms FROM unnest($1::timestamptz[]) AS t`, [instants]);
      });
      for (const row of rows) expect([zone, row.at.getTime()]).toEqual([zone, Math.trunc(Number(row.ms))]);
    }
  });
});
