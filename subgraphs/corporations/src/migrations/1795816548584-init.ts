import type { MigrationInterface, QueryRunner } from "typeorm";

export class Init1795816548584 implements MigrationInterface {
  name = "Init1795816548584";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("CREATE TABLE \"tenant\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"corporation_id\" text NOT NULL, \"reference\" text NOT NULL, \"name\" text NOT NULL, \"birth_date\" date, \"phone\" text, \"email\" text, \"sector\" text NOT NULL, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"updated_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), \"address_street\" text NOT NULL, \"address_house_number\" text NOT NULL, \"address_postcode\" text NOT NULL, \"address_city\" text NOT NULL, \"address_municipality_code\" text NOT NULL, CONSTRAINT \"PK_da8c6efd67bb301e810e56ac139\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE INDEX \"tenant_corporation_name_idx\" ON \"tenant\"  (\"corporation_id\", \"name\", \"id\") ");
    await queryRunner.query("CREATE UNIQUE INDEX \"tenant_corporation_reference_key\" ON \"tenant\"  (\"corporation_id\", \"reference\") ");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP INDEX \"public\".\"tenant_corporation_reference_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"tenant_corporation_name_idx\"");
    await queryRunner.query("DROP TABLE \"tenant\"");
  }
}
