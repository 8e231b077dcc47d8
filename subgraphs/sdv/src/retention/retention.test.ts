import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal, type SignalSeed } from "../signal/signal.fixture.js";
import { retentionConfig } from "./retention.config.js";
import { retentionJobs, runRetention } from "./retention.service.js";

/** Retention: sdv erases what it no longer needs, on a schedule, and logs it. */
describe("retention: signals without a case after 6 months, closed cases after 24, refusals after 6", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  // With today 2027-06-15: uncased signals received before 2026-12-15, cases closed before 2025-06-15.
  const today = "2027-06-15";
  const ids: Record<string, string> = {};

  async function signal(name: string, seed: SignalSeed & { caseId?: string; closedOn?: string | null }) {
    const { caseId, closedOn, ...rest } = seed;
    const { id } = await insertSignal(subgraph.db, { priority: "II", ...rest });
    if (caseId) await subgraph.db.query(`update referral set case_id = $2 where signal_id = $1`, [id, caseId]);
    if (closedOn !== undefined) await subgraph.db.query(`update signal set closed_on = $2 where id = $1`, [id, closedOn]);
    ids[name] = id;
  }
  async function refusal(name: string, firstRefusedAt: string, municipalityCode: string | null, code = "COLLECTION_STEPS_INCOMPLETE") {
    const digest = randomUUID().replace(/-/g, "").padEnd(64, "0");
    await subgraph.db.query(
      `insert into intake_refusal (corporation_id, reporting_month, reference_digest, code, municipality_code, first_refused_at) values ('pre-wonen', '2026-11', $1, $2, $3, $4)`,
      [digest, code, municipalityCode, firstRefusedAt],
    );
    ids[name] = digest;
  }
  const exists = async (name: string) => (await subgraph.db.query(`select count(*)::int as n from signal where id = $1`, [ids[name]]))[0].n === 1;
  const refusalExists = async (name: string) => (await subgraph.db.query(`select count(*)::int as n from intake_refusal where reference_digest = $1`, [ids[name]]))[0].n === 1;
  const retentionLog = () => subgraph.db.query(`select actor_role, actor_organisations, request_id, counts from erasure_log where reason = 'RETENTION'`);
  const swt = { target: "SWT" as const, teamId: "haarlem-oost" };

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const month = { corporationId: "pre-wonen", reportingMonth: "2026-11" };
    // 00:30 on 15 December in Amsterdam is still 14 December in UTC: the Dutch day decides.
    await signal("receivedTheDayBefore", { ...month, receivedAt: "2026-12-14T12:00:00+01:00" });
    await signal("receivedOnTheDay", { ...month, receivedAt: "2026-12-15T00:30:00+01:00" });
    await signal("forwardedWithoutCase", { ...month, reportingMonth: "2026-05", status: "FORWARDED", receivedAt: "2026-06-01T10:00:00Z", forwardedTo: swt });
    await signal("forwardedWithCase", { ...month, reportingMonth: "2026-04", status: "FORWARDED", receivedAt: "2026-06-01T10:00:00Z", forwardedTo: swt, caseId: randomUUID() });
    await signal("closedLongAgo", {
      ...month,
      reportingMonth: "2025-03",
      status: "CLOSED",
      receivedAt: "2025-03-01T10:00:00Z",
      forwardedTo: swt,
      caseId: randomUUID(),
      closedOn: "2025-06-14",
    });
    await signal("closedOnTheDay", {
      ...month,
      reportingMonth: "2025-02",
      status: "CLOSED",
      receivedAt: "2025-03-01T10:00:00Z",
      forwardedTo: swt,
      caseId: randomUUID(),
      closedOn: "2025-06-15",
    });
    await signal("closedWithoutDay", { ...month, reportingMonth: "2025-01", status: "CLOSED", receivedAt: "2025-01-02T10:00:00Z", closedOn: null });
    await signal("withdrawnLongAgo", { ...month, reportingMonth: "2026-01", status: "WITHDRAWN", receivedAt: "2026-01-05T10:00:00Z" });
    await signal("recent", { ...month, reportingMonth: "2027-05", status: "FORWARDED", receivedAt: "2027-05-20T10:00:00Z", forwardedTo: swt });
    // A later signal of a household whose earlier signal is erased keeps no link to it.
    await subgraph.db.query(`update signal set previous_signal_id = $2 where id = $1`, [ids.recent, ids.forwardedWithoutCase]);
    await subgraph.db.query(
      `insert into priority_revision (signal_id, level, rule, reason, inputs, threshold_id, computed_at, revision, revised_by, revised_at)
       select signal_id, level, rule, reason, inputs, threshold_id, computed_at, 'RECOMPUTED', 'sdv-worker', now() from priority where signal_id = $1`,
      [ids.forwardedWithoutCase],
    );
    await refusal("refusedTheDayBefore", "2026-12-14T12:00:00+01:00", "0392");
    await refusal("refusedWithoutMunicipality", "2026-10-01T12:00:00Z", null, "TENANT_NOT_FOUND");
    await refusal("refusedOnTheDay", "2026-12-15T00:30:00+01:00", "0392");
  });
  afterAll(() => subgraph?.stop());

  it("erases by age from the day given, with priorities, revisions and forwardings; keeps what is younger or has a case", async () => {
    const counts = await runRetention(subgraph.db, today, retentionConfig({}));
    expect(counts).toEqual({ signal: 5, priority: 5, priority_revision: 1, referral: 2, intake_refusal: 2 });
    for (const name of ["receivedTheDayBefore", "forwardedWithoutCase", "closedLongAgo", "closedWithoutDay", "withdrawnLongAgo"]) expect(await exists(name), name).toBe(false);
    for (const name of ["receivedOnTheDay", "forwardedWithCase", "closedOnTheDay", "recent"]) expect(await exists(name), name).toBe(true);
    expect(await refusalExists("refusedTheDayBefore")).toBe(false);
    expect(await refusalExists("refusedWithoutMunicipality")).toBe(false);
    expect(await refusalExists("refusedOnTheDay")).toBe(true);
    expect((await subgraph.db.query(`select previous_signal_id from signal where id = $1`, [ids.recent]))[0].previous_signal_id).toBeNull();
    const [{ orphans }] = await subgraph.db.query(
      `select (select count(*) from priority p where not exists (select 1 from signal s where s.id = p.signal_id))
            + (select count(*) from referral r where not exists (select 1 from signal s where s.id = r.signal_id))
            + (select count(*) from priority_revision v where not exists (select 1 from signal s where s.id = v.signal_id)) as orphans`,
    );
    expect(orphans).toBe(0);
  });

  it("adds what it erased to the anonymous tally first, so monitoring does not change", async () => {
    const tally: { month: string; municipality_code: string; metric: string; count: number }[] = await subgraph.db.query(
      `select month, municipality_code, metric, count from signal_tally where corporation_id = 'pre-wonen' order by month, metric`,
    );
    expect(tally).toEqual(
      expect.arrayContaining([
        { month: "2026-11", municipality_code: "0392", metric: "RECEIVED", count: 1 },
        { month: "2026-05", municipality_code: "0392", metric: "FORWARDED_SWT", count: 1 },
        { month: "2025-03", municipality_code: "0392", metric: "PRIORITY_II", count: 1 },
        { month: "2026-11", municipality_code: "0392", metric: "REFUSED:COLLECTION_STEPS_INCOMPLETE", count: 1 },
      ]),
    );
    // A refusal without a municipality belongs to no cell of the monitoring, and is not tallied.
    expect(tally.filter((row) => row.metric.startsWith("REFUSED:TENANT_NOT_FOUND"))).toEqual([]);
  });

  it("logs one erasure with counts per table and no actor, ids or data", async () => {
    const log = await retentionLog();
    expect(log).toEqual([
      { actor_role: null, actor_organisations: [], request_id: null, counts: { signal: 5, priority: 5, priority_revision: 1, referral: 2, intake_refusal: 2 } },
    ]);
  });

  it("run twice, the second run erases nothing and logs nothing", async () => {
    const tally = await subgraph.db.query(`select * from signal_tally order by month, municipality_code, corporation_id, metric`);
    expect(await runRetention(subgraph.db, today, retentionConfig({}))).toEqual({ signal: 0, priority: 0, priority_revision: 0, referral: 0, intake_refusal: 0 });
    expect(await retentionLog()).toHaveLength(1);
    expect(await subgraph.db.query(`select * from signal_tally order by month, municipality_code, corporation_id, metric`)).toEqual(tally);
  });

  it("two runs at once erase and count each signal once", async () => {
    await signal("concurrent", { corporationId: "ymere", reportingMonth: "2026-02", receivedAt: "2026-02-02T10:00:00Z" });
    const results = await Promise.all([runRetention(subgraph.db, today, retentionConfig({})), runRetention(subgraph.db, today, retentionConfig({}))]);
    expect(results.map((r) => r.signal).sort()).toEqual([0, 1]);
    const [{ count }] = await subgraph.db.query(`select count from signal_tally where corporation_id = 'ymere' and month = '2026-02' and metric = 'RECEIVED'`);
    expect(count).toBe(1);
    expect(await retentionLog()).toHaveLength(2);
  });

  it("longer periods from the environment keep more", async () => {
    await signal("sevenMonths", { corporationId: "ymere", reportingMonth: "2026-10", receivedAt: "2026-11-10T10:00:00Z" });
    const config = retentionConfig({ RETENTION_UNCASED_SIGNAL_MONTHS: "12", RETENTION_CLOSED_CASE_MONTHS: "36" });
    expect((await runRetention(subgraph.db, today, config)).signal).toBe(0);
    expect(await exists("sevenMonths")).toBe(true);
    expect((await runRetention(subgraph.db, today, retentionConfig({}))).signal).toBe(1);
  });

  it("a day that is no date is refused", async () => {
    await expect(runRetention(subgraph.db, "15-06-2027")).rejects.toThrow(/today must be a date written as YYYY-MM-DD/);
  });
});

