import type { DataSource } from "typeorm";
import type { DemoWorld } from "./world.js";

/**
 * Seeds the demo world into a database the first time only. A marker row remembers it, so that
 * data erased later (an objection, retention) is not brought back by the next start.
 */
export async function seedDemoOnce(db: DataSource, world: DemoWorld, seed: (db: DataSource, world: DemoWorld) => Promise<unknown>): Promise<boolean> {
  await db.query(`create table if not exists demo_seed (seeded_at timestamptz not null default now())`);
  const [{ count }] = (await db.query(`select count(*)::int as count from demo_seed`)) as { count: number }[];
  if (count > 0) return false;
  await seed(db, world);
  await db.query(`insert into demo_seed default values`);
  return true;
}
