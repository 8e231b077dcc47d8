import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * When the sdv and swt subgraphs confirmed the erasure that follows an objection (Art. 3.4).
 * Objections recorded before this column existed start as pending: the standing ones are asked for
 * again with their corporation's next objection, which erases what may still be held about those
 * tenants (the peers erase idempotently, so a tenant erased before is answered with 0).
 */
export class ObjectionErasure1795823779118 implements MigrationInterface {
  name = "ObjectionErasure1795823779118";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "objection" ADD "downstream_erased_at" TIMESTAMP WITH TIME ZONE`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "objection" DROP COLUMN "downstream_erased_at"`);
  }
}
