import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph, type GraphQLResponse } from "../../../../test/support/subgraph.js";
import { buildDemoWorld, demoId, type DemoSignal, type DemoWorld } from "../../../shared/src/demo/world.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import { seedDemo } from "../seed.js";

/**
 * Two signals of one household added to the demo world: the newer one (the newest of all) is
 * forwarded to Schalkwijk and repeats an older one that went to the budget coach.
 */
function repeatedHousehold(): DemoSignal[] {
  const tenantId = demoId("test:tenant:repeated");
  const older: DemoSignal = {
    id: demoId("test:signal:older"),
    tenantId,
    corporationId: "elan-wonen",
    municipalityCode: "0392",
    reportingMonth: "2026-10",
    channel: "VPS",
    receivedAt: "2026-10-30T08:00:00.000Z",
    amountCents: 40_00,
    phase: "ARREARS",
    bailiffHandoverOn: null,
    previousSignalId: null,
    priority: { level: "IV", rule: "IV.BELOW_THRESHOLD", reason: "Arrears of EUR 40.00 are under the threshold of EUR 75.00.", knownVulnerableAtSwt: false },
    forwarding: { target: "BUDGET_COACH", teamId: null, forwardedOn: "2026-11-02" },
  };
  const newer: DemoSignal = {
    ...older,
    id: demoId("test:signal:newer"),
    reportingMonth: "2026-11",
    receivedAt: "2026-11-16T08:00:00.000Z",
    amountCents: 140_00,
    previousSignalId: older.id,
    priority: { level: "II", rule: "II.ABOVE_THRESHOLD", reason: "Arrears of EUR 140.00 are at or above the threshold of EUR 75.00.", knownVulnerableAtSwt: false },
    forwarding: { target: "SWT", teamId: "haarlem-schalkwijk", forwardedOn: "2026-11-17" },
  };
  return [older, newer];
}

const LIST = `query($first: Int, $after: String, $filter: SignalFilter) {
  signals(first: $first, after: $after, filter: $filter) {
    edges { cursor node { id receivedAt municipalityCode corporation { id } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

const FULL = `query($first: Int) {
  signals(first: $first) {
    edges { node {
      id receivedAt reportingMonth municipalityCode channel status deliveredAmountCents deliveredPhase deliveredBailiffHandoverOn
      tenant { id } corporation { id }
      priority { level effectiveLevel rule reason inputs { amountCents phase thresholdCents knownVulnerableAtSwt } threshold { amountCents validFrom } }
      forwarding { target teamId forwardedOn forwardedAt }
      previousSignal { id reportingMonth }
    } }
  }
}`;

const ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Signal { id municipalityCode priority { level } forwarding { target } }
    ... on Tenant { id signals { id corporation { id } } }
  }
}`;

