import type { MigrationInterface, QueryRunner } from "typeorm";

/** A case can go to another holder: the outcome TRANSFERRED, and the record of each signal that moved. */
export class CaseTransfer1795829000001 implements MigrationInterface {
  name = "CaseTransfer1795829000001";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "case" DROP CONSTRAINT "case_outcome_check"`);
    await queryRunner.query(
      `ALTER TABLE "case" ADD CONSTRAINT "case_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('BUDGET_ADVICE_OR_QUICK_FIX', 'NO_CONTACT_POSSIBLE', 'NO_RESPONSE_AFTER_EARLIER_CONTACT', 'ALREADY_KNOWN_AT_DEBT_HELP', 'OTHER_TRAJECTORY_RUNNING', 'ALREADY_PAID_OR_ARRANGED', 'DECEASED', 'ARRANGES_IT_THEMSELVES', 'NOT_TAKEN_UP_OTHER_REASON', 'NOT_TAKEN_UP_REPEATED_SIGNAL', 'NOT_TAKEN_UP_UNJUSTIFIED_SIGNAL', 'NOT_A_RESIDENT', 'FOLLOW_UP_HELP_OR_REFERRAL', 'FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL', 'FOLLOW_UP_HELP_OR_REFERRAL_NON_FINANCIAL', 'REFERRAL_WITHOUT_RESIDENT', 'TRANSFERRED'))`,
    );
    await queryRunner.query(
      `CREATE TABLE "case_transfer" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "signal_id" uuid NOT NULL, "from_case_id" uuid NOT NULL, "to_case_id" uuid NOT NULL, "from_team_id" text NOT NULL, "to_team_id" text NOT NULL, "kind" text NOT NULL, "reason" text, "transferred_by" text NOT NULL, "transferred_at" TIMESTAMP WITH TIME ZONE NOT NULL, "reported_on" date, CONSTRAINT "case_transfer_teams_check" CHECK ("from_team_id" <> "to_team_id"), CONSTRAINT "case_transfer_kind_check" CHECK ("kind" IN ('FORWARDING', 'HAND_OVER')), CONSTRAINT "case_transfer_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "case_transfer_from_case_idx" ON "case_transfer" ("from_case_id")`);
    await queryRunner.query(`CREATE INDEX "case_transfer_to_case_idx" ON "case_transfer" ("to_case_id")`);
    await queryRunner.query(`CREATE INDEX "case_transfer_unreported_idx" ON "case_transfer" ("from_team_id") WHERE "reported_on" IS NULL`);
    await queryRunner.query(
      `ALTER TABLE "case_transfer" ADD CONSTRAINT "case_transfer_from_case_fkey" FOREIGN KEY ("from_case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_transfer" ADD CONSTRAINT "case_transfer_to_case_fkey" FOREIGN KEY ("to_case_id") REFERENCES "case"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "case_transfer"`);
    await queryRunner.query(`UPDATE "case" SET "outcome" = NULL WHERE "outcome" = 'TRANSFERRED'`);
    await queryRunner.query(`ALTER TABLE "case" DROP CONSTRAINT "case_outcome_check"`);
    await queryRunner.query(
      `ALTER TABLE "case" ADD CONSTRAINT "case_outcome_check" CHECK ("outcome" IS NULL OR "outcome" IN ('BUDGET_ADVICE_OR_QUICK_FIX', 'NO_CONTACT_POSSIBLE', 'NO_RESPONSE_AFTER_EARLIER_CONTACT', 'ALREADY_KNOWN_AT_DEBT_HELP', 'OTHER_TRAJECTORY_RUNNING', 'ALREADY_PAID_OR_ARRANGED', 'DECEASED', 'ARRANGES_IT_THEMSELVES', 'NOT_TAKEN_UP_OTHER_REASON', 'NOT_TAKEN_UP_REPEATED_SIGNAL', 'NOT_TAKEN_UP_UNJUSTIFIED_SIGNAL', 'NOT_A_RESIDENT', 'FOLLOW_UP_HELP_OR_REFERRAL', 'FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL', 'FOLLOW_UP_HELP_OR_REFERRAL_NON_FINANCIAL', 'REFERRAL_WITHOUT_RESIDENT'))`,
    );
  }
}
