import type { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795816856008 implements MigrationInterface {
  name = "Init1795816856008";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"tenant\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"corporation_id\" text NOT NULL, \"reference\" text NOT NULL, \"name\" text NOT NULL, \"birth_date\" date, \"phone\" text, \"email\" text, \"sector\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"address_street\" text NOT NULL, \"address_house_number\" text NOT NULL, \"address_postcode\" text NOT NULL, \"address_city\" text NOT NULL, \"address_municipality_code\" text NOT NULL, CONSTRAINT \"tenant_sector_check\" CHECK (\"sector\" IN ('SOCIAL', 'FREE')), CONSTRAINT \"tenant_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"tenant_corporation_name_idx\" ON \"tenant\"  (\"corporation_id\", \"name\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"tenant_corporation_reference_key\" ON \"tenant\"  (\"corporation_id\", \"reference\") ");
    await queryRunner.query("CREATE TABLE \"arrears\" (\"tenant_id\" uuid NOT NULL, \"amount_cents\" integer NOT NULL, \"since\" date NOT NULL, \"phase\" text NOT NULL, \"bailiff_handover_on\" date, \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"arrears_phase_check\" CHECK (\"phase\" IN ('ARREARS', 'COLLECTION', 'BAILIFF')), CONSTRAINT \"arrears_amount_cents_check\" CHECK (\"amount_cents\" > 0), CONSTRAINT \"arrears_pkey\" PRIMARY KEY (\"tenant_id\"))");
    await queryRunner.query("CREATE TABLE \"collection_step\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"corporation_id\" text NOT NULL, \"tenant_id\" uuid NOT NULL, \"reference\" text NOT NULL, \"kind\" text NOT NULL, \"taken_on\" date NOT NULL, \"taken_by\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"collection_step_kind_check\" CHECK (\"kind\" IN ('PAYMENT_REMINDER', 'PERSONAL_CONTACT_ATTEMPT', 'DEBT_HELP_REFERRAL', 'DATA_SHARING_NOTICE')), CONSTRAINT \"collection_step_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"collection_step_tenant_taken_on_idx\" ON \"collection_step\"  (\"tenant_id\", \"taken_on\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"collection_step_corporation_reference_key\" ON \"collection_step\"  (\"corporation_id\", \"reference\") ");
    await queryRunner.query("CREATE TABLE \"objection\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"corporation_id\" text NOT NULL, \"tenant_id\" uuid NOT NULL, \"reference\" text NOT NULL, \"recorded_on\" date NOT NULL, \"withdrawn_on\" date, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"objection_withdrawn_after_recorded_check\" CHECK (\"withdrawn_on\" IS NULL OR \"withdrawn_on\" >= \"recorded_on\"), CONSTRAINT \"objection_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"objection_tenant_idx\" ON \"objection\"  (\"tenant_id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"objection_corporation_reference_key\" ON \"objection\"  (\"corporation_id\", \"reference\") ");
    await queryRunner.query("CREATE TABLE \"register_entry\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"corporation_id\" text NOT NULL, \"reference\" text NOT NULL, \"kind\" text NOT NULL, \"occurred_on\" date NOT NULL, \"municipality_code\" text NOT NULL, \"with_children\" boolean NOT NULL, \"aged65_plus\" boolean NOT NULL, \"reason\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"register_entry_kind_check\" CHECK (\"kind\" IN ('EVICTION', 'KEYS_RETURNED', 'EVICTION_PREVENTED')), CONSTRAINT \"register_entry_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"register_entry_corporation_occurred_on_idx\" ON \"register_entry\"  (\"corporation_id\", \"occurred_on\", \"id\") ");
    await queryRunner.query("CREATE INDEX \"register_entry_occurred_on_idx\" ON \"register_entry\"  (\"occurred_on\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"register_entry_corporation_reference_key\" ON \"register_entry\"  (\"corporation_id\", \"reference\") ");
    await queryRunner.query("ALTER TABLE \"arrears\" ADD CONSTRAINT \"arrears_tenant_fkey\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenant\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"collection_step\" ADD CONSTRAINT \"collection_step_tenant_fkey\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenant\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
    await queryRunner.query("ALTER TABLE \"objection\" ADD CONSTRAINT \"objection_tenant_fkey\" FOREIGN KEY (\"tenant_id\") REFERENCES \"tenant\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"objection\" DROP CONSTRAINT \"objection_tenant_fkey\"");
    await queryRunner.query("ALTER TABLE \"collection_step\" DROP CONSTRAINT \"collection_step_tenant_fkey\"");
    await queryRunner.query("ALTER TABLE \"arrears\" DROP CONSTRAINT \"arrears_tenant_fkey\"");
    await queryRunner.query("DROP INDEX \"public\".\"register_entry_corporation_reference_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"register_entry_occurred_on_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"register_entry_corporation_occurred_on_idx\"");
    await queryRunner.query("DROP TABLE \"register_entry\"");
    await queryRunner.query("DROP INDEX \"public\".\"objection_corporation_reference_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"objection_tenant_idx\"");
    await queryRunner.query("DROP TABLE \"objection\"");
    await queryRunner.query("DROP INDEX \"public\".\"collection_step_corporation_reference_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"collection_step_tenant_taken_on_idx\"");
    await queryRunner.query("DROP TABLE \"collection_step\"");
    await queryRunner.query("DROP TABLE \"arrears\"");
    await queryRunner.query("DROP INDEX \"public\".\"tenant_corporation_reference_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"tenant_corporation_name_idx\"");
    await queryRunner.query("DROP TABLE \"tenant\"");
  }
}
