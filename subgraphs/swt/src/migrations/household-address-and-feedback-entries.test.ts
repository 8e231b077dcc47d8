import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import { openDataSource } from "../../../shared/src/database.js";
import { CasePolicy } from "../case/case.policy.js";
import { entities } from "../entities.js";
import { FeedbackEntryService } from "../feedback/feedback-entry.service.js";
import { HouseholdProfileService } from "../household-profile/household-profile.service.js";
import { HouseholdAddressAndFeedbackEntries1796119649415 } from "./1796119649415-household-address-and-feedback-entries.js";
import { migrations } from "./index.js";

describe("the migration that keys households by address and makes feedback a conversation", () => {
  const databases = freshDatabaseUrls();
  afterAll(() => databases.drop());

  it("upgrades a database seeded before it: profiles keep working by their tenant, the feedback becomes the first entry, each signal gets its term", async () => {
    const before = await openDataSource({
      url: databases.urls.swt,
      entities,
      migrations: migrations.slice(0, migrations.indexOf(HouseholdAddressAndFeedbackEntries1796119649415)),
    });
    const db = before.dataSource;
    const tenant = { vulnerable: randomUUID(), plain: randomUUID() };
    const signal = { opening: randomUUID(), joined: randomUUID(), other: randomUUID() };
    await db.query(
      `insert into household_profile (tenant_id, known_since, children_under_18, member_65_plus) values ($1, '2024-03-01', true, false), ($2, '2024-03-01', false, false)`,
      [tenant.vulnerable, tenant.plain],
    );
    // A case in collection forwarded the Friday before King's Day 2026, with a signal that joined it on 4 May.
    const [kase] = await db.query(
      `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on)
       values ('haarlem-schalkwijk', $1, 'elan-wonen', '0392', 'IN_TREATMENT', '2026-04-24', '2026-04-24', 'COLLECTION', '2026-05-04') returning id`,
      [tenant.vulnerable],
    );
    const [otherCase] = await db.query(
      `insert into "case" (team_id, tenant_id, corporation_id, municipality_code, status, opened_on, forwarded_on, feedback_phase, feedback_due_on)
       values ('haarlem-schalkwijk', $1, 'elan-wonen', '0392', 'OPEN', '2026-03-06', '2026-03-06', 'ARREARS', '2026-03-20') returning id`,
      [tenant.plain],
    );
    await db.query(`insert into case_signal (signal_id, case_id, position, joined_on) values ($1, $3, 1, '2026-04-24'), ($2, $3, 2, '2026-05-04'), ($4, $5, 1, '2026-03-06')`, [
      signal.opening,
      signal.joined,
      kase.id,
      signal.other,
      otherCase.id,
    ]);
    const [feedback] = await db.query(
      `insert into feedback (case_id, given_on, contact_made, taken_into_treatment, collection_can_be_suspended, payments_resume_on, arrears_arrangement)
       values ($1, '2026-04-30', true, true, true, '2026-06-01', 'EUR 50 a month') returning id`,
      [kase.id],
    );
    await db.destroy();

    const after = await openDataSource({ url: databases.urls.swt, entities, migrations });
    const upgraded = after.dataSource;
    try {
      const profiles: Record<string, unknown>[] = await upgraded.query(
        `select tenant_id as "tenantId", postcode, house_number as "houseNumber", house_number_addition as "addition", known_since::text as "knownSince", (id is not null) as "hasId" from household_profile order by tenant_id`,
      );
      expect(profiles).toEqual(
        [tenant.vulnerable, tenant.plain].sort().map((tenantId) => ({ tenantId, postcode: null, houseNumber: null, addition: "", knownSince: "2024-03-01", hasId: true })),
      );
      // The derived fact and the team's own reading still find them by tenant.
      expect(await new HouseholdProfileService(upgraded, new CasePolicy(identities.sdvHaarlem)).facts([{ tenantId: tenant.vulnerable }, { tenantId: tenant.plain }])).toEqual([
        { tenantId: tenant.vulnerable, priorityThreeApplies: true },
      ]);
      const read = await new HouseholdProfileService(upgraded, new CasePolicy(identities.swtSchalkwijk)).byTenantIds([tenant.vulnerable]);
      expect(read[0]).toMatchObject({ tenantId: tenant.vulnerable, childrenUnder18: true });

      // The opening signal keeps the case's term; the joined one is counted from its day in the case's phase
      // (five working days from Monday 4 May: 5 May does not count).
      const terms: { signalId: string; dueOn: string }[] = await upgraded.query(`select signal_id as "signalId", feedback_due_on::text as "dueOn" from case_signal`);
      expect(new Map(terms.map((t) => [t.signalId, t.dueOn]))).toEqual(
        new Map([
          [signal.opening, "2026-05-04"],
          [signal.joined, "2026-05-12"],
          [signal.other, "2026-03-20"],
        ]),
      );

      const [history, none] = await new FeedbackEntryService(upgraded, new CasePolicy(identities.elanWonen)).historyByCaseIds([kase.id, otherCase.id]);
      expect(history).toEqual([
        expect.objectContaining({
          id: feedback.id,
          kind: "FIRST",
          signalId: signal.opening,
          givenOn: "2026-04-30",
          contactMade: true,
          collectionCanBeSuspended: true,
          replacedByEntryId: null,
        }),
      ]);
      expect(none).toEqual([]);
      const status = await new FeedbackEntryService(upgraded, new CasePolicy(identities.elanWonen)).statusBySignalIds([signal.opening, signal.joined]);
      expect(status.map((s) => [s.feedbackDueOn, s.firstFeedbackOn])).toEqual([
        ["2026-05-04", "2026-04-30"],
        ["2026-05-12", null],
      ]);
    } finally {
      await upgraded.destroy();
    }
  });
});
