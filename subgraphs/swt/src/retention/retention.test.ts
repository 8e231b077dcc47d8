import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { insertCaseWithCasework, insertHouseholdProfile, rowsMentioning, tallyOf } from "../erasure/erasure.fixture.js";
import { swtSubgraph } from "../index.js";
import { DEFAULT_RETENTION, retentionConfigFromEnv } from "./retention.config.js";
import { retentionJob } from "./retention.job.js";
import { runRetention } from "./retention.service.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

const NOTHING = { case: 0, case_signal: 0, contact_attempt: 0, case_note: 0, feedback: 0, feedback_entry: 0, household_profile: 0 };

describe("retention: closed cases and idle household profiles are erased after 24 months", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  // As of 2026-06-15, 24 months back is 2024-06-15: anything closed (or updated) before that day goes.
  const today = "2026-06-15";
  const tenant = {
    expired: randomUUID(),
    closedOnTheDay: randomUUID(),
    openForYears: randomUUID(),
    inTreatment: randomUUID(),
    onlyIdleProfile: randomUUID(),
    onlyRecentProfile: randomUUID(),
  };
  let seeded: Record<string, { ids: string[] }>;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
    const db = subgraph.db;
    seeded = {
      expired: await insertCaseWithCasework(db, {
        tenantId: tenant.expired,
        corporationId: "elan-wonen",
        openedOn: "2024-01-08",
        status: "CLOSED",
        closedOn: "2024-06-14",
        signals: 2,
      }),
      closedOnTheDay: await insertCaseWithCasework(db, {
        tenantId: tenant.closedOnTheDay,
        corporationId: "ymere",
        openedOn: "2024-01-08",
        status: "CLOSED",
        closedOn: "2024-06-15",
      }),
      openForYears: await insertCaseWithCasework(db, { tenantId: tenant.openForYears, corporationId: "pre-wonen", openedOn: "2020-02-03" }),
      inTreatment: await insertCaseWithCasework(db, { tenantId: tenant.inTreatment, corporationId: "pre-wonen", openedOn: "2021-09-06", status: "IN_TREATMENT" }),
    };
    // Profiles not touched for years: the one of the expired case's household goes with it, those of
    // households with a live case stay.
    await insertHouseholdProfile(db, tenant.expired, "2023-02-01T10:00:00Z");
    await insertHouseholdProfile(db, tenant.openForYears, "2020-02-03T10:00:00Z");
    await insertHouseholdProfile(db, tenant.inTreatment, "2021-09-06T10:00:00Z");
    await insertHouseholdProfile(db, tenant.closedOnTheDay, "2022-01-01T10:00:00Z");
    // Known at the SWT without any case: kept while updated within the period.
    await insertHouseholdProfile(db, tenant.onlyIdleProfile, "2024-06-14T12:00:00Z");
    await insertHouseholdProfile(db, tenant.onlyRecentProfile, "2024-06-15T08:00:00Z");
  });
  afterAll(() => subgraph?.stop());

  it("erases, by age as of `today`, the closed case with all its records and the idle profiles; run again it erases 0 and logs once", async () => {
    const first = await runRetention(subgraph.db, today);
    expect(first).toEqual({ case: 1, case_signal: 2, contact_attempt: 1, case_note: 1, feedback: 1, feedback_entry: 1, household_profile: 2 });
    expect(await rowsMentioning(subgraph.db, [tenant.expired, ...seeded.expired!.ids])).toEqual({});
    expect(await rowsMentioning(subgraph.db, [tenant.onlyIdleProfile])).toEqual({});

    expect(await runRetention(subgraph.db, today)).toEqual(NOTHING);
    const log: Record<string, any>[] = await subgraph.db.query(`select * from erasure_log`);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ reason: "RETENTION", actor_role: null, actor_organisations: [], request_id: null, counts: first });
    // Apart from the entry's own id, no id of anything: not of a tenant, a case or a record of it.
    const { id: _own, ...entry } = log[0]!;
    expect(JSON.stringify(entry)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it("a case closed exactly 24 months ago, and open or in-treatment cases however old, are kept with their households' profiles", async () => {
    expect(await rowsMentioning(subgraph.db, [tenant.closedOnTheDay])).toEqual({ case: 1, household_profile: 1 });
    expect(await rowsMentioning(subgraph.db, [tenant.openForYears])).toEqual({ case: 1, household_profile: 1 });
    expect(await rowsMentioning(subgraph.db, [tenant.inTreatment])).toEqual({ case: 1, household_profile: 1 });
    expect(await rowsMentioning(subgraph.db, [tenant.onlyRecentProfile])).toEqual({ household_profile: 1 });
    for (const kept of ["closedOnTheDay", "openForYears", "inTreatment"]) {
      expect(await rowsMentioning(subgraph.db, seeded[kept]!.ids), kept).toMatchObject({
        case: 1,
        case_signal: 1,
        contact_attempt: 1,
        case_note: 1,
        feedback: 1,
        feedback_entry: 1,
      });
    }
  });

  it("the erased case stays in the covenant's monitoring through the anonymous tally", async () => {
    expect(await tallyOf(subgraph.db, "2024-01", "elan-wonen")).toMatchObject({ OPENED: 1, CONTACT_MADE: 1, FEEDBACK_GIVEN: 1 });
    expect(await tallyOf(subgraph.db, "2024-01", "ymere")).toEqual({});
  });

  it("a day later, the case closed on the cutoff day and the profile updated on it are due too", async () => {
    const next = await runRetention(subgraph.db, "2026-06-16");
    expect(next).toMatchObject({ case: 1, household_profile: 2 });
    expect(await rowsMentioning(subgraph.db, [tenant.closedOnTheDay, tenant.onlyRecentProfile])).toEqual({});
    expect(await subgraph.db.query(`select count(*)::int as count from erasure_log`)).toEqual([{ count: 2 }]);
  });

  it("RETENTION_CLOSED_CASE_MONTHS shortens or lengthens the period; a bad value is refused with what to set", async () => {
    expect(retentionConfigFromEnv({})).toEqual(DEFAULT_RETENTION);
    expect(retentionConfigFromEnv({ RETENTION_CLOSED_CASE_MONTHS: "36", RETENTION_INTERVAL_HOURS: "6" })).toEqual({ closedCaseMonths: 36, intervalHours: 6 });
    expect(() => retentionConfigFromEnv({ RETENTION_CLOSED_CASE_MONTHS: "two years" })).toThrow(
      /RETENTION_CLOSED_CASE_MONTHS must be a whole number of months from 1 to 1200; got "two years"/,
    );
    expect(() => retentionConfigFromEnv({ RETENTION_CLOSED_CASE_MONTHS: "0" })).toThrow(/RETENTION_CLOSED_CASE_MONTHS/);
    expect(() => retentionConfigFromEnv({ RETENTION_INTERVAL_HOURS: "-1" })).toThrow(/RETENTION_INTERVAL_HOURS must be a number of hours above 0/);
    expect(() => retentionConfigFromEnv({ RETENTION_INTERVAL_HOURS: "10000" })).toThrow(/at most 596/);

    const tenantId = randomUUID();
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "ymere", openedOn: "2025-01-06", status: "CLOSED", closedOn: "2025-02-03" });
    expect(await runRetention(subgraph.db, today, { closedCaseMonths: 24, intervalHours: 24 })).toMatchObject({ case: 0 });
    expect(await runRetention(subgraph.db, today, { closedCaseMonths: 12, intervalHours: 24 })).toMatchObject({ case: 1 });
    expect(await rowsMentioning(subgraph.db, [tenantId])).toEqual({});
  });

  it("a closed case whose closing has not reached sdv yet waits, so that sdv can still end its signals", async () => {
    const tenantId = randomUUID();
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "ymere", openedOn: "2020-01-06", status: "CLOSED", closedOn: "2020-02-03", closureReported: false });
    expect(await runRetention(subgraph.db, today, { closedCaseMonths: 24, intervalHours: 24 })).toMatchObject({ case: 0 });
    await subgraph.db.query(`update "case" set closure_reported_on = closed_on where tenant_id = $1`, [tenantId]);
    expect(await runRetention(subgraph.db, today, { closedCaseMonths: 24, intervalHours: 24 })).toMatchObject({ case: 1 });
    expect(await rowsMentioning(subgraph.db, [tenantId])).toEqual({});
  });

  it("the scheduled job runs retention every RETENTION_INTERVAL_HOURS hours, and the swt subgraph registers it", async () => {
    const job = retentionJob({ closedCaseMonths: 24, intervalHours: 24 });
    expect(job.intervalMs).toBe(24 * 3_600_000);
    expect(await job.run(subgraph.db)).toEqual(NOTHING);
    expect(swtSubgraph.scheduledJobs?.(subgraph.db).map((j) => j.name)).toEqual(["swt-retention"]);
  });

  it("two replicas running retention at the same moment erase, count and log each case once", async () => {
    const tenants = [randomUUID(), randomUUID()];
    for (const tenantId of tenants) {
      await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "pre-wonen", openedOn: "2019-04-01", status: "CLOSED", closedOn: "2019-05-06" });
    }
    const logged: { count: number }[] = await subgraph.db.query(`select count(*)::int as count from erasure_log`);
    const runs = await Promise.all([runRetention(subgraph.db, today), runRetention(subgraph.db, today)]);
    expect(runs[0]!.case + runs[1]!.case).toBe(2);
    expect((await tallyOf(subgraph.db, "2019-04", "pre-wonen")).OPENED).toBe(2);
    const entries: { counts: { case: number } }[] = await subgraph.db.query(`select counts from erasure_log order by at offset $1`, [logged[0]!.count]);
    expect(entries.reduce((sum, entry) => sum + entry.counts.case, 0)).toBe(2);
    expect(await rowsMentioning(subgraph.db, tenants)).toEqual({});
  });

  it("`today` defaults to today in the Netherlands and must be a date", async () => {
    expect(todayInNetherlands(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    await expect(runRetention(subgraph.db, "2026-02-30")).rejects.toThrow(/today must be a date as YYYY-MM-DD/);
  });
});
