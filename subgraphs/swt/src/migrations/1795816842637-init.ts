import type { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795816842637 implements MigrationInterface {
  name = "Init1795816842637";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"team\" (\"id\" text NOT NULL, \"name\" text NOT NULL, \"municipality_code\" text NOT NULL, CONSTRAINT \"team_municipality_code_check\" CHECK (\"municipality_code\" ~ '^[0-9]{4}$'), CONSTRAINT \"team_pkey\" PRIMARY KEY (\"id\"))");
    // The covenant's teams as they stood when the graph started (TEAMS in shared/covenant): a case must
    // always find its team, also on a database that never ran the demo seed. Later changes of teams
    // are migrations of their own, so this list stays as it was.
    await queryRunner.query(
      "INSERT INTO \"team\" (\"id\", \"name\", \"municipality_code\") VALUES " +
        "('haarlem-centrum', 'Sociaal Wijkteam Haarlem Centrum', '0392'), " +
        "('haarlem-noord', 'Sociaal Wijkteam Haarlem Noord', '0392'), " +
        "('haarlem-oost', 'Sociaal Wijkteam Haarlem Oost', '0392'), " +
        "('haarlem-schalkwijk', 'Sociaal Wijkteam Haarlem Schalkwijk', '0392'), " +
        "('haarlem-zuidwest', 'Sociaal Wijkteam Haarlem Zuid-West', '0392'), " +
        "('zandvoort', 'Sociaal Wijkteam Zandvoort', '0473')",
    );
    await queryRunner.query("CREATE TABLE \"case\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"team_id\" text NOT NULL, \"tenant_id\" uuid NOT NULL, \"status\" text NOT NULL, \"opened_on\" date NOT NULL, \"closed_on\" date, \"outcome\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"case_closed_check\" CHECK ((\"status\" = 'CLOSED') = (\"closed_on\" IS NOT NULL) AND (\"closed_on\" IS NULL OR \"closed_on\" >= \"opened_on\")), CONSTRAINT \"case_outcome_check\" CHECK (\"outcome\" IS NULL OR \"outcome\" IN ('BUDGET_ADVICE_OR_QUICK_FIX', 'NO_CONTACT_POSSIBLE', 'NO_RESPONSE_AFTER_EARLIER_CONTACT', 'ALREADY_KNOWN_AT_DEBT_HELP', 'OTHER_TRAJECTORY_RUNNING', 'ALREADY_PAID_OR_ARRANGED', 'DECEASED', 'ARRANGES_IT_THEMSELVES', 'NOT_TAKEN_UP_OTHER_REASON', 'NOT_TAKEN_UP_REPEATED_SIGNAL', 'NOT_TAKEN_UP_UNJUSTIFIED_SIGNAL', 'NOT_A_RESIDENT', 'FOLLOW_UP_HELP_OR_REFERRAL', 'FOLLOW_UP_HELP_OR_REFERRAL_FINANCIAL', 'FOLLOW_UP_HELP_OR_REFERRAL_NON_FINANCIAL', 'REFERRAL_WITHOUT_RESIDENT')), CONSTRAINT \"case_status_check\" CHECK (\"status\" IN ('OPEN', 'IN_TREATMENT', 'CLOSED')), CONSTRAINT \"case_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"case_tenant_idx\" ON \"case\"  (\"tenant_id\") ");
    await queryRunner.query("CREATE INDEX \"case_team_opened_on_idx\" ON \"case\"  (\"team_id\", \"opened_on\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"case_opened_on_idx\" ON \"case\"  (\"opened_on\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"case_note\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"case_id\" uuid NOT NULL, \"text\" text NOT NULL, \"author\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"case_note_text_check\" CHECK (length(btrim(\"text\")) > 0), CONSTRAINT \"case_note_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"case_note_case_created_idx\" ON \"case_note\"  (\"case_id\", \"created_at\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"case_signal\" (\"signal_id\" uuid NOT NULL, \"case_id\" uuid NOT NULL, \"position\" integer NOT NULL, \"joined_on\" date NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"case_signal_position_check\" CHECK (\"position\" >= 1), CONSTRAINT \"case_signal_pkey\" PRIMARY KEY (\"signal_id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"case_signal_case_position_key\" ON \"case_signal\"  (\"case_id\", \"position\") ");
    await queryRunner.query("CREATE TABLE \"contact_attempt\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"case_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"reached\" boolean NOT NULL, \"attempted_on\" date NOT NULL, \"part_of_day\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"contact_attempt_part_of_day_check\" CHECK (\"part_of_day\" IN ('MORNING', 'AFTERNOON', 'EVENING')), CONSTRAINT \"contact_attempt_kind_check\" CHECK (\"kind\" IN ('ADMINISTRATIEF', 'AFSPRAAK_OP_LOCATIE', 'BRIEF', 'HUISBEZOEK', 'KAARTJE', 'MAIL', 'ONBEKEND', 'OVERIGE', 'SMS_WHATSAPP', 'TELEFOON')), CONSTRAINT \"contact_attempt_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"contact_attempt_case_on_idx\" ON \"contact_attempt\"  (\"case_id\", \"attempted_on\", \"id\") ");
    await queryRunner.query("CREATE TABLE \"feedback\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"case_id\" uuid NOT NULL, \"given_on\" date NOT NULL, \"contact_made\" boolean NOT NULL, \"taken_into_treatment\" boolean NOT NULL, \"collection_can_be_suspended\" boolean NOT NULL, \"payments_resume_on\" date, \"arrears_arrangement\" text, \"not_taken_up_for_other_reason\" boolean NOT NULL DEFAULT false, \"reason_not_taken_up\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"feedback_reason_check\" CHECK (\"reason_not_taken_up\" IS NULL OR \"not_taken_up_for_other_reason\"), CONSTRAINT \"feedback_not_taken_up_check\" CHECK (NOT (\"not_taken_up_for_other_reason\" AND \"taken_into_treatment\")), CONSTRAINT \"feedback_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"feedback_case_key\" ON \"feedback\"  (\"case_id\") ");
    await queryRunner.query("CREATE TABLE \"household_profile\" (\"tenant_id\" uuid NOT NULL, \"known_since\" date, \"children_under_18\" boolean NOT NULL, \"member_65_plus\" boolean NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"household_profile_pkey\" PRIMARY KEY (\"tenant_id\"))");
    await queryRunner.query("ALTER TABLE \"case\" ADD CONSTRAINT \"case_team_fkey\" FOREIGN KEY (\"team_id\") REFERENCES \"team\"(\"id\") ON DELETE RESTRICT ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"case_note\" ADD CONSTRAINT \"case_note_case_fkey\" FOREIGN KEY (\"case_id\") REFERENCES \"case\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"case_signal\" ADD CONSTRAINT \"case_signal_case_fkey\" FOREIGN KEY (\"case_id\") REFERENCES \"case\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"contact_attempt\" ADD CONSTRAINT \"contact_attempt_case_fkey\" FOREIGN KEY (\"case_id\") REFERENCES \"case\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"feedback\" ADD CONSTRAINT \"feedback_case_fkey\" FOREIGN KEY (\"case_id\") REFERENCES \"case\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feedback\" DROP CONSTRAINT \"feedback_case_fkey\"");
    await queryRunner.query("ALTER TABLE \"contact_attempt\" DROP CONSTRAINT \"contact_attempt_case_fkey\"");
    await queryRunner.query("ALTER TABLE \"case_signal\" DROP CONSTRAINT \"case_signal_case_fkey\"");
    await queryRunner.query("ALTER TABLE \"case_note\" DROP CONSTRAINT \"case_note_case_fkey\"");
    await queryRunner.query("ALTER TABLE \"case\" DROP CONSTRAINT \"case_team_fkey\"");
    await queryRunner.query("DROP TABLE \"household_profile\"");
    await queryRunner.query("DROP INDEX \"public\".\"feedback_case_key\"");
    await queryRunner.query("DROP TABLE \"feedback\"");
    await queryRunner.query("DROP INDEX \"public\".\"contact_attempt_case_on_idx\"");
    await queryRunner.query("DROP TABLE \"contact_attempt\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_signal_case_position_key\"");
    await queryRunner.query("DROP TABLE \"case_signal\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_note_case_created_idx\"");
    await queryRunner.query("DROP TABLE \"case_note\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_opened_on_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_team_opened_on_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"case_tenant_idx\"");
    await queryRunner.query("DROP TABLE \"case\"");
    await queryRunner.query("DROP TABLE \"team\"");
  }
}
