import type { MigrationInterface, QueryRunner } from "typeorm";
import { dropAccessLogAppendOnly, makeAccessLogAppendOnly } from "../../../shared/src/access-log.js";
import { truncateReadAtByTrigger } from "../../../shared/src/migrations/access-log-read-at.js";

export class AccessLog1795818218263 implements MigrationInterface {
  name = "AccessLog1795818218263";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"access_log\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"read_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"subject\" text NOT NULL, \"role\" text NOT NULL, \"organisations\" text array NOT NULL, \"team\" text, \"person_id\" uuid NOT NULL, \"fields\" text array NOT NULL, \"operation_name\" text, \"request_id\" text NOT NULL, CONSTRAINT \"PK_bd09621fb73b42d9e32b85ae41f\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"access_log_read_at_idx\" ON \"access_log\"  (\"read_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"access_log_person_idx\" ON \"access_log\"  (\"person_id\", \"read_at\") ");
    // The log is paged newest first by (read_at, id), and a page cursor carries read_at as a JS Date,
    // to the millisecond. Stored with microseconds, the entries of one request (which share read_at)
    // would fall between two pages; kept to the millisecond, a cursor names its entry exactly.
    await truncateReadAtByTrigger(queryRunner);
    await makeAccessLogAppendOnly(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropAccessLogAppendOnly(queryRunner);
    await queryRunner.query("DROP TRIGGER IF EXISTS access_log_read_at_milliseconds ON \"access_log\"");
    await queryRunner.query("DROP FUNCTION IF EXISTS access_log_read_at_to_milliseconds()");
    await queryRunner.query("DROP INDEX \"public\".\"access_log_person_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"access_log_read_at_idx\"");
    await queryRunner.query("DROP TABLE \"access_log\"");
  }
}
