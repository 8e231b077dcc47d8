import type { MigrationInterface, QueryRunner } from "typeorm";

export class Monitoring1795823755614 implements MigrationInterface {
  name = "Monitoring1795823755614";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      "CREATE TABLE \"signal_tally\" (\"month\" text NOT NULL, \"municipality_code\" text NOT NULL, \"corporation_id\" text NOT NULL, \"metric\" text NOT NULL, \"count\" integer NOT NULL, CONSTRAINT \"signal_tally_count_check\" CHECK (\"count\" >= 0), CONSTRAINT \"signal_tally_metric_check\" CHECK (length(trim(\"metric\")) > 0), CONSTRAINT \"signal_tally_municipality_code_check\" CHECK (\"municipality_code\" ~ '^[0-9]{4}$'), CONSTRAINT \"signal_tally_month_check\" CHECK (\"month\" ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'), CONSTRAINT \"signal_tally_pkey\" PRIMARY KEY (\"month\", \"municipality_code\", \"corporation_id\", \"metric\"))",
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("DROP TABLE \"signal_tally\"");
  }
}
