import type { MigrationInterface, QueryRunner } from "typeorm";
import { dropErasureLogAppendOnly, makeErasureLogAppendOnly } from "../../../shared/src/erasure-log.js";

/** The erasure log becomes append-only: an entry, once written, can be neither changed nor removed. */
export class ErasureLogAppendOnly1795827700000 implements MigrationInterface {
  name = "ErasureLogAppendOnly1795827700000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await makeErasureLogAppendOnly(queryRunner);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await dropErasureLogAppendOnly(queryRunner);
  }
}
