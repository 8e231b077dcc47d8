import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { swtSubgraph } from "../index.js";
import { insertCaseWithCasework, insertHouseholdProfile, rowsMentioning, tablesOf, tallyOf } from "./erasure.fixture.js";

const ERASE = `mutation($tenantIds: [ID!]!) { eraseHouseholdsOfTenants(tenantIds: $tenantIds) }`;

describe("eraseHouseholdsOfTenants: the SWT's copies go when a tenant objects (Art. 3.4)", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(swtSubgraph);
  });
  afterAll(() => subgraph?.stop());

  async function erase(identity: Identity, tenantIds: string[]) {
    return subgraph.query<{ eraseHouseholdsOfTenants: number }>(identity, ERASE, { tenantIds });
  }

  async function erasureLog(): Promise<Record<string, any>[]> {
    return subgraph.db.query(`select * from erasure_log order by at, id`);
  }

  it("after a corporation's erasure, no row in any swt table mentions the tenant, its cases or their records, and the log holds counts only", async () => {
    const tenantId = randomUUID();
    const open = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen", openedOn: "2019-03-04", signals: 2 });
    const closed = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen", openedOn: "2019-03-11", status: "CLOSED", closedOn: "2019-05-01" });
    await insertHouseholdProfile(subgraph.db, tenantId);
    const traces = [tenantId, ...open.ids, ...closed.ids];
    expect(Object.keys(await rowsMentioning(subgraph.db, traces)).sort()).toEqual([
      "case",
      "case_note",
      "case_signal",
      "contact_attempt",
      "feedback",
      "feedback_entry",
      "household_profile",
    ]);
    const logBefore = (await erasureLog()).length;

    const result = await erase(identities.elanWonen, [tenantId]);
    expect(result.errors).toBeUndefined();
    expect(result.data?.eraseHouseholdsOfTenants).toBe(2);

    // Every table of the database is searched, whatever tables the subgraph has by now.
    expect(tablesOf(subgraph.db)).toEqual(
      expect.arrayContaining(["case", "case_note", "case_signal", "contact_attempt", "feedback", "feedback_entry", "household_profile", "erasure_log"]),
    );
    expect(await rowsMentioning(subgraph.db, traces)).toEqual({});

    const log = (await erasureLog()).slice(logBefore);
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      reason: "OBJECTION",
      actor_role: "CORPORATION",
      actor_organisations: ["elan-wonen"],
      counts: { case: 2, case_signal: 3, contact_attempt: 2, case_note: 2, feedback: 2, feedback_entry: 2, household_profile: 1 },
    });
    // Apart from the entry's own id and the request's, no id of anything: not of the tenant, a case or a record of it.
    const { id: _own, request_id: requestId, ...entry } = log[0]!;
    expect(requestId).toEqual(expect.any(String));
    expect(JSON.stringify(entry)).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i);
  });

  it("the erased cases stay in the covenant's monitoring: they are added to the anonymous tally first", async () => {
    const tenantId = randomUUID();
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "pre-wonen", openedOn: "2018-07-02" });
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "pre-wonen", openedOn: "2018-07-16", status: "CLOSED", closedOn: "2018-08-01" });
    expect(await tallyOf(subgraph.db, "2018-07", "pre-wonen")).toEqual({});

    expect((await erase(identities.preWonen, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(2);
    expect(await tallyOf(subgraph.db, "2018-07", "pre-wonen")).toMatchObject({ OPENED: 2, CONTACT_MADE: 2, FEEDBACK_GIVEN: 2 });
  });

  it("a case the household accepted into treatment is kept with what the household gave the team; the corporation's signals and its link to the corporation go", async () => {
    for (const seed of [
      { status: "IN_TREATMENT" as const, openedOn: "2015-02-06" },
      // Closed after treatment: the feedback says the household accepted it.
      { status: "CLOSED" as const, openedOn: "2015-02-13", closedOn: "2015-04-03", takenIntoTreatment: true },
    ]) {
      const tenantId = randomUUID();
      const kept = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen", signals: 2, ...seed });
      await insertHouseholdProfile(subgraph.db, tenantId);

      const result = await erase(identities.elanWonen, [tenantId]);
      expect(result.errors).toBeUndefined();
      expect(result.data?.eraseHouseholdsOfTenants).toBe(0);

      // The signals (the corporation's data) are gone; the case, attempts, notes, arrangements and profile stay.
      expect(await rowsMentioning(subgraph.db, kept.signalIds)).toEqual({});
      expect(await rowsMentioning(subgraph.db, [kept.caseId])).toMatchObject({ case: 1, contact_attempt: 1, case_note: 1, feedback: 1 });
      const [row] = await subgraph.db.query(`select corporation_id, status from "case" where id = $1`, [kept.caseId]);
      expect(row).toEqual({ corporation_id: null, status: seed.status });
      expect((await subgraph.db.query(`select count(*)::int as n from household_profile where tenant_id = $1`, [tenantId]))[0].n).toBe(1);
      // Still counted in the monitoring, now through the tally, and never again by a second erasure.
      expect(await tallyOf(subgraph.db, "2015-02", "elan-wonen")).toMatchObject({ OPENED: seed.status === "CLOSED" ? 2 : 1 });
      expect((await erase(identities.elanWonen, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(0);
      expect((await tallyOf(subgraph.db, "2015-02", "elan-wonen")).OPENED).toBe(seed.status === "CLOSED" ? 2 : 1);
    }
  });

  it("an open case, where the household has not accepted anything yet, is erased whole, beside a kept one", async () => {
    const tenantId = randomUUID();
    const open = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "ymere", openedOn: "2016-05-02" });
    const treated = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "ymere", openedOn: "2016-05-09", status: "IN_TREATMENT" });
    expect((await erase(identities.ymere, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(1);
    expect(await rowsMentioning(subgraph.db, open.ids)).toEqual({});
    expect(await rowsMentioning(subgraph.db, [treated.caseId])).toMatchObject({ case: 1 });
  });

  it("another corporation's case of the same tenant id stays, with its records and the household profile", async () => {
    const tenantId = randomUUID();
    const elans = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen" });
    const ymeres = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "ymere", signals: 2 });
    await insertHouseholdProfile(subgraph.db, tenantId);

    expect((await erase(identities.elanWonen, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(1);
    expect(await rowsMentioning(subgraph.db, elans.ids)).toEqual({});
    expect(await rowsMentioning(subgraph.db, ymeres.ids)).toEqual({ case: 1, case_signal: 2, contact_attempt: 1, case_note: 1, feedback: 1, feedback_entry: 1 });
    expect(await rowsMentioning(subgraph.db, [tenantId])).toEqual({ case: 1, household_profile: 1 });

    // When that corporation's tenant objects too, the last case goes, and the profile with it.
    expect((await erase(identities.ymere, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(1);
    expect(await rowsMentioning(subgraph.db, [tenantId, ...ymeres.ids])).toEqual({});
  });

  it("a case that names no corporation is nobody's to erase, and keeps the household profile", async () => {
    const tenantId = randomUUID();
    const unnamed = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: null });
    await insertHouseholdProfile(subgraph.db, tenantId);
    expect((await erase(identities.elanWonen, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(0);
    expect(await rowsMentioning(subgraph.db, [tenantId, ...unnamed.ids])).toMatchObject({ case: 1, household_profile: 1 });
  });

  it("is idempotent: a second call erases 0 and logs nothing", async () => {
    const tenantId = randomUUID();
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "ymere" });
    await insertHouseholdProfile(subgraph.db, tenantId);
    expect((await erase(identities.ymere, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(1);
    const logged = (await erasureLog()).length;
    const tally = await tallyOf(subgraph.db, "2026-03", "ymere");

    const again = await erase(identities.ymere, [tenantId, tenantId]);
    expect(again.errors).toBeUndefined();
    expect(again.data?.eraseHouseholdsOfTenants).toBe(0);
    expect((await erasureLog()).length).toBe(logged);
    expect(await tallyOf(subgraph.db, "2026-03", "ymere")).toEqual(tally);
  });

  it("two erasures of the same tenant at the same moment erase and count its cases once", async () => {
    const tenantId = randomUUID();
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen", openedOn: "2017-02-06" });
    await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen", openedOn: "2017-02-13" });
    const answers = await Promise.all([erase(identities.elanWonen, [tenantId]), erase(identities.elanWonen, [tenantId])]);
    expect(answers.map((answer) => answer.data?.eraseHouseholdsOfTenants).sort()).toEqual([0, 2]);
    expect((await tallyOf(subgraph.db, "2017-02", "elan-wonen")).OPENED).toBe(2);
  });

  it("a tenant with only a household profile, and no case, has the profile erased", async () => {
    const tenantId = randomUUID();
    await insertHouseholdProfile(subgraph.db, tenantId);
    const logged = (await erasureLog()).length;
    expect((await erase(identities.preWonen, [tenantId])).data?.eraseHouseholdsOfTenants).toBe(0);
    expect(await rowsMentioning(subgraph.db, [tenantId])).toEqual({});
    const [entry] = (await erasureLog()).slice(logged);
    expect(entry?.counts).toEqual({ case: 0, case_signal: 0, contact_attempt: 0, case_note: 0, feedback: 0, feedback_entry: 0, household_profile: 1 });
  });

  it.each([
    ["an SDV worker", identities.sdvHaarlem],
    ["an SWT worker", identities.swtSchalkwijk],
    ["a budget coach", identities.budgetCoach],
    ["an analyst", identities.analyst],
    ["the coordinator", identities.coordinator],
  ])("%s cannot erase a household: FORBIDDEN, and everything stays", async (_who, identity) => {
    const tenantId = randomUUID();
    const kase = await insertCaseWithCasework(subgraph.db, { tenantId, corporationId: "elan-wonen" });
    const result = await erase(identity, [tenantId]);
    expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["FORBIDDEN"]);
    expect(await rowsMentioning(subgraph.db, [kase.caseId])).toMatchObject({ case: 1 });
  });

  it("more than 1000 tenant ids are refused with BAD_USER_INPUT that says to split the call; ids that are no uuids are passed over", async () => {
    const tooMany = await erase(
      identities.elanWonen,
      Array.from({ length: 1001 }, () => randomUUID()),
    );
    expect(tooMany.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "tenantIds" });
    expect(tooMany.errors?.[0]?.message).toMatch(/at most 1000 per call/);

    const before = subgraph.statements();
    const odd = await erase(identities.elanWonen, ["not-a-uuid", "'; drop table household_profile; --"]);
    expect(odd.data?.eraseHouseholdsOfTenants).toBe(0);
    expect(subgraph.statements() - before).toBe(0);
  });

  it("is hidden from the public graph (@inaccessible) and open to corporations only", async () => {
    const result = await subgraph.query(identities.elanWonen, `{ _service { sdl } }`);
    const sdl: string = result.data?._service.sdl;
    expect(sdl).toMatch(/eraseHouseholdsOfTenants\(tenantIds: \[ID!\]!\): Int! @inaccessible @requiresScopes\(scopes: \[\["role:CORPORATION"\]\]\)/);
  });

  it("the erasure log is append-only: an entry can be neither changed nor removed", async () => {
    const [entry] = await subgraph.db.query(`insert into erasure_log (reason, counts) values ('RETENTION', '{"case": 1}') returning id`);
    for (const statement of [`update erasure_log set counts = '{}' where id = $1`, `delete from erasure_log where id = $1`]) {
      await expect(subgraph.db.query(statement, [entry.id])).rejects.toThrow(/erasure_log is append-only/);
    }
    await expect(subgraph.db.query(`truncate erasure_log`)).rejects.toThrow(/erasure_log is append-only/);
    const [kept] = await subgraph.db.query(`select counts from erasure_log where id = $1`, [entry.id]);
    expect(kept.counts).toEqual({ case: 1 });
  });
});
