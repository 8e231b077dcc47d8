import type { MigrationInterface, QueryRunner } from "typeorm";
import { feedbackDueOn } from "../../../shared/src/covenant/working-days.js";

/**
 * Casework and feedback: a case records the day its opening signal was forwarded, that signal's phase
 * and the day feedback is due (Art. 5.4); whether its closure reached sdv; and the feedback table
 * refuses any hint of a reason next to "not taken up for another reason" (Art. 5.5).
 *
 * Existing rows: every case so far was opened on the day its signal was forwarded, so forwarded_on is
 * opened_on. The phase as delivered was not kept, so ARREARS is assumed (the longer term of 10
 * working days: no old case turns overdue by the assumption). The due day is computed with the
 * covenant's working-day calendar, once per distinct day. Cases closed before now count as reported:
 * sdv closed their signals itself until closures were sent.
 */
export class CaseworkAndFeedback1795823850639 implements MigrationInterface {
  name = "CaseworkAndFeedback1795823850639";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"case\" ADD \"forwarded_on\" date");
    await queryRunner.query("ALTER TABLE \"case\" ADD \"feedback_phase\" text");
    await queryRunner.query("ALTER TABLE \"case\" ADD \"feedback_due_on\" date");
    await queryRunner.query("ALTER TABLE \"case\" ADD \"closure_reported_on\" date");
    await queryRunner.query("UPDATE \"case\" SET \"forwarded_on\" = \"opened_on\", \"feedback_phase\" = 'ARREARS'");
    const days: { day: string }[] = await queryRunner.query("SELECT DISTINCT \"forwarded_on\"::text AS \"day\" FROM \"case\" ORDER BY 1");
    for (const { day } of days) {
      await queryRunner.query("UPDATE \"case\" SET \"feedback_due_on\" = $2 WHERE \"forwarded_on\" = $1", [day, feedbackDueOn(day, "ARREARS")]);
    }
    await queryRunner.query("UPDATE \"case\" SET \"closure_reported_on\" = \"closed_on\" WHERE \"status\" = 'CLOSED'");
    await queryRunner.query("ALTER TABLE \"case\" ALTER COLUMN \"forwarded_on\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"case\" ALTER COLUMN \"feedback_phase\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"case\" ALTER COLUMN \"feedback_due_on\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"case\" ADD CONSTRAINT \"case_feedback_phase_check\" CHECK (\"feedback_phase\" IN ('ARREARS', 'COLLECTION', 'BAILIFF'))");
    await queryRunner.query("ALTER TABLE \"case\" ADD CONSTRAINT \"case_feedback_due_on_check\" CHECK (\"feedback_due_on\" > \"forwarded_on\")");
    await queryRunner.query("CREATE INDEX \"case_feedback_due_on_idx\" ON \"case\"  (\"feedback_due_on\", \"id\") ");
    await queryRunner.query(
      "ALTER TABLE \"feedback\" ADD CONSTRAINT \"feedback_not_taken_up_hints_check\" CHECK (NOT \"not_taken_up_for_other_reason\" OR (NOT \"collection_can_be_suspended\" AND \"payments_resume_on\" IS NULL AND \"arrears_arrangement\" IS NULL))",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feedback\" DROP CONSTRAINT \"feedback_not_taken_up_hints_check\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_feedback_due_on_idx\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP CONSTRAINT \"case_feedback_due_on_check\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP CONSTRAINT \"case_feedback_phase_check\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP COLUMN \"closure_reported_on\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP COLUMN \"feedback_due_on\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP COLUMN \"feedback_phase\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP COLUMN \"forwarded_on\"");
  }
}
