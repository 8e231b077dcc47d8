import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Cases, closures, erasure and refusals in sdv: the case each forwarding opened at the swt subgraph
 * (referral.case_id), the day a signal's case was closed (signal.closed_on), the refused intake items
 * kept for monitoring (intake_refusal) and the log of erasures (erasure_log).
 */
export class CasesAndErasure1795823966391 implements MigrationInterface {
  name = "CasesAndErasure1795823966391";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"erasure_log\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"reason\" text NOT NULL, \"actor_role\" text, \"actor_organisations\" text array NOT NULL DEFAULT '{}', \"counts\" jsonb NOT NULL, \"request_id\" text, CONSTRAINT \"erasure_log_reason_check\" CHECK (\"reason\" IN ('OBJECTION', 'RETENTION')), CONSTRAINT \"erasure_log_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"erasure_log_at_idx\" ON \"erasure_log\"  (\"at\") ");
    await queryRunner.query("CREATE TABLE \"intake_refusal\" (\"corporation_id\" text NOT NULL, \"reporting_month\" text NOT NULL, \"reference_digest\" text NOT NULL, \"code\" text NOT NULL, \"municipality_code\" text, \"tenant_id\" uuid, \"first_refused_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"intake_refusal_municipality_code_check\" CHECK (\"municipality_code\" IS NULL OR \"municipality_code\" ~ '^[0-9]{4}$'), CONSTRAINT \"intake_refusal_code_check\" CHECK (\"code\" ~ '^[A-Z][A-Z_]*$'), CONSTRAINT \"intake_refusal_reference_digest_check\" CHECK (\"reference_digest\" ~ '^[0-9a-f]{64}$'), CONSTRAINT \"intake_refusal_reporting_month_check\" CHECK (\"reporting_month\" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT \"intake_refusal_pkey\" PRIMARY KEY (\"corporation_id\", \"reporting_month\", \"reference_digest\", \"code\"))");
    await queryRunner.query("CREATE INDEX \"intake_refusal_tenant_idx\" ON \"intake_refusal\"  (\"tenant_id\") ");
    await queryRunner.query("CREATE INDEX \"intake_refusal_first_refused_idx\" ON \"intake_refusal\"  (\"first_refused_at\") ");
    await queryRunner.query("ALTER TABLE \"signal\" ADD \"closed_on\" date");
    // Signals closed before the closing day was kept: their retention period runs from this day, the
    // last day they can have been closed, so that none is erased before its time.
    await queryRunner.query("UPDATE \"signal\" SET \"closed_on\" = (now() AT TIME ZONE 'Europe/Amsterdam')::date WHERE \"status\" = 'CLOSED'");
    await queryRunner.query("ALTER TABLE \"referral\" ADD \"case_id\" uuid");
    await queryRunner.query("ALTER TABLE \"referral\" ADD \"case_team_id\" text");
    await queryRunner.query("CREATE INDEX \"referral_case_pending_idx\" ON \"referral\"  (\"signal_id\") WHERE \"case_id\" IS NULL");
    await queryRunner.query("ALTER TABLE \"signal\" ADD CONSTRAINT \"signal_closed_on_check\" CHECK (\"closed_on\" IS NULL OR \"status\" = 'CLOSED')");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"signal\" DROP CONSTRAINT \"signal_closed_on_check\"");
    await queryRunner.query("DROP INDEX \"public\".\"referral_case_pending_idx\"");
    await queryRunner.query("ALTER TABLE \"referral\" DROP COLUMN \"case_team_id\"");
    await queryRunner.query("ALTER TABLE \"referral\" DROP COLUMN \"case_id\"");
    await queryRunner.query("ALTER TABLE \"signal\" DROP COLUMN \"closed_on\"");
    await queryRunner.query("DROP INDEX \"public\".\"intake_refusal_first_refused_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"intake_refusal_tenant_idx\"");
    await queryRunner.query("DROP TABLE \"intake_refusal\"");
    await queryRunner.query("DROP INDEX \"public\".\"erasure_log_at_idx\"");
    await queryRunner.query("DROP TABLE \"erasure_log\"");
  }
}
