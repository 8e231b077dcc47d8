import type { MigrationInterface, QueryRunner } from "typeorm";

export class IntakeRouting1795819227791 implements MigrationInterface {
  name = "IntakeRouting1795819227791";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"priority_revision\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"signal_id\" uuid NOT NULL, \"level\" text NOT NULL, \"rule\" text NOT NULL, \"reason\" text NOT NULL, \"inputs\" jsonb NOT NULL, \"threshold_id\" uuid NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"override_level\" text, \"override_reason\" text, \"overridden_by\" text, \"forwarded_to\" text, \"forwarded_team_id\" text, \"forwarded_on\" date, \"revision\" text NOT NULL, \"revised_by\" text NOT NULL, \"revised_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"priority_revision_forwarded_to_check\" CHECK (\"forwarded_to\" IS NULL OR \"forwarded_to\" IN ('SWT', 'BUDGET_COACH')), CONSTRAINT \"priority_revision_kind_check\" CHECK (\"revision\" IN ('RECOMPUTED', 'OVERRIDDEN')), CONSTRAINT \"priority_revision_override_level_check\" CHECK (\"override_level\" IS NULL OR \"override_level\" IN ('I', 'II', 'III', 'IV')), CONSTRAINT \"priority_revision_level_check\" CHECK (\"level\" IN ('I', 'II', 'III', 'IV')), CONSTRAINT \"PK_3242705eb6e856e351d570f6c8e\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"priority_revision_signal_idx\" ON \"priority_revision\"  (\"signal_id\", \"revised_at\") ");
    await queryRunner.query("CREATE TABLE \"routing_area\" (\"postcode_area\" text NOT NULL, \"team_id\" text NOT NULL, \"updated_by\" text NOT NULL, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"routing_area_updated_by_check\" CHECK (length(trim(\"updated_by\")) > 0), CONSTRAINT \"routing_area_team_check\" CHECK (length(trim(\"team_id\")) > 0 AND \"team_id\" <> 'budget-coach'), CONSTRAINT \"routing_area_postcode_area_check\" CHECK (\"postcode_area\" ~ '^[1-9][0-9]{3}$'), CONSTRAINT \"routing_area_pkey\" PRIMARY KEY (\"postcode_area\"))");
    await queryRunner.query("ALTER TABLE \"signal\" ADD \"postcode_area\" text");
    await queryRunner.query("ALTER TABLE \"signal\" ADD \"signal_date\" date");
    // Signals recorded before intake kept a signal date were made on the Dutch day they were received.
    await queryRunner.query("UPDATE \"signal\" SET \"signal_date\" = (\"received_at\" AT TIME ZONE 'Europe/Amsterdam')::date");
    await queryRunner.query("ALTER TABLE \"signal\" ALTER COLUMN \"signal_date\" SET NOT NULL");
    // The budget coach is now named by its team id, as the swt subgraph keeps its referrals as cases of that team.
    await queryRunner.query("ALTER TABLE \"referral\" DROP CONSTRAINT \"referral_team_check\"");
    await queryRunner.query("UPDATE \"referral\" SET \"team_id\" = 'budget-coach' WHERE \"target\" = 'BUDGET_COACH'");
    await queryRunner.query("ALTER TABLE \"referral\" ALTER COLUMN \"team_id\" SET NOT NULL");
    await queryRunner.query(
      "ALTER TABLE \"referral\" ADD CONSTRAINT \"referral_team_check\" CHECK ((\"target\" = 'SWT' AND \"team_id\" <> 'budget-coach') OR (\"target\" = 'BUDGET_COACH' AND \"team_id\" = 'budget-coach'))",
    );
    // The covenant's neighbourhood teams and their postcode areas (TEAMS in shared/covenant at the time),
    // kept literal: a migration never changes, while the table is changed with setRoutingArea.
    await queryRunner.query(
      "INSERT INTO \"routing_area\" (\"postcode_area\", \"team_id\", \"updated_by\") SELECT area, team, 'covenant' FROM unnest($1::text[], $2::text[]) AS t(area, team) ON CONFLICT DO NOTHING",
      [
        ["2011", "2012", "2013", "2014", "2015", "2021", "2022", "2023", "2024", "2025", "2026", "2031", "2032", "2033", "2034", "2035", "2036", "2037", "2040", "2041", "2042"],
        [
          "haarlem-centrum", "haarlem-centrum", "haarlem-zuidwest", "haarlem-zuidwest", "haarlem-zuidwest",
          "haarlem-noord", "haarlem-noord", "haarlem-noord", "haarlem-noord", "haarlem-noord", "haarlem-zuidwest",
          "haarlem-oost", "haarlem-oost", "haarlem-oost", "haarlem-schalkwijk", "haarlem-schalkwijk", "haarlem-schalkwijk", "haarlem-schalkwijk",
          "zandvoort", "zandvoort", "zandvoort",
        ],
      ],
    );
    await queryRunner.query("ALTER TABLE \"signal\" ADD CONSTRAINT \"signal_postcode_area_check\" CHECK (\"postcode_area\" IS NULL OR \"postcode_area\" ~ '^[1-9][0-9]{3}$')");
    await queryRunner.query("ALTER TABLE \"priority_revision\" ADD CONSTRAINT \"priority_revision_signal_fkey\" FOREIGN KEY (\"signal_id\") REFERENCES \"signal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"priority_revision\" ADD CONSTRAINT \"priority_revision_threshold_fkey\" FOREIGN KEY (\"threshold_id\") REFERENCES \"threshold\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"priority_revision\" DROP CONSTRAINT \"priority_revision_threshold_fkey\"");
    await queryRunner.query("ALTER TABLE \"priority_revision\" DROP CONSTRAINT \"priority_revision_signal_fkey\"");
    await queryRunner.query("ALTER TABLE \"signal\" DROP CONSTRAINT \"signal_postcode_area_check\"");
    await queryRunner.query("ALTER TABLE \"referral\" DROP CONSTRAINT \"referral_team_check\"");
    await queryRunner.query("ALTER TABLE \"referral\" ALTER COLUMN \"team_id\" DROP NOT NULL");
    await queryRunner.query("UPDATE \"referral\" SET \"team_id\" = NULL WHERE \"target\" = 'BUDGET_COACH'");
    await queryRunner.query(
      "ALTER TABLE \"referral\" ADD CONSTRAINT \"referral_team_check\" CHECK ((\"target\" = 'SWT' AND \"team_id\" IS NOT NULL) OR (\"target\" = 'BUDGET_COACH' AND \"team_id\" IS NULL))",
    );
    await queryRunner.query("ALTER TABLE \"signal\" DROP COLUMN \"signal_date\"");
    await queryRunner.query("ALTER TABLE \"signal\" DROP COLUMN \"postcode_area\"");
    await queryRunner.query("DROP TABLE \"routing_area\"");
    await queryRunner.query("DROP INDEX \"public\".\"priority_revision_signal_idx\"");
    await queryRunner.query("DROP TABLE \"priority_revision\"");
  }
}
