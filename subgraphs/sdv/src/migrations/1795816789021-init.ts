import type { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795816789021 implements MigrationInterface {
  name = "Init1795816789021";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"signal\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"tenant_id\" uuid NOT NULL, \"corporation_id\" text NOT NULL, \"municipality_code\" text NOT NULL, \"reporting_month\" text NOT NULL, \"channel\" text NOT NULL, \"received_at\" TIMESTAMP(3) WITH TIME ZONE NOT NULL, \"delivered_amount_cents\" integer NOT NULL, \"delivered_phase\" text NOT NULL, \"delivered_bailiff_handover_on\" date, \"status\" text NOT NULL DEFAULT 'RECEIVED', \"previous_signal_id\" uuid, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"signal_corporation_tenant_month_key\" UNIQUE (\"corporation_id\", \"tenant_id\", \"reporting_month\"), CONSTRAINT \"signal_previous_not_self_check\" CHECK (\"previous_signal_id\" IS NULL OR \"previous_signal_id\" <> \"id\"), CONSTRAINT \"signal_municipality_code_check\" CHECK (\"municipality_code\" ~ '^[0-9]{4}$'), CONSTRAINT \"signal_reporting_month_check\" CHECK (\"reporting_month\" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT \"signal_delivered_amount_check\" CHECK (\"delivered_amount_cents\" > 0), CONSTRAINT \"signal_delivered_phase_check\" CHECK (\"delivered_phase\" IN ('ARREARS', 'COLLECTION', 'BAILIFF')), CONSTRAINT \"signal_status_check\" CHECK (\"status\" IN ('RECEIVED', 'FORWARDED', 'WITHDRAWN', 'CLOSED')), CONSTRAINT \"signal_channel_check\" CHECK (\"channel\" IN ('VPS', 'EMAIL')), CONSTRAINT \"PK_bc7222a78e5bc0403a1988c1daf\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"signal_previous_idx\" ON \"signal\"  (\"previous_signal_id\") ");
    await queryRunner.query("CREATE INDEX \"signal_tenant_received_idx\" ON \"signal\"  (\"tenant_id\", \"received_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"signal_municipality_received_idx\" ON \"signal\"  (\"municipality_code\", \"received_at\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"signal_received_idx\" ON \"signal\"  (\"received_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"threshold\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"amount_cents\" integer NOT NULL, \"valid_from\" date NOT NULL, \"set_by\" text NOT NULL, \"reason\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"threshold_set_by_check\" CHECK (length(trim(\"set_by\")) > 0), CONSTRAINT \"threshold_reason_check\" CHECK (length(trim(\"reason\")) > 0), CONSTRAINT \"threshold_amount_check\" CHECK (\"amount_cents\" > 0), CONSTRAINT \"PK_6276e42ead158fe923697343a38\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"threshold_valid_from_idx\" ON \"threshold\"  (\"valid_from\", \"created_at\") ");
    await queryRunner.query("CREATE TABLE \"priority\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"signal_id\" uuid NOT NULL, \"level\" text NOT NULL, \"rule\" text NOT NULL, \"reason\" text NOT NULL, \"inputs\" jsonb NOT NULL, \"threshold_id\" uuid NOT NULL, \"computed_at\" TIMESTAMP WITH TIME ZONE NOT NULL, \"override_level\" text, \"override_reason\" text, \"overridden_by\" text, \"overridden_at\" TIMESTAMP WITH TIME ZONE, CONSTRAINT \"priority_signal_key\" UNIQUE (\"signal_id\"), CONSTRAINT \"priority_rule_check\" CHECK (\"rule\" ~ '^(I|II|III|IV)\\.[A-Z0-9_]+$' AND split_part(\"rule\", '.', 1) = \"level\"), CONSTRAINT \"priority_override_complete_check\" CHECK ((\"override_level\" IS NULL AND \"override_reason\" IS NULL AND \"overridden_by\" IS NULL AND \"overridden_at\" IS NULL)\n    OR (\"override_level\" IS NOT NULL AND length(trim(\"override_reason\")) > 0 AND \"overridden_by\" IS NOT NULL AND \"overridden_at\" IS NOT NULL)), CONSTRAINT \"priority_override_level_check\" CHECK (\"override_level\" IS NULL OR \"override_level\" IN ('I', 'II', 'III', 'IV')), CONSTRAINT \"priority_level_check\" CHECK (\"level\" IN ('I', 'II', 'III', 'IV')), CONSTRAINT \"PK_413921aa4a118e20f361ceba8b4\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"priority_threshold_idx\" ON \"priority\"  (\"threshold_id\") ");
    await queryRunner.query("CREATE TABLE \"referral\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"signal_id\" uuid NOT NULL, \"target\" text NOT NULL, \"team_id\" text, \"forwarded_on\" date NOT NULL, \"forwarded_at\" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT \"referral_signal_key\" UNIQUE (\"signal_id\"), CONSTRAINT \"referral_team_check\" CHECK ((\"target\" = 'SWT' AND \"team_id\" IS NOT NULL) OR (\"target\" = 'BUDGET_COACH' AND \"team_id\" IS NULL)), CONSTRAINT \"referral_target_check\" CHECK (\"target\" IN ('SWT', 'BUDGET_COACH')), CONSTRAINT \"PK_a2d3e935a6591168066defec5ad\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"referral_team_idx\" ON \"referral\"  (\"team_id\") ");
    await queryRunner.query("ALTER TABLE \"signal\" ADD CONSTRAINT \"signal_previous_signal_fkey\" FOREIGN KEY (\"previous_signal_id\") REFERENCES \"signal\"(\"id\") ON DELETE SET NULL ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"priority\" ADD CONSTRAINT \"priority_signal_fkey\" FOREIGN KEY (\"signal_id\") REFERENCES \"signal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"priority\" ADD CONSTRAINT \"priority_threshold_fkey\" FOREIGN KEY (\"threshold_id\") REFERENCES \"threshold\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"referral\" ADD CONSTRAINT \"referral_signal_fkey\" FOREIGN KEY (\"signal_id\") REFERENCES \"signal\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    // The covenant's default threshold (EUR 75, Divosa) is in force from the start, in every database,
    // so a priority can always name the threshold it used. Kept literal: a migration never changes.
    await queryRunner.query(
      "INSERT INTO \"threshold\" (\"id\", \"amount_cents\", \"valid_from\", \"set_by\", \"reason\") VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
      [
        "5d0b6a4e-7500-4c0e-8a21-000000007500",
        7500,
        "2021-04-01",
        "covenant",
        "Default of the covenant's start: the addendum leaves the amount to be chosen in phase I (footnote 1); EUR 75 is the amount most Dutch municipalities that use a threshold choose (Divosa).",
      ],
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"referral\" DROP CONSTRAINT \"referral_signal_fkey\"");
    await queryRunner.query("ALTER TABLE \"priority\" DROP CONSTRAINT \"priority_threshold_fkey\"");
    await queryRunner.query("ALTER TABLE \"priority\" DROP CONSTRAINT \"priority_signal_fkey\"");
    await queryRunner.query("ALTER TABLE \"signal\" DROP CONSTRAINT \"signal_previous_signal_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"referral_team_idx\"");
    await queryRunner.query("DROP TABLE \"referral\"");
    await queryRunner.query("DROP INDEX \"public\".\"priority_threshold_idx\"");
    await queryRunner.query("DROP TABLE \"priority\"");
    await queryRunner.query("DROP INDEX \"public\".\"threshold_valid_from_idx\"");
    await queryRunner.query("DROP TABLE \"threshold\"");
    await queryRunner.query("DROP INDEX \"public\".\"signal_received_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"signal_municipality_received_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"signal_tenant_received_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"signal_previous_idx\"");
    await queryRunner.query("DROP TABLE \"signal\"");
  }
}
