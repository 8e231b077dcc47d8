import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The target groups of a register entry (Art. 6.4: "als dat bekend is") become YES / NO / UNKNOWN
 * instead of a boolean that defaulted to false, which counted "not known" as "not in the group".
 *
 * Carrying the data forward: a stored true was always sent explicitly, so it becomes YES. A stored
 * false cannot be told apart from a flag the corporation left out (the input defaulted to false), so
 * every false becomes UNKNOWN: it is counted apart from now on, never as NO. No false is kept as NO,
 * not even where the other flag is true, as leaving one flag out was as easy there. A corporation
 * that does know turns UNKNOWN into NO by sending the entry again (upsertRegisterEntry). `down`
 * turns YES into true and NO and UNKNOWN into false, as before.
 */
export class RegisterTargetGroupUnknown1795830000001 implements MigrationInterface {
  name = "RegisterTargetGroupUnknown1795830000001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const column of ["with_children", "aged65_plus"]) {
      await queryRunner.query(
        `ALTER TABLE "register_entry" ALTER COLUMN "${column}" TYPE text USING CASE WHEN "${column}" THEN 'YES' ELSE 'UNKNOWN' END`,
      );
      await queryRunner.query(`ALTER TABLE "register_entry" ALTER COLUMN "${column}" SET DEFAULT 'UNKNOWN'`);
    }
    await queryRunner.query(`ALTER TABLE "register_entry" ADD CONSTRAINT "register_entry_with_children_check" CHECK ("with_children" IN ('YES', 'NO', 'UNKNOWN'))`);
    await queryRunner.query(`ALTER TABLE "register_entry" ADD CONSTRAINT "register_entry_aged65_plus_check" CHECK ("aged65_plus" IN ('YES', 'NO', 'UNKNOWN'))`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "register_entry_aged65_plus_check"`);
    await queryRunner.query(`ALTER TABLE "register_entry" DROP CONSTRAINT "register_entry_with_children_check"`);
    for (const column of ["with_children", "aged65_plus"]) {
      await queryRunner.query(`ALTER TABLE "register_entry" ALTER COLUMN "${column}" DROP DEFAULT`);
      await queryRunner.query(`ALTER TABLE "register_entry" ALTER COLUMN "${column}" TYPE boolean USING "${column}" = 'YES'`);
    }
  }
}
