import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The erasure log (AVG accountability for deleting): one entry per erasure of swt data, after an
 * objection (Art. 3.4) or at the end of the retention period, with counts per kind of record and
 * never a person's id. Starts empty: nothing was erased before it existed.
 */
export class ErasureLog1795823766694 implements MigrationInterface {
  name = "ErasureLog1795823766694";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"erasure_log\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"reason\" text NOT NULL, \"actor_role\" text, \"actor_organisations\" text array NOT NULL DEFAULT '{}', \"counts\" jsonb NOT NULL, \"request_id\" text, CONSTRAINT \"erasure_log_reason_check\" CHECK (\"reason\" IN ('OBJECTION', 'RETENTION')), CONSTRAINT \"erasure_log_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"erasure_log_at_idx\" ON \"erasure_log\"  (\"at\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"erasure_log_at_idx\"");
    await queryRunner.query("DROP TABLE \"erasure_log\"");
  }
}
