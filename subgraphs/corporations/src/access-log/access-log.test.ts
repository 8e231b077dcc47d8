import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph } from "../../../../test/support/subgraph.js";
import { AccessLogWriter } from "../../../shared/src/access-log.js";
import { corporationsSubgraph } from "../index.js";
import { insertArrearsAndSteps, insertTenants } from "../tenant/tenant.fixture.js";

const READ = `{ tenants(first: 500, filter: { corporationId: "elan-wonen" }) {
  edges { node { id name again: name phone arrears { amountCents } } } } }`;
const LOG = `query($first: Int!, $after: String, $filter: AccessLogFilter) {
  accessLog(first: $first, after: $after, filter: $filter) {
    edges { cursor node { readAt subject role organisations team personId fields operationName requestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe("the access log of personal data (AVG) in the corporations subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let elan: string[];
  const logOf = (personIds: string[]) => subgraph.db.query(`select * from access_log where person_id = ANY($1) order by person_id`, [personIds]) as Promise<Record<string, any>[]>;
  const count = async () => ((await subgraph.db.query(`select count(*)::int as count from access_log`)) as { count: number }[])[0]!.count;

  beforeAll(async () => {
    subgraph = await startTestSubgraph(corporationsSubgraph);
    elan = await insertTenants(subgraph.db, "elan-wonen", "EW-L", 3);
    await insertArrearsAndSteps(subgraph.db, "elan-wonen", elan);
    await subgraph.db.query(`update tenant set phone = '0623456789' where id = ANY($1)`, [elan]);
  });
  afterAll(() => subgraph?.stop());

  it("a read of contact data and arrears is logged once per person and request, with the fields read and none of the data", async () => {
    const result = await subgraph.query(identities.elanWonen, READ);
    expect(result.errors).toBeUndefined();
    expect(result.data?.tenants.edges).toHaveLength(3);

    const rows = await logOf(elan);
    expect(rows).toHaveLength(3);
    expect(new Set(rows.map((row) => row.request_id)).size).toBe(1);
    for (const row of rows) {
      expect(row).toMatchObject({
        subject: identities.elanWonen.sub,
        role: "CORPORATION",
        organisations: ["elan-wonen"],
        team: null,
        fields: ["Tenant.arrears", "Tenant.name", "Tenant.phone"],
      });
    }
    expect(rows.map((row) => row.person_id).sort()).toEqual([...elan].sort());
    // Not the name, the phone number, nor the amount: the log says what was read, never what it said.
    expect(JSON.stringify(rows)).not.toMatch(/Tenant EW-L|0623456789|12345/);
  });

  it("reading only a tenant's reference records nothing, and neither does a read the subgraph refused", async () => {
    const before = await count();
    const references = await subgraph.query(identities.elanWonen, `{ tenants(first: 500) { edges { node { id reference sector } } } }`);
    expect(references.errors).toBeUndefined();
    const refused = await subgraph.query(identities.analyst, `query($id: ID!) { tenant(id: $id) { name } }`, { id: elan[0] });
    expect(refused.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(await count()).toBe(before);
  });

  it.each([
    ["UPDATE", `update access_log set subject = 'someone-else'`],
    ["DELETE", `delete from access_log`],
    ["TRUNCATE", `truncate access_log`],
  ])("the database refuses %s on the access log, and the entries stay as they were", async (_op, sql) => {
    const before = await subgraph.db.query(`select * from access_log order by id`);
    expect(before.length).toBeGreaterThan(0);
    await expect(subgraph.db.query(sql)).rejects.toThrow(/append-only/);
    expect(await subgraph.db.query(`select * from access_log order by id`)).toEqual(before);
  });

  it("reads of requests answered at the same moment are each recorded with their own reader, in fewer statements than requests", async () => {
    const writer = new AccessLogWriter(subgraph.db);
    const readers = [identities.elanWonen, identities.preWonen, identities.ymere, identities.sdvHaarlem, identities.swtSchalkwijk, identities.budgetCoach];
    const before = subgraph.statements();
    await Promise.all(
      readers.map((identity, i) =>
        writer.write({ identity, requestId: `together-${i}`, operationName: `Read${i}`, persons: [elan[i % 3]!], fields: [["Tenant.name", `Tenant.f${i}`]] }),
      ),
    );
    // The first goes alone; the others, answered while it was written, go together in one statement.
    expect(subgraph.statements() - before).toBe(2);
    const rows = (await subgraph.db.query(`select * from access_log where request_id like 'together-%' order by request_id`)) as Record<string, any>[];
    expect(rows.map((row) => [row.request_id, row.subject, row.role, row.organisations, row.team, row.person_id, row.fields, row.operation_name])).toEqual(
      readers.map((identity, i) => [
        `together-${i}`,
        identity.sub,
        identity.role,
        identity.orgs,
        (identity as { team?: string }).team ?? null,
        elan[i % 3],
        ["Tenant.name", `Tenant.f${i}`],
        `Read${i}`,
      ]),
    );
  });

  it("a request whose reads cannot be recorded withholds its own answer only, not those written with it", async () => {
    const writer = new AccessLogWriter(subgraph.db);
    const write = (requestId: string, person: string) =>
      writer.write({ identity: identities.elanWonen, requestId, operationName: null, persons: [person], fields: [["Tenant.name"]] });
    const outcomes = await Promise.allSettled([write("apart-0", elan[0]!), write("apart-1", elan[1]!), write("apart-bad", "not-a-person-id"), write("apart-2", elan[2]!)]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    const rows = (await subgraph.db.query(`select request_id from access_log where request_id like 'apart-%' order by request_id`)) as { request_id: string }[];
    expect(rows.map((row) => row.request_id)).toEqual(["apart-0", "apart-1", "apart-2"]);
  });

  it("when the reads cannot be recorded, the data read is not sent either", async () => {
    await subgraph.db.query(`
      create function access_log_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'access log unavailable'; end $$`);
    await subgraph.db.query(`create trigger access_log_test_refuse before insert on access_log for each row execute function access_log_test_refuse()`);
    try {
      const result = await subgraph.query(identities.elanWonen, READ);
      expect(result.errors?.map((e) => e.extensions?.code)).toEqual(["ACCESS_LOG_FAILED"]);
      expect(result.data ?? null).toBeNull();
      expect(JSON.stringify(result)).not.toMatch(/Tenant EW-L/);
    } finally {
      await subgraph.db.query(`drop trigger access_log_test_refuse on access_log`);
      await subgraph.db.query(`drop function access_log_test_refuse()`);
    }
  });

  describe("reading the log", () => {
    let many: string[];
    beforeAll(async () => {
      many = await insertTenants(subgraph.db, "elan-wonen", "EW-M", 7);
      // Seven persons in one request: their entries share one instant, so only the id orders them.
      const result = await subgraph.query(identities.elanWonen, `query($ids: [_Any!]!) { _entities(representations: $ids) { ... on Tenant { name } } }`, {
        ids: many.map((id) => ({ __typename: "Tenant", id })),
      });
      expect(result.errors).toBeUndefined();
      await subgraph.query(identities.elanWonen, `query($id: ID!) { tenant(id: $id) { address { city } } }`, { id: many[0] });
    });

    it("the coordinator pages through the whole log, newest first, every entry once", async () => {
      const seen: { readAt: string; personId: string; requestId: string }[] = [];
      let after: string | null = null;
      for (let page = 0; page < 20; page++) {
        const result: any = await subgraph.query(identities.coordinator, LOG, { first: 3, after });
        expect(result.errors).toBeUndefined();
        seen.push(...result.data.accessLog.edges.map((e: any) => e.node));
        if (!result.data.accessLog.pageInfo.hasNextPage) break;
        after = result.data.accessLog.pageInfo.endCursor;
      }
      const total = await count();
      expect(seen).toHaveLength(total);
      expect(new Set(seen.map((e) => `${e.requestId}/${e.personId}`)).size).toBe(total);
      const instants = seen.map((e) => e.readAt);
      expect(instants).toEqual([...instants].sort().reverse());
      expect(seen[0]).toMatchObject({ personId: many[0], role: "CORPORATION", subject: identities.elanWonen.sub });
    });

    it("the coordinator can ask for the reads of one person", async () => {
      const result = await subgraph.query(identities.coordinator, LOG, { first: 50, filter: { personId: many[0] } });
      expect(result.errors).toBeUndefined();
      expect(result.data?.accessLog.edges.map((e: any) => e.node.fields)).toEqual([["Tenant.address"], ["Tenant.name"]]);
    });

    it("a period that ends before it begins is refused", async () => {
      const result = await subgraph.query(identities.coordinator, LOG, { first: 5, filter: { from: "2026-05-01T00:00:00Z", to: "2026-04-01T00:00:00Z" } });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it.each([
      ["a corporation, even about its own tenants", identities.elanWonen],
      ["an SDV worker", identities.sdvHaarlem],
      ["an SWT worker", identities.swtSchalkwijk],
      ["a budget coach", identities.budgetCoach],
      ["an analyst", identities.analyst],
    ])("%s cannot read the access log", async (_who, identity) => {
      const result = await subgraph.query(identity, LOG, { first: 5 });
      expect(result.errors?.[0]).toMatchObject({ path: ["accessLog"], extensions: { code: "FORBIDDEN" } });
      expect(result.data ?? null).toBeNull();
    });
  });
});