describe("the retention settings", () => {
  it("default to 6 months, 24 months and every 24 hours", () => {
    expect(retentionConfig({})).toEqual({ uncasedSignalMonths: 6, closedCaseMonths: 24, intervalHours: 24 });
    const [job] = retentionJobs({});
    expect(job).toMatchObject({ name: "sdv-retention", intervalMs: 24 * 3_600_000 });
  });

  it("a value that is no valid number stops the start with an error that names the variable", () => {
    expect(() => retentionConfig({ RETENTION_UNCASED_SIGNAL_MONTHS: "six" })).toThrow(/RETENTION_UNCASED_SIGNAL_MONTHS must be a whole number of months.*"six"/);
    expect(() => retentionConfig({ RETENTION_CLOSED_CASE_MONTHS: "0" })).toThrow(/RETENTION_CLOSED_CASE_MONTHS/);
    expect(() => retentionConfig({ RETENTION_CLOSED_CASE_MONTHS: "2.5" })).toThrow(/RETENTION_CLOSED_CASE_MONTHS/);
    expect(() => retentionJobs({ RETENTION_INTERVAL_HOURS: "-1" })).toThrow(/RETENTION_INTERVAL_HOURS must be a number of hours above 0/);
    expect(retentionJobs({ RETENTION_INTERVAL_HOURS: "0.5" })[0]!.intervalMs).toBe(1_800_000);
  });

  it("an interval longer than setInterval can wait (596 hours) stops the start instead of running the job without pause", () => {
    expect(() => retentionJobs({ RETENTION_INTERVAL_HOURS: "597" })).toThrow(/RETENTION_INTERVAL_HOURS must be a number of hours above 0 and at most 596/);
    expect(retentionJobs({ RETENTION_INTERVAL_HOURS: "596" })[0]!.intervalMs).toBeLessThanOrEqual(2 ** 31 - 1);
  });

  it("the sdv subgraph schedules the retention job", () => {
    expect(sdvSubgraph.scheduledJobs?.(undefined as never).map((job) => job.name)).toContain("sdv-retention");
  });
});
