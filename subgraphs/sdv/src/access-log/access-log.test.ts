import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { identities, startTestSubgraph, type GraphQLResponse } from "../../../../test/support/subgraph.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal } from "../signal/signal.fixture.js";

const PAGE = `query($first: Int, $after: String, $filter: SignalAccessLogFilter) {
  signalAccessLog(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id readAt subject role organisations team personId fields operationName requestId } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface Entry {
  id: string;
  readAt: string;
  subject: string;
  role: string;
  organisations: string[];
  team: string | null;
  personId: string;
  fields: string[];
}

/** AVG accountability in sdv: reads of a person's arrears are logged, the log cannot be altered, the coordinator reads it. */
describe("the sdv access log", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  const twice = randomUUID();
  const once = randomUUID();

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    // One household signalled in two months, another once; all forwarded to Schalkwijk.
    const toSchalkwijk = { target: "SWT", teamId: "haarlem-schalkwijk" } as const;
    await insertSignal(subgraph.db, { tenantId: twice, reportingMonth: "2026-08", priority: "II", forwardedTo: toSchalkwijk });
    await insertSignal(subgraph.db, { tenantId: twice, reportingMonth: "2026-09", priority: "II", forwardedTo: toSchalkwijk });
    await insertSignal(subgraph.db, { tenantId: once, reportingMonth: "2026-09", priority: "II", forwardedTo: toSchalkwijk });
  });
  afterAll(() => subgraph?.stop());

  /** Entries written since the current test began (the log cannot be emptied between tests). */
  let before: string[] = [];
  async function logged(): Promise<{ person_id: string; fields: string[]; subject: string; role: string; organisations: string[]; team: string | null; request_id: string }[]> {
    return subgraph.db.query(`select person_id, fields, subject, role, organisations, team, request_id from access_log where not (id = any($1::uuid[])) order by person_id`, [
      before,
    ]);
  }

  async function entries(filter?: Record<string, unknown>): Promise<Entry[]> {
    const result = await subgraph.query(identities.coordinator, PAGE, { first: 500, filter });
    expect(result.errors).toBeUndefined();
    return result.data!.signalAccessLog.edges.map((e: { node: Entry }) => e.node);
  }

  describe("recording reads", () => {
    beforeEach(async () => {
      before = (await subgraph.db.query(`select id from access_log`)).map((row: { id: string }) => row.id);
    });

    it("an SWT worker reading delivered amounts of three signals of two households leaves one entry per household, naming who read which fields and no amount", async () => {
      const result = await subgraph.query(identities.swtSchalkwijk, `{ signals(first: 10) { edges { node { id deliveredAmountCents } } } }`);
      expect(result.errors).toBeUndefined();
      expect(result.data!.signals.edges).toHaveLength(3);
      const rows = await logged();
      expect(rows.map((r) => r.person_id).sort()).toEqual([once, twice].sort());
      for (const row of rows) {
        expect(row).toMatchObject({ fields: ["Signal.deliveredAmountCents"], subject: "swt-worker", role: "SWT", organisations: ["0392"], team: "haarlem-schalkwijk" });
      }
      expect(new Set(rows.map((r) => r.request_id)).size).toBe(1);
      expect(JSON.stringify(rows)).not.toContain("12000");
    });

    it("SDV reading a priority's inputs and reason, which state the arrears, is logged with those fields", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, `{ signals(first: 10) { edges { node { deliveredPhase priority { reason inputs { amountCents } } } } } }`);
      expect(result.errors).toBeUndefined();
      const rows = await logged();
      expect(rows).toHaveLength(2);
      for (const row of rows) expect(row.fields).toEqual(["Priority.inputs", "Priority.reason", "Signal.deliveredPhase"]);
    });

    it("a read that asks no arrears leaves no entry", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, `{ signals(first: 10) { edges { node { id status reportingMonth priority { level } } } } }`);
      expect(result.errors).toBeUndefined();
      expect(await logged()).toEqual([]);
    });

    it("entries get time-ordered ids and a read_at to the millisecond, and the database refuses one with microseconds", async () => {
      await subgraph.query(identities.swtSchalkwijk, `{ signals(first: 10) { edges { node { deliveredAmountCents } } } }`);
      const rows: { id: string; read_at: Date; truncated: boolean }[] = await subgraph.db.query(
        `select id, read_at, read_at = date_trunc('milliseconds', read_at) as truncated from access_log where not (id = any($1::uuid[]))`,
        [before],
      );
      expect(rows).toHaveLength(2);
      for (const row of rows) {
        expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        // The id's first 48 bits are the Unix milliseconds it was made in, just before the row was written.
        const madeAt = parseInt(row.id.replace(/-/g, "").slice(0, 12), 16);
        expect(Math.abs(madeAt - row.read_at.getTime())).toBeLessThan(5_000);
        expect(row.truncated).toBe(true);
      }
      await expect(
        subgraph.db.query(
          `insert into access_log (read_at, subject, role, organisations, person_id, fields, request_id) values ('2026-11-02T10:00:00.123456Z', 's', 'SDV', '{}', $1, '{}', 'r')`,
          [once],
        ),
      ).rejects.toMatchObject({ constraint: "access_log_read_at_milliseconds" });
    });

    it("each request is logged on its own", async () => {
      const query = `query($id: ID!) { signal(id: $id) { deliveredAmountCents } }`;
      const [signal] = await subgraph.db.query(`select id from signal where tenant_id = $1`, [once]);
      await subgraph.query(identities.sdvHaarlem, query, { id: signal.id });
      await subgraph.query(identities.sdvHaarlem, query, { id: signal.id });
      const rows = await logged();
      expect(rows).toHaveLength(2);
      expect(new Set(rows.map((r) => r.request_id)).size).toBe(2);
    });
  });

  describe("reading the log", () => {
    beforeAll(async () => {
      // Three requests: SWT reads both households, SDV one, SWT both again.
      await subgraph.query(identities.swtSchalkwijk, `{ signals(first: 10) { edges { node { deliveredAmountCents } } } }`);
      await subgraph.query(identities.sdvHaarlem, `{ signals(first: 10, filter: { tenantId: "${once}" }) { edges { node { deliveredAmountCents } } } }`);
      await subgraph.query(identities.swtSchalkwijk, `{ signals(first: 10) { edges { node { deliveredAmountCents } } } }`);
    });

    it("the coordinator pages through the log newest first, visiting every entry once, also where one request's entries share a page boundary", async () => {
      const all = await entries();
      expect(all.length).toBeGreaterThanOrEqual(5);
      const seen: Entry[] = [];
      let after: string | null = null;
      for (let page = 0; page < 50; page++) {
        const result: GraphQLResponse = await subgraph.query(identities.coordinator, PAGE, { first: 1, after });
        expect(result.errors).toBeUndefined();
        seen.push(...result.data!.signalAccessLog.edges.map((e: { node: Entry }) => e.node));
        if (!result.data!.signalAccessLog.pageInfo.hasNextPage) break;
        after = result.data!.signalAccessLog.pageInfo.endCursor;
      }
      expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
      expect(new Set(seen.map((e) => e.id)).size).toBe(all.length);
      const readAt = seen.map((e) => e.readAt);
      expect([...readAt].sort().reverse()).toEqual(readAt);
    });

    it("the coordinator filters the log by person, role, subject and period", async () => {
      const all = await entries();
      expect((await entries({ personId: once })).map((e) => e.id)).toEqual(all.filter((e) => e.personId === once).map((e) => e.id));
      expect((await entries({ role: "SDV" })).every((e) => e.role === "SDV")).toBe(true);
      expect(await entries({ role: "SDV" })).toHaveLength(all.filter((e) => e.role === "SDV").length);
      expect(await entries({ subject: "swt-worker" })).toHaveLength(all.filter((e) => e.subject === "swt-worker").length);
      const oldest = all.at(-1)!.readAt;
      expect(await entries({ to: oldest })).toEqual([]);
      expect(await entries({ from: oldest })).toHaveLength(all.length);
    });

    it("no one but the coordinator may read the log", async () => {
      for (const identity of [identities.sdvHaarlem, identities.swtSchalkwijk, identities.elanWonen, identities.budgetCoach, identities.analyst]) {
        const result = await subgraph.query(identity, PAGE, { first: 1 });
        expect(result.errors?.[0]?.extensions?.code, identity.role).toBe("FORBIDDEN");
        expect(result.data, identity.role).toBeNull();
      }
    });

    it("the database refuses to change, delete or truncate entries", async () => {
      for (const sql of [`update access_log set subject = 'someone-else'`, `delete from access_log`, `truncate access_log`]) {
        await expect(subgraph.db.query(sql), sql).rejects.toThrow(/append-only/);
      }
      expect((await entries()).length).toBeGreaterThanOrEqual(5);
    });
  });
});
