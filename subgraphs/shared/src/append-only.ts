import type { QueryRunner } from "typeorm";

/**
 * For a migration: makes `table` append-only. A trigger refuses UPDATE and DELETE of any row, and
 * TRUNCATE of the table, for every role the application connects as, so a record of who read or
 * erased what can be added to but never taken back. The SQL names the function
 * `<table>_refuse_change` and the triggers `<table>_append_only` and `<table>_no_truncate`; the
 * migrations that already ran made exactly these, so the names must stay.
 */
export async function makeAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`
    CREATE FUNCTION ${table}_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '${table} is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$`);
  await queryRunner.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION ${table}_refuse_change()`);
  await queryRunner.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table} FOR EACH STATEMENT EXECUTE FUNCTION ${table}_refuse_change()`);
}

/** For a migration's `down`: takes away what makeAppendOnly made. */
export async function dropAppendOnly(queryRunner: QueryRunner, table: string): Promise<void> {
  await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_no_truncate ON ${table}`);
  await queryRunner.query(`DROP TRIGGER IF EXISTS ${table}_append_only ON ${table}`);
  await queryRunner.query(`DROP FUNCTION IF EXISTS ${table}_refuse_change()`);
}
