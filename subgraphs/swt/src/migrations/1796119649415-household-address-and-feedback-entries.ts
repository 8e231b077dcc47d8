import type { MigrationInterface, QueryRunner } from "typeorm";
import type { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { feedbackDueOn } from "../../../shared/src/covenant/working-days.js";

/**
 * Household profiles keyed by address (what the SWT knows), with the tenant link of existing profiles
 * kept; the feedback conversation (entries after the first feedback); and a feedback term per signal
 * of a case.
 */

export class HouseholdAddressAndFeedbackEntries1796119649415 implements MigrationInterface {
  name = "HouseholdAddressAndFeedbackEntries1796119649415";

  public async up(queryRunner: QueryRunner): Promise<void> {
    // The feedback conversation: entries after the first feedback on a case. The first feedback stays
    // where it is (table feedback) and is the first entry of each case's history.
    await queryRunner.query("CREATE TABLE \"feedback_entry\" (\"id\" uuid NOT NULL DEFAULT gen_random_uuid(), \"case_id\" uuid NOT NULL, \"kind\" text NOT NULL, \"signal_id\" uuid, \"given_on\" date NOT NULL, \"effective_on\" date, \"monthly_amount_cents\" integer, \"replaces_id\" uuid, \"contact_made\" boolean, \"taken_into_treatment\" boolean, \"collection_can_be_suspended\" boolean, \"payments_resume_on\" date, \"not_taken_up_for_other_reason\" boolean, \"reason_not_taken_up\" text, \"created_at\" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT \"feedback_entry_reason_check\" CHECK (\"reason_not_taken_up\" IS NULL OR \"not_taken_up_for_other_reason\"), CONSTRAINT \"feedback_entry_not_taken_up_check\" CHECK (NOT coalesce(\"not_taken_up_for_other_reason\", false) OR (NOT \"taken_into_treatment\" AND NOT \"collection_can_be_suspended\" AND \"payments_resume_on\" IS NULL)), CONSTRAINT \"feedback_entry_amount_check\" CHECK (\"monthly_amount_cents\" IS NULL OR (\"kind\" = 'ARRANGEMENT_AGREED' AND \"monthly_amount_cents\" > 0)), CONSTRAINT \"feedback_entry_effective_on_check\" CHECK ((\"effective_on\" IS NOT NULL) = (\"kind\" IN ('ARRANGEMENT_AGREED', 'COLLECTION_MAY_RESUME'))), CONSTRAINT \"feedback_entry_first_check\" CHECK ((\"kind\" = 'FIRST') = (\"contact_made\" IS NOT NULL AND \"taken_into_treatment\" IS NOT NULL AND \"collection_can_be_suspended\" IS NOT NULL AND \"not_taken_up_for_other_reason\" IS NOT NULL)), CONSTRAINT \"feedback_entry_kind_check\" CHECK (\"kind\" IN ('FIRST', 'HELP_ACCEPTED', 'ARRANGEMENT_AGREED', 'COLLECTION_MAY_RESUME', 'CASE_CLOSED')), CONSTRAINT \"feedback_entry_pkey\" PRIMARY KEY (\"id\"))");
    await queryRunner.query("CREATE UNIQUE INDEX \"feedback_entry_first_key\" ON \"feedback_entry\"  (\"signal_id\") WHERE \"kind\" = 'FIRST' AND \"replaces_id\" IS NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"feedback_entry_replaces_key\" ON \"feedback_entry\"  (\"replaces_id\") WHERE \"replaces_id\" IS NOT NULL");
    await queryRunner.query("CREATE INDEX \"feedback_entry_case_idx\" ON \"feedback_entry\"  (\"case_id\", \"given_on\") ");
    await queryRunner.query("ALTER TABLE \"feedback_entry\" ADD CONSTRAINT \"feedback_entry_case_fkey\" FOREIGN KEY (\"case_id\") REFERENCES \"case\"(\"id\") ON DELETE CASCADE ON UPDATE NO ACTION");

    // Each signal of a case gets a feedback term of its own. The signal that opened a case has the
    // case's; a signal that joined earlier was not recorded with its phase, so its term is counted
    // from the day it joined in the case's phase.
    await queryRunner.query("ALTER TABLE \"case_signal\" ADD \"feedback_due_on\" date");
    await queryRunner.query(
      "UPDATE \"case_signal\" s SET \"feedback_due_on\" = c.\"feedback_due_on\" FROM \"case\" c WHERE c.\"id\" = s.\"case_id\" AND s.\"position\" = 1",
    );
    const joined: { joinedOn: string; phase: Phase }[] = await queryRunner.query(
      "SELECT DISTINCT s.\"joined_on\"::text AS \"joinedOn\", c.\"feedback_phase\" AS phase FROM \"case_signal\" s JOIN \"case\" c ON c.\"id\" = s.\"case_id\" WHERE s.\"position\" > 1",
    );
    for (const { joinedOn, phase } of joined) {
      await queryRunner.query(
        "UPDATE \"case_signal\" s SET \"feedback_due_on\" = $3 FROM \"case\" c WHERE c.\"id\" = s.\"case_id\" AND s.\"position\" > 1 AND s.\"joined_on\" = $1 AND c.\"feedback_phase\" = $2",
        [joinedOn, phase, feedbackDueOn(joinedOn, phase)],
      );
    }

    // Household profiles are recorded by address from now on. An existing profile keeps its tenant
    // link (the SWT never knew that tenant's address) and keeps working through it; it gets an id of
    // its own, and the address when the team records the household again.
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD \"id\" uuid NOT NULL DEFAULT gen_random_uuid()");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD \"postcode\" text");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD \"house_number\" integer");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD \"house_number_addition\" text NOT NULL DEFAULT ''");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD \"municipality_code\" text");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD \"recorded_by_team\" text");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP CONSTRAINT \"household_profile_pkey\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD CONSTRAINT \"household_profile_pkey\" PRIMARY KEY (\"id\")");
    await queryRunner.query("ALTER TABLE \"household_profile\" ALTER COLUMN \"tenant_id\" DROP NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"household_profile_address_key\" ON \"household_profile\"  (\"postcode\", \"house_number\", \"house_number_addition\") WHERE \"postcode\" IS NOT NULL");
    await queryRunner.query("CREATE UNIQUE INDEX \"household_profile_tenant_key\" ON \"household_profile\"  (\"tenant_id\") WHERE \"tenant_id\" IS NOT NULL");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD CONSTRAINT \"household_profile_address_check\" CHECK ((\"postcode\" IS NULL) = (\"house_number\" IS NULL) AND (\"postcode\" IS NULL) = (\"municipality_code\" IS NULL) AND (\"postcode\" IS NULL OR \"postcode\" ~ '^[1-9][0-9]{3} [A-Z]{2}$') AND (\"house_number\" IS NULL OR \"house_number\" BETWEEN 1 AND 99999) AND \"house_number_addition\" ~ '^[A-Z0-9]{0,6}$')");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD CONSTRAINT \"household_profile_key_check\" CHECK (\"tenant_id\" IS NOT NULL OR \"postcode\" IS NOT NULL)");
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query("ALTER TABLE \"feedback_entry\" DROP CONSTRAINT \"feedback_entry_case_fkey\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP CONSTRAINT \"household_profile_key_check\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP CONSTRAINT \"household_profile_address_check\"");
    await queryRunner.query("DROP INDEX \"public\".\"household_profile_tenant_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"household_profile_address_key\"");
    // Profiles recorded by address alone cannot be keyed by tenant again.
    await queryRunner.query("DELETE FROM \"household_profile\" WHERE \"tenant_id\" IS NULL");
    await queryRunner.query("ALTER TABLE \"household_profile\" ALTER COLUMN \"tenant_id\" SET NOT NULL");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP COLUMN \"recorded_by_team\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP COLUMN \"municipality_code\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP COLUMN \"house_number_addition\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP COLUMN \"house_number\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP COLUMN \"postcode\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP CONSTRAINT \"household_profile_pkey\"");
    await queryRunner.query("ALTER TABLE \"household_profile\" ADD CONSTRAINT \"household_profile_pkey\" PRIMARY KEY (\"tenant_id\")");
    await queryRunner.query("ALTER TABLE \"household_profile\" DROP COLUMN \"id\"");
    await queryRunner.query("ALTER TABLE \"case_signal\" DROP COLUMN \"feedback_due_on\"");
    await queryRunner.query("DROP INDEX \"public\".\"feedback_entry_case_idx\"");
    await queryRunner.query("DROP INDEX \"public\".\"feedback_entry_replaces_key\"");
    await queryRunner.query("DROP INDEX \"public\".\"feedback_entry_first_key\"");
    await queryRunner.query("DROP TABLE \"feedback_entry\"");
  }
}
