import type { DataSource } from "typeorm";

/**
 * The namespace of the project's job locks among PostgreSQL advisory locks (the first of the two
 * keys), so that a job's lock never meets a lock some other program takes on the same database.
 */
const JOB_LOCK_NAMESPACE = 0x45_57_47_4a; // "EWGJ"

export type ExclusiveRun<T> = { ran: true; result: T } | { ran: false };

/**
 * Runs `work` only if no other process runs the job of the same name on this database: however many
 * replicas of a subgraph run (and `npm run retention` beside them), one runs a job at a time and the
 * others skip their turn. The lock is a PostgreSQL session advisory lock held on a connection of its
 * own for as long as the work runs; it goes with the connection, so a replica that dies mid-run
 * leaves no lock behind. `work` uses the data source's other connections as usual.
 */
export async function runExclusively<T>(db: DataSource, job: string, work: () => Promise<T>): Promise<ExclusiveRun<T>> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    const [{ locked }]: { locked: boolean }[] = await runner.query(`SELECT pg_try_advisory_lock($1::int, hashtext($2)) AS "locked"`, [JOB_LOCK_NAMESPACE, job]);
    if (!locked) return { ran: false };
    try {
      return { ran: true, result: await work() };
    } finally {
      await runner.query(`SELECT pg_advisory_unlock($1::int, hashtext($2))`, [JOB_LOCK_NAMESPACE, job]);
    }
  } finally {
    await runner.release();
  }
}
