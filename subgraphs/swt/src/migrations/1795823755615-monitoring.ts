import type { MigrationInterface, QueryRunner } from "typeorm";

export class Monitoring1795823755615 implements MigrationInterface {
  name = "Monitoring1795823755615";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE \"case_tally\" (\"month\" text NOT NULL, \"municipality_code\" text NOT NULL, \"corporation_id\" text NOT NULL, \"metric\" text NOT NULL, \"count\" integer NOT NULL, CONSTRAINT \"case_tally_count_check\" CHECK (\"count\" >= 0), CONSTRAINT \"case_tally_metric_check\" CHECK (length(trim(\"metric\")) > 0), CONSTRAINT \"case_tally_municipality_code_check\" CHECK (\"municipality_code\" ~ '^[0-9]{4}$'), CONSTRAINT \"case_tally_month_check\" CHECK (\"month\" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT \"case_tally_pkey\" PRIMARY KEY (\"month\", \"municipality_code\", \"corporation_id\", \"metric\"))",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"case_tally\"");
  }
}