describe("signals in the sdv subgraph", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  let world: DemoWorld;
  let all: DemoSignal[];

  const ids = (signals: DemoSignal[]) => signals.map((s) => s.id).sort();
  const sdvOnlyHaarlem: Identity = { sub: "sdv-haarlem-only", role: "SDV", orgs: ["0392"] };

  async function listAll(identity: Identity, filter?: Record<string, unknown>): Promise<string[]> {
    const result = await subgraph.query(identity, LIST, { first: 500, filter });
    expect(result.errors).toBeUndefined();
    expect(result.data?.signals.pageInfo.hasNextPage).toBe(false);
    return result.data!.signals.edges.map((e: { node: { id: string } }) => e.node.id).sort();
  }

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    world = buildDemoWorld();
    all = [...world.signals, ...repeatedHousehold()];
    await seedDemo(subgraph.db, { ...world, signals: all });
  });
  afterAll(() => subgraph?.stop());

  describe("listing", () => {
    it("paging with first/after visits every signal exactly once, newest received first", async () => {
      const seen: string[] = [];
      const received: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 100; page++) {
        const result: GraphQLResponse = await subgraph.query(identities.sdvHaarlem, LIST, { first: 7, after });
        expect(result.errors).toBeUndefined();
        const connection: { edges: { node: { id: string; receivedAt: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } = result.data!.signals;
        for (const edge of connection.edges) {
          seen.push(edge.node.id);
          received.push(edge.node.receivedAt);
        }
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(all.length);
      expect(new Set(seen).size).toBe(all.length);
      expect([...received].sort().reverse()).toEqual(received);
    });

    it("a cursor the list did not hand out is refused with a message that says what to pass", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, LIST, { first: 5, after: "not-a-cursor" });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toMatch(/endCursor/);
    });

    it("a page larger than 500 is refused", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, LIST, { first: 501 });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("each filter keeps exactly the signals that match it", async () => {
      const someTenant = all.find((s) => s.previousSignalId)!.tenantId;
      const cases: [Record<string, unknown>, (s: DemoSignal) => boolean][] = [
        [{ municipalityCode: "0473" }, (s) => s.municipalityCode === "0473"],
        [{ corporationId: "ymere" }, (s) => s.corporationId === "ymere"],
        [{ reportingMonth: "2026-08" }, (s) => s.reportingMonth === "2026-08"],
        [{ status: "FORWARDED" }, () => true],
        [{ status: "RECEIVED" }, () => false],
        [{ priorityLevel: "I" }, (s) => s.priority.level === "I"],
        [{ priorityLevel: "III" }, (s) => s.priority.level === "III"],
        [{ tenantId: someTenant }, (s) => s.tenantId === someTenant],
        [{ forwardedTo: "BUDGET_COACH" }, (s) => s.forwarding.target === "BUDGET_COACH"],
        [{ teamId: "zandvoort" }, (s) => s.forwarding.teamId === "zandvoort"],
        [{ municipalityCode: "0392", priorityLevel: "II", forwardedTo: "SWT" }, (s) => s.municipalityCode === "0392" && s.priority.level === "II" && s.forwarding.target === "SWT"],
      ];
      for (const [filter, matches] of cases) {
        const expected = ids(all.filter(matches));
        expect(await listAll(identities.sdvHaarlem, filter), JSON.stringify(filter)).toEqual(expected);
      }
    });

    it("the priority filter follows an override, not the computed level", async () => {
      const target = all.find((s) => s.priority.level === "IV")!;
      await subgraph.db.query(
        `update priority set override_level = 'I', override_reason = 'Eviction date set', overridden_by = 'sdv-worker', overridden_at = now() where signal_id = $1`,
        [target.id],
      );
      try {
        expect(await listAll(identities.sdvHaarlem, { priorityLevel: "I" })).toContain(target.id);
        expect(await listAll(identities.sdvHaarlem, { priorityLevel: "IV" })).not.toContain(target.id);
        const one = await subgraph.query(identities.sdvHaarlem, `query($id: ID!) { signal(id: $id) { priority { level effectiveLevel overrideLevel overrideReason } } }`, {
          id: target.id,
        });
        expect(one.data?.signal.priority).toEqual({ level: "IV", effectiveLevel: "I", overrideLevel: "I", overrideReason: "Eviction date set" });
      } finally {
        await subgraph.db.query(`update priority set override_level = null, override_reason = null, overridden_by = null, overridden_at = null where signal_id = $1`, [target.id]);
      }
    });

    it("a tenant filter that is not a tenant id is refused, not answered with an empty list", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, LIST, { filter: { tenantId: "EW-100007" } });
      expect(result.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("a signal shows what was delivered, its priority with the threshold it used, its forwarding and the household's earlier signal", async () => {
      const [older, newer] = repeatedHousehold();
      const result = await subgraph.query(identities.sdvHaarlem, FULL, { first: 1 });
      expect(result.errors).toBeUndefined();
      expect(result.data!.signals.edges[0].node).toEqual({
        id: newer!.id,
        receivedAt: "2026-11-16T08:00:00.000Z",
        reportingMonth: "2026-11",
        municipalityCode: "0392",
        channel: "VPS",
        status: "FORWARDED",
        deliveredAmountCents: 14_000,
        deliveredPhase: "ARREARS",
        deliveredBailiffHandoverOn: null,
        tenant: { id: newer!.tenantId },
        corporation: { id: "elan-wonen" },
        priority: {
          level: "II",
          effectiveLevel: "II",
          rule: "II.ABOVE_THRESHOLD",
          reason: newer!.priority.reason,
          inputs: { amountCents: 14_000, phase: "ARREARS", thresholdCents: 7_500, knownVulnerableAtSwt: false },
          threshold: { amountCents: 7_500, validFrom: "2021-04-01" },
        },
        forwarding: { target: "SWT", teamId: "haarlem-schalkwijk", forwardedOn: "2026-11-17", forwardedAt: "2026-11-17T08:00:00.000Z" },
        previousSignal: { id: older!.id, reportingMonth: "2026-10" },
      });
    });
  });

  describe("who sees which signals", () => {
    it("an SDV serving only Haarlem sees Haarlem's signals and none of Zandvoort's", async () => {
      expect(await listAll(sdvOnlyHaarlem)).toEqual(ids(all.filter((s) => s.municipalityCode === "0392")));
      const zandvoort = all.find((s) => s.municipalityCode === "0473")!;
      const result = await subgraph.query(sdvOnlyHaarlem, `query($id: ID!) { signal(id: $id) { id } }`, { id: zandvoort.id });
      expect(result.errors).toBeUndefined();
      expect(result.data?.signal).toBeNull();
    });

    it("Haarlem's SDV, which also serves Zandvoort, sees the signals of both municipalities", async () => {
      expect(await listAll(identities.sdvHaarlem)).toEqual(ids(all));
    });

    it("an SDV of a municipality outside the covenant sees no signal", async () => {
      expect(await listAll({ sub: "sdv-amsterdam", role: "SDV", orgs: ["0363"] })).toEqual([]);
    });

    it("a corporation sees only the signals it submitted, and another corporation's signal is absent without an error", async () => {
      expect(await listAll(identities.elanWonen)).toEqual(ids(all.filter((s) => s.corporationId === "elan-wonen")));
      const ymere = all.find((s) => s.corporationId === "ymere")!;
      const result = await subgraph.query(identities.elanWonen, `query($id: ID!) { signal(id: $id) { id } }`, { id: ymere.id });
      expect(result.errors).toBeUndefined();
      expect(result.data?.signal).toBeNull();
    });

    it("an SWT team sees only the signals forwarded to it, even when filtering for another team", async () => {
      expect(await listAll(identities.swtSchalkwijk)).toEqual(ids(all.filter((s) => s.forwarding.teamId === "haarlem-schalkwijk")));
      expect(await listAll(identities.swtSchalkwijk, { teamId: "zandvoort" })).toEqual([]);
    });

    it("an SWT team does not see the household's earlier signal when that one went to the budget coach", async () => {
      const [older, newer] = repeatedHousehold();
      const query = `query($id: ID!) { signal(id: $id) { id previousSignal { id } } }`;
      const swt = await subgraph.query(identities.swtSchalkwijk, query, { id: newer!.id });
      expect(swt.errors).toBeUndefined();
      expect(swt.data?.signal).toEqual({ id: newer!.id, previousSignal: null });
      const sdv = await subgraph.query(identities.sdvHaarlem, query, { id: newer!.id });
      expect(sdv.data?.signal.previousSignal).toEqual({ id: older!.id });
    });

    it("an SWT worker whose token names no team sees nothing", async () => {
      expect(await listAll({ sub: "swt-without-team", role: "SWT", orgs: ["0392"] })).toEqual([]);
    });

    it("the budget coach sees only the signals forwarded to it, or held in its cases, in the municipalities it serves", async () => {
      // A household's later signal joins its open case, whichever team holds it: the coach works it too.
      const inCoachCase = new Set(world.cases.filter((kase) => kase.teamId === "budget-coach").flatMap((kase) => kase.signalIds));
      const coachs = (s: DemoSignal) => s.forwarding.target === "BUDGET_COACH" || inCoachCase.has(s.id);
      expect(all.some((s) => s.forwarding.target === "SWT" && inCoachCase.has(s.id))).toBe(true);
      expect(await listAll(identities.budgetCoach)).toEqual(ids(all.filter(coachs)));
      const zandvoortCoach: Identity = { sub: "coach-zandvoort", role: "BUDGET_COACH", orgs: ["0473"] };
      expect(await listAll(zandvoortCoach)).toEqual(ids(all.filter((s) => coachs(s) && s.municipalityCode === "0473")));
    });

    it("analysts and coordinators see no signal row, not even one reached by reference: signals are theirs only as counts", async () => {
      const representations = all.slice(0, 20).map((s) => ({ __typename: "Signal", id: s.id }));
      for (const identity of [identities.analyst, identities.coordinator]) {
        const result = await subgraph.query(identity, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Signal { id } } }`, {
          r: representations,
        });
        expect(result.errors, identity.role).toBeUndefined();
        expect(result.data?._entities, identity.role).toEqual(representations.map(() => null));
      }
    });

    it("a tenant's signals list only those the caller may see, newest first", async () => {
      const tenantId = repeatedHousehold()[0]!.tenantId;
      const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { id signals { reportingMonth } } } }`;
      const representations = [{ __typename: "Tenant", id: tenantId }];
      const sdv = await subgraph.query(identities.sdvHaarlem, query, { r: representations });
      expect(sdv.data?._entities[0].signals).toEqual([{ reportingMonth: "2026-11" }, { reportingMonth: "2026-10" }]);
      const swt = await subgraph.query(identities.swtSchalkwijk, query, { r: representations });
      expect(swt.data?._entities[0].signals).toEqual([{ reportingMonth: "2026-11" }]);
      const ymere = await subgraph.query(identities.ymere, query, { r: representations });
      expect(ymere.data?._entities[0]).toEqual({ id: tenantId, signals: [] });
    });
  });

  describe("batching", () => {
    async function statementsFor(run: () => Promise<unknown>): Promise<number> {
      const before = subgraph.statements();
      await run();
      return subgraph.statements() - before;
    }

    it("a page of 1 and a page of 200 signals, with priority, forwarding and earlier signal, take the same number of SQL statements", async () => {
      const one = await statementsFor(async () => {
        const result = await subgraph.query(identities.sdvHaarlem, FULL, { first: 1 });
        expect(result.errors).toBeUndefined();
        expect(result.data!.signals.edges[0].node.previousSignal).not.toBeNull();
      });
      const many = await statementsFor(async () => {
        const result = await subgraph.query(identities.sdvHaarlem, FULL, { first: 200 });
        expect(result.errors).toBeUndefined();
        expect(result.data!.signals.edges).toHaveLength(200);
      });
      expect(one).toBeGreaterThan(0);
      expect(many).toBe(one);
    });

    it("_entities for many signals is batched and leaves out, as null, the signals outside the caller's rows", async () => {
      const representations = all.map((s) => ({ __typename: "Signal", id: s.id }));
      const few = await statementsFor(() => subgraph.query(sdvOnlyHaarlem, ENTITIES, { representations: representations.slice(0, 3) }));
      let result: GraphQLResponse | undefined;
      const many = await statementsFor(async () => {
        result = await subgraph.query(sdvOnlyHaarlem, ENTITIES, { representations });
      });
      expect(many).toBe(few);
      expect(result!.errors).toBeUndefined();
      const entities = result!.data!._entities as ({ id: string; municipalityCode: string; priority: { level: string } } | null)[];
      expect(entities).toHaveLength(all.length);
      entities.forEach((entity, i) => {
        if (all[i]!.municipalityCode === "0392") {
          expect(entity?.id).toBe(all[i]!.id);
          expect(entity?.priority.level).toBe(all[i]!.priority.level);
        } else {
          expect(entity).toBeNull();
        }
      });
    });

    it("a signal reference that names no signal, or no uuid at all, resolves to null", async () => {
      const result = await subgraph.query(identities.sdvHaarlem, ENTITIES, {
        representations: [
          { __typename: "Signal", id: "00000000-0000-4000-8000-000000000000" },
          { __typename: "Signal", id: "not-a-uuid" },
        ],
      });
      expect(result.errors).toBeUndefined();
      expect(result.data?._entities).toEqual([null, null]);
    });

    it("_entities for many tenants is batched and lists only the signals of the caller's corporation", async () => {
      const tenantIds = [...new Set(all.map((s) => s.tenantId))];
      const representations = tenantIds.map((id) => ({ __typename: "Tenant", id }));
      const few = await statementsFor(() => subgraph.query(identities.preWonen, ENTITIES, { representations: representations.slice(0, 2) }));
      let result: GraphQLResponse | undefined;
      const many = await statementsFor(async () => {
        result = await subgraph.query(identities.preWonen, ENTITIES, { representations });
      });
      expect(many).toBe(few);
      expect(result!.errors).toBeUndefined();
      const tenants = result!.data!._entities as { id: string; signals: { id: string; corporation: { id: string } }[] }[];
      expect(tenants.map((t) => t.id)).toEqual(tenantIds);
      const listed = tenants.flatMap((t) => t.signals);
      expect(listed.every((s) => s.corporation.id === "pre-wonen")).toBe(true);
      expect(listed.map((s) => s.id).sort()).toEqual(ids(all.filter((s) => s.corporationId === "pre-wonen")));
    });
  });
});
