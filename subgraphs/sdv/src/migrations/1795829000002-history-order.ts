import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The forwarding history and the routing changes keep the order in which their entries were
 * written: entries of one instant (a request that forwards and re-prioritises) read back in order.
 * Existing entries are numbered by their time.
 */
export class HistoryOrder1795829000002 implements MigrationInterface {
  name = "HistoryOrder1795829000002";

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const [table, at] of [
      ["forwarding_record", "forwarded_at"],
      ["routing_area_change", "changed_at"],
    ] as const) {
      await queryRunner.query(`CREATE SEQUENCE "${table}_seq_seq" AS bigint OWNED BY NONE`);
      await queryRunner.query(`ALTER TABLE "${table}" ADD "seq" bigint`);
      await queryRunner.query(
        `UPDATE "${table}" t SET "seq" = o.n FROM (SELECT id, row_number() OVER (ORDER BY "${at}", id) AS n FROM "${table}") o WHERE o.id = t.id`,
      );
      await queryRunner.query(`SELECT setval('"${table}_seq_seq"', coalesce((SELECT max("seq") FROM "${table}"), 0) + 1, false)`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "seq" SET DEFAULT nextval('"${table}_seq_seq"')`);
      await queryRunner.query(`ALTER TABLE "${table}" ALTER COLUMN "seq" SET NOT NULL`);
      await queryRunner.query(`ALTER SEQUENCE "${table}_seq_seq" OWNED BY "${table}"."seq"`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ["forwarding_record", "routing_area_change"]) {
      await queryRunner.query(`ALTER TABLE "${table}" DROP COLUMN "seq"`);
    }
  }
}
