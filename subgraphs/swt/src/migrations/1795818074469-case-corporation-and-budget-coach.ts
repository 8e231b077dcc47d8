import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Teams get a kind, the budget coach becomes a team of kind BUDGET_COACH (its priority IV referrals
 * are cases), and a case records the corporation its feedback goes to and the municipality whose
 * signal it answers.
 *
 * Existing rows: every team so far is an SWT. A case's municipality is its team's, which is exact for
 * every case that exists now (only SWT teams held cases before this migration). The corporation cannot
 * be derived inside swt (the tenant belongs to the corporations subgraph), so it stays null on old
 * cases: their feedback reaches no corporation until it is filled in. New cases always carry it.
 */
export class CaseCorporationAndBudgetCoach1795818074469 implements MigrationInterface {
  name = "CaseCorporationAndBudgetCoach1795818074469";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The default fills the existing teams and is dropped at once: a new team must say what it is.
    await queryRunner.query("ALTER TABLE \"team\" ADD \"kind\" text NOT NULL DEFAULT 'SWT'");
    await queryRunner.query("ALTER TABLE \"team\" ALTER COLUMN \"kind\" DROP DEFAULT");
    await queryRunner.query("ALTER TABLE \"team\" ADD CONSTRAINT \"team_kind_check\" CHECK (\"kind\" IN ('SWT', 'BUDGET_COACH'))");
    // BUDGET_COACH_TEAM of shared/covenant as it stands now; later changes are migrations of their own.
    await queryRunner.query(
      "INSERT INTO \"team\" (\"id\", \"name\", \"municipality_code\", \"kind\") VALUES ('budget-coach', 'Budgetcoach Haarlem en Zandvoort', '0392', 'BUDGET_COACH')",
    );

    await queryRunner.query("ALTER TABLE \"case\" ADD \"corporation_id\" text");
    await queryRunner.query("ALTER TABLE \"case\" ADD CONSTRAINT \"case_corporation_id_check\" CHECK (\"corporation_id\" IS NULL OR \"corporation_id\" ~ '^[a-z0-9]+(-[a-z0-9]+)*$')");

    await queryRunner.query("ALTER TABLE \"case\" ADD \"municipality_code\" text");
    await queryRunner.query("UPDATE \"case\" SET \"municipality_code\" = \"team\".\"municipality_code\" FROM \"team\" WHERE \"team\".\"id\" = \"case\".\"team_id\"");
    await queryRunner.query("ALTER TABLE \"case\" ALTER COLUMN \"municipality_code\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"case\" ADD CONSTRAINT \"case_municipality_code_check\" CHECK (\"municipality_code\" ~ '^[0-9]{4}$')");
    await queryRunner.query("CREATE INDEX \"case_municipality_opened_on_idx\" ON \"case\"  (\"municipality_code\", \"opened_on\", \"id\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"case_municipality_opened_on_idx\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP CONSTRAINT \"case_municipality_code_check\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP COLUMN \"municipality_code\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP CONSTRAINT \"case_corporation_id_check\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP COLUMN \"corporation_id\"");
    // Refused (case_team_fkey) while the budget coach holds cases: going back must not drop referrals silently.
    await queryRunner.query("DELETE FROM \"team\" WHERE \"id\" = 'budget-coach'");
    await queryRunner.query("ALTER TABLE \"team\" DROP CONSTRAINT \"team_kind_check\"");
    await queryRunner.query("ALTER TABLE \"team\" DROP COLUMN \"kind\"");
  }
}
