import type { MigrationInterface, QueryRunner } from "typeorm";
import { keepReadAtInMillisecondsByDefault, keepReadAtInMillisecondsByTrigger } from "../../../shared/src/migrations/access-log-read-at.js";

/** The access log's read_at is kept to the millisecond by a default and a check instead of a trigger per row. */
export class AccessLogReadAtDefault1796200000001 implements MigrationInterface {
  name = "AccessLogReadAtDefault1796200000001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await keepReadAtInMillisecondsByDefault(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await keepReadAtInMillisecondsByTrigger(queryRunner);
  }
}
