import type { MigrationInterface, QueryRunner } from "typeorm";

/**
 * The routing table is keyed by municipality and postcode area (an area can straddle a border),
 * covers every area of Haarlem and Zandvoort, and keeps its history; every forwarding of a signal is
 * recorded, and a forwarding that moves a signal to another holder says so to swt.
 */
export class RoutingByMunicipality1795829000000 implements MigrationInterface {
  name = "RoutingByMunicipality1795829000000";

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "routing_area" ADD "municipality_code" text`);
    // Existing rows: the municipality of the team they point at (the teams of the covenant at the time,
    // kept literal); a row that named no such team takes the municipality whose range holds the area.
    await queryRunner.query(
      `UPDATE "routing_area" a SET "municipality_code" = COALESCE(
         (SELECT t.code FROM unnest($1::text[], $2::text[]) AS t(team, code) WHERE t.team = a."team_id"),
         CASE WHEN a."postcode_area" IN ('2040', '2041', '2042', '2116') THEN '0473' ELSE '0392' END)`,
      [
        ["haarlem-centrum", "haarlem-noord", "haarlem-oost", "haarlem-schalkwijk", "haarlem-zuidwest", "zandvoort"],
        ["0392", "0392", "0392", "0392", "0392", "0473"],
      ],
    );
    await queryRunner.query(`ALTER TABLE "routing_area" ALTER COLUMN "municipality_code" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "routing_area" DROP CONSTRAINT "routing_area_pkey"`);
    await queryRunner.query(`ALTER TABLE "routing_area" ADD CONSTRAINT "routing_area_pkey" PRIMARY KEY ("municipality_code", "postcode_area")`);
    await queryRunner.query(`ALTER TABLE "routing_area" ADD CONSTRAINT "routing_area_municipality_code_check" CHECK ("municipality_code" ~ '^[0-9]{4}$')`);
    await queryRunner.query(
      `CREATE TABLE "routing_area_change" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "municipality_code" text NOT NULL, "postcode_area" text NOT NULL, "from_team_id" text, "to_team_id" text, "changed_by" text NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "routing_area_change_teams_check" CHECK ("from_team_id" IS NOT NULL OR "to_team_id" IS NOT NULL), CONSTRAINT "routing_area_change_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "routing_area_change_area_idx" ON "routing_area_change" ("municipality_code", "postcode_area", "changed_at")`);
    // What stood is the first entry of each row's history.
    await queryRunner.query(
      `INSERT INTO "routing_area_change" ("municipality_code", "postcode_area", "from_team_id", "to_team_id", "changed_by", "changed_at")
       SELECT "municipality_code", "postcode_area", NULL, "team_id", "updated_by", "updated_at" FROM "routing_area"`,
    );
    // The complete table (POSTCODE_AREAS in shared/covenant at the time, kept literal); rows already
    // there, possibly changed by SDV, stay as they are.
    const areas: [string, string, string][] = [
      ["0392", "2011", "haarlem-centrum"], ["0392", "2012", "haarlem-centrum"], ["0392", "2013", "haarlem-zuidwest"],
      ["0392", "2014", "haarlem-zuidwest"], ["0392", "2015", "haarlem-zuidwest"], ["0392", "2021", "haarlem-noord"],
      ["0392", "2022", "haarlem-noord"], ["0392", "2023", "haarlem-noord"], ["0392", "2024", "haarlem-noord"],
      ["0392", "2025", "haarlem-noord"], ["0392", "2026", "haarlem-zuidwest"], ["0392", "2031", "haarlem-oost"],
      ["0392", "2032", "haarlem-oost"], ["0392", "2033", "haarlem-oost"], ["0392", "2034", "haarlem-schalkwijk"],
      ["0392", "2035", "haarlem-schalkwijk"], ["0392", "2036", "haarlem-schalkwijk"], ["0392", "2037", "haarlem-schalkwijk"],
      ["0392", "2064", "haarlem-noord"], ["0392", "2065", "haarlem-noord"],
      ["0473", "2040", "zandvoort"], ["0473", "2041", "zandvoort"], ["0473", "2042", "zandvoort"], ["0473", "2116", "zandvoort"],
    ];
    await queryRunner.query(
      `WITH added AS (
         INSERT INTO "routing_area" ("municipality_code", "postcode_area", "team_id", "updated_by", "updated_at")
         SELECT m, a, t, 'covenant', now() FROM unnest($1::text[], $2::text[], $3::text[]) AS x(m, a, t)
         ON CONFLICT ("municipality_code", "postcode_area") DO NOTHING
         RETURNING "municipality_code", "postcode_area", "team_id", "updated_at"
       )
       INSERT INTO "routing_area_change" ("municipality_code", "postcode_area", "from_team_id", "to_team_id", "changed_by", "changed_at")
       SELECT "municipality_code", "postcode_area", NULL, "team_id", 'covenant', "updated_at" FROM added`,
      [areas.map((a) => a[0]), areas.map((a) => a[1]), areas.map((a) => a[2])],
    );

    await queryRunner.query(`ALTER TABLE "referral" ADD "case_move" boolean NOT NULL DEFAULT false`);
    await queryRunner.query(
      `CREATE TABLE "forwarding_record" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "signal_id" uuid NOT NULL, "kind" text NOT NULL, "from_target" text, "from_team_id" text, "to_target" text NOT NULL, "to_team_id" text NOT NULL, "forwarded_on" date NOT NULL, "forwarded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "forwarded_by" text NOT NULL, "reason" text, CONSTRAINT "forwarding_record_kind_check" CHECK ("kind" IN ('RECEIPT', 'ROUTING_AREA', 'PRIORITY', 'REROUTE', 'HAND_OVER')), CONSTRAINT "forwarding_record_target_check" CHECK ("to_target" IN ('SWT', 'BUDGET_COACH')), CONSTRAINT "forwarding_record_pkey" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "forwarding_record_signal_idx" ON "forwarding_record" ("signal_id", "forwarded_at")`);
    await queryRunner.query(
      `ALTER TABLE "forwarding_record" ADD CONSTRAINT "forwarding_record_signal_fkey" FOREIGN KEY ("signal_id") REFERENCES "signal"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // The forwardings in force become the first record of each signal's history; who made them was not kept.
    await queryRunner.query(
      `INSERT INTO "forwarding_record" ("signal_id", "kind", "to_target", "to_team_id", "forwarded_on", "forwarded_at", "forwarded_by")
       SELECT "signal_id", 'RECEIPT', "target", "team_id", "forwarded_on", "forwarded_at", 'unknown (before forwardings were recorded)' FROM "referral"`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "forwarding_record"`);
    await queryRunner.query(`ALTER TABLE "referral" DROP COLUMN "case_move"`);
    await queryRunner.query(`DROP TABLE "routing_area_change"`);
    // One row per area again: Zandvoort's rows keep areas only Zandvoort has, Haarlem's win elsewhere.
    await queryRunner.query(
      `DELETE FROM "routing_area" a USING "routing_area" b WHERE a."postcode_area" = b."postcode_area" AND a."municipality_code" > b."municipality_code"`,
    );
    await queryRunner.query(`ALTER TABLE "routing_area" DROP CONSTRAINT "routing_area_municipality_code_check"`);
    await queryRunner.query(`ALTER TABLE "routing_area" DROP CONSTRAINT "routing_area_pkey"`);
    await queryRunner.query(`ALTER TABLE "routing_area" DROP COLUMN "municipality_code"`);
    await queryRunner.query(`ALTER TABLE "routing_area" ADD CONSTRAINT "routing_area_pkey" PRIMARY KEY ("postcode_area")`);
  }
}
