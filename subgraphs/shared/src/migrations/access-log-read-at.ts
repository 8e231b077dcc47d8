import type { QueryRunner } from "typeorm";

/**
 * The access log is paged newest first by (read_at, id), and a page cursor carries read_at as a JS
 * Date, to the millisecond. Stored with microseconds, the entries of one request (which share
 * read_at) would fall between two pages; kept to the millisecond, a cursor names its entry exactly.
 * AccessLogEntity declares the same default and check.
 */
const READ_AT_IN_MILLISECONDS = `"read_at" = date_trunc('milliseconds', "read_at")`;
const READ_AT_DEFAULT = "date_trunc('milliseconds', now())";

/**
 * For a migration: read_at is kept to the millisecond by its default and a check instead of a
 * trigger per row, which took about a fifth of the access log's INSERT. The check is added NOT VALID
 * and validated after, so that a large log is not locked while the rows written under the trigger
 * are checked.
 */
export async function keepReadAtInMillisecondsByDefault(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`DROP TRIGGER access_log_read_at_milliseconds ON "access_log"`);
  await queryRunner.query(`DROP FUNCTION access_log_read_at_to_milliseconds()`);
  await queryRunner.query(`ALTER TABLE "access_log" ALTER COLUMN "read_at" SET DEFAULT ${READ_AT_DEFAULT}`);
  await queryRunner.query(`ALTER TABLE "access_log" ADD CONSTRAINT "access_log_read_at_milliseconds" CHECK (${READ_AT_IN_MILLISECONDS}) NOT VALID`);
  await queryRunner.query(`ALTER TABLE "access_log" VALIDATE CONSTRAINT "access_log_read_at_milliseconds"`);
}

export async function keepReadAtInMillisecondsByTrigger(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`ALTER TABLE "access_log" DROP CONSTRAINT "access_log_read_at_milliseconds"`);
  await queryRunner.query(`ALTER TABLE "access_log" ALTER COLUMN "read_at" SET DEFAULT now()`);
  await truncateReadAtByTrigger(queryRunner);
}

/** For the migrations that create the log: a trigger truncates read_at of every row to the millisecond. */
export async function truncateReadAtByTrigger(queryRunner: QueryRunner): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION access_log_read_at_to_milliseconds() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.read_at := date_trunc('milliseconds', NEW.read_at);
      RETURN NEW;
    END $$`);
  await queryRunner.query(`CREATE TRIGGER access_log_read_at_milliseconds BEFORE INSERT ON "access_log" FOR EACH ROW EXECUTE FUNCTION access_log_read_at_to_milliseconds()`);
}
