import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The erasure after an objection becomes a durable job (Art. 3.4): every standing objection whose
 * erasure sdv and swt have not both confirmed is retried on a schedule, with backoff, instead of
 * waiting for the corporation's next objection. Existing pending objections start with no attempts
 * and no next attempt, so the first run of the job takes them up at once; confirmed ones keep their
 * confirmation and are never asked again.
 */
export class ObjectionErasureOutbox1795830000000 implements MigrationInterface {
  name = "ObjectionErasureOutbox1795830000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "objection" ADD "erasure_attempts" integer NOT NULL DEFAULT 0`);
    await queryRunner.query(`ALTER TABLE "objection" ADD "erasure_next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(
      `CREATE INDEX "objection_erasure_pending_idx" ON "objection" ("erasure_next_attempt_at") WHERE "downstream_erased_at" IS NULL AND "withdrawn_on" IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "objection_erasure_pending_idx"`);
    await queryRunner.query(`ALTER TABLE "objection" DROP COLUMN "erasure_next_attempt_at"`);
    await queryRunner.query(`ALTER TABLE "objection" DROP COLUMN "erasure_attempts"`);
  }
}
