import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { identities } from "../../../../test/support/subgraph.js";
import { startCorporationsWithPeers } from "../tenant/peer.fixture.js";
import { insertTenants } from "../tenant/tenant.fixture.js";
import { fixedClock, now, useClock } from "../../../shared/src/clock.js";
import { serviceKey, ServicePeers } from "../../../shared/src/service-token.js";
import { retryPendingErasures } from "./objection.erasure.js";

const RECORD = `mutation($input: ObjectionInput!) { upsertObjection(input: $input) { id reference withdrawnOn downstreamErasedAt } }`;
const WITHDRAW = `mutation($input: ObjectionWithdrawalInput!) { withdrawObjection(input: $input) { id withdrawnOn downstreamErasedAt } }`;
const OBJECTIONS = `query($id: ID!) { tenant(id: $id) { objections { reference downstreamErasedAt } } }`;

describe("the withdrawal of what sdv and swt hold after an objection (Art. 3.4)", () => {
  let graph: Awaited<ReturnType<typeof startCorporationsWithPeers>>;
  let elan: string[];
  let ymere: string[];
  const record = (identity: (typeof identities)[keyof typeof identities], tenantReference: string, reference: string) =>
    graph.query(identity, RECORD, { input: { tenantReference, reference, recordedOn: "2026-04-01" } });
  const erasureCalls = (peer: "sdv" | "swt") => graph.peers[peer].calls.filter((call) => call.operation !== "visibleTenantIds");
  const erasedAt = async (reference: string): Promise<Date | null> =>
    (await graph.db.query(`select downstream_erased_at from objection where reference = $1`, [reference]))[0]?.downstream_erased_at ?? null;

  beforeAll(async () => {
    graph = await startCorporationsWithPeers();
    elan = await insertTenants(graph.db, "elan-wonen", "EW-E", 6);
    ymere = await insertTenants(graph.db, "ymere", "YM-E", 2);
  });
  afterAll(() => graph?.stop());
  beforeEach(() => {
    for (const peer of [graph.peers.sdv, graph.peers.swt]) {
      peer.calls.length = 0;
      peer.held.clear();
      peer.down = false;
    }
  });

  it("recording an objection asks sdv to withdraw the tenant's signals and swt to erase the household, both with the corporation's identity", async () => {
    graph.peers.sdv.held.add(elan[0]!);
    graph.peers.swt.held.add(elan[0]!);
    const result = await record(identities.elanWonen, "EW-E0001", "EW-E0001-B1");
    expect(result.errors).toBeUndefined();
    for (const [peer, operation] of [
      ["sdv", "withdrawSignalsOfTenants"],
      ["swt", "eraseHouseholdsOfTenants"],
    ] as const) {
      expect(erasureCalls(peer)).toEqual([{ operation, ids: null, tenantIds: [elan[0]], audience: peer, role: "CORPORATION", sub: identities.elanWonen.sub }]);
      expect(graph.peers[peer].held.size).toBe(0);
    }
    // Both confirmed: the answer already says when, and so does every later read.
    const at = result.data?.upsertObjection.downstreamErasedAt;
    expect(new Date(at).getTime()).toBeGreaterThan(now().getTime() - 60_000);
    const read = await graph.query(identities.elanWonen, OBJECTIONS, { id: elan[0] });
    expect(read.data?.tenant.objections).toEqual([{ reference: "EW-E0001-B1", downstreamErasedAt: at }]);
  });

  it("recording the same objection again asks both again, who erase nothing more, and the first confirmation stays", async () => {
    const before = await erasedAt("EW-E0001-B1");
    const again = await record(identities.elanWonen, "EW-E0001", "EW-E0001-B1");
    expect(again.errors).toBeUndefined();
    expect(erasureCalls("sdv").map((call) => call.tenantIds)).toEqual([[elan[0]]]);
    expect(erasureCalls("swt").map((call) => call.tenantIds)).toEqual([[elan[0]]]);
    expect(await erasedAt("EW-E0001-B1")).toEqual(before);
    expect(again.data?.upsertObjection.downstreamErasedAt).toBe(before!.toISOString());
  });

  it("an objection for a tenant that never had a signal still asks both, and is confirmed when they answer 0", async () => {
    const result = await record(identities.elanWonen, "EW-E0002", "EW-E0002-B1");
    expect(result.errors).toBeUndefined();
    expect(erasureCalls("sdv").map((call) => call.tenantIds)).toEqual([[elan[1]]]);
    expect(erasureCalls("swt").map((call) => call.tenantIds)).toEqual([[elan[1]]]);
    expect(result.data?.upsertObjection.downstreamErasedAt).not.toBeNull();
  });

  it("with swt down the objection is stored and answered, pending; the corporation's next objection retries it in the same call, and then both are confirmed", async () => {
    graph.peers.swt.down = true;
    graph.peers.sdv.held.add(elan[2]!);
    const first = await record(identities.elanWonen, "EW-E0003", "EW-E0003-B1");
    expect(first.errors).toBeUndefined();
    expect(first.data?.upsertObjection).toMatchObject({ reference: "EW-E0003-B1", withdrawnOn: null, downstreamErasedAt: null });
    expect(await erasedAt("EW-E0003-B1")).toBeNull();
    const pending = await graph.query(identities.elanWonen, OBJECTIONS, { id: elan[2] });
    expect(pending.data?.tenant.objections).toEqual([{ reference: "EW-E0003-B1", downstreamErasedAt: null }]);

    graph.peers.swt.down = false;
    graph.peers.swt.held.add(elan[2]!);
    for (const peer of [graph.peers.sdv, graph.peers.swt]) peer.calls.length = 0;
    const next = await record(identities.elanWonen, "EW-E0004", "EW-E0004-B1");
    expect(next.errors).toBeUndefined();
    // One call per peer, the new objection's tenant first, then the pending one.
    expect(erasureCalls("sdv").map((call) => call.tenantIds)).toEqual([[elan[3], elan[2]]]);
    expect(erasureCalls("swt").map((call) => call.tenantIds)).toEqual([[elan[3], elan[2]]]);
    expect(graph.peers.swt.held.size).toBe(0);
    expect(next.data?.upsertObjection.downstreamErasedAt).not.toBeNull();
    expect(await erasedAt("EW-E0003-B1")).not.toBeNull();
  });

  it("a corporation's objection retries only its own pending objections, never another corporation's", async () => {
    graph.peers.sdv.down = true;
    expect((await record(identities.ymere, "YM-E0001", "YM-E0001-B1")).errors).toBeUndefined();
    expect(await erasedAt("YM-E0001-B1")).toBeNull();
    graph.peers.sdv.down = false;
    for (const peer of [graph.peers.sdv, graph.peers.swt]) peer.calls.length = 0;

    await record(identities.elanWonen, "EW-E0005", "EW-E0005-B1");
    expect(erasureCalls("sdv").map((call) => call.tenantIds)).toEqual([[elan[4]]]);
    expect(await erasedAt("YM-E0001-B1")).toBeNull();

    await record(identities.ymere, "YM-E0002", "YM-E0002-B1");
    expect(erasureCalls("sdv").at(-1)?.tenantIds).toEqual([ymere[1], ymere[0]]);
    expect(erasureCalls("sdv").at(-1)?.sub).toBe(identities.ymere.sub);
    expect(await erasedAt("YM-E0001-B1")).not.toBeNull();
  });

  it("withdrawing an objection asks neither service anything", async () => {
    const result = await graph.query(identities.elanWonen, WITHDRAW, { input: { reference: "EW-E0005-B1", withdrawnOn: "2026-05-01" } });
    expect(result.errors).toBeUndefined();
    expect(result.data?.withdrawObjection.withdrawnOn).toBe("2026-05-01");
    expect(graph.peers.sdv.calls).toEqual([]);
    expect(graph.peers.swt.calls).toEqual([]);
  });

  it("an objection withdrawn while its erasure was pending is not erased later: data may be exchanged again from its withdrawal", async () => {
    graph.peers.sdv.down = true;
    await record(identities.elanWonen, "EW-E0006", "EW-E0006-B1");
    await graph.query(identities.elanWonen, WITHDRAW, { input: { reference: "EW-E0006-B1", withdrawnOn: "2026-05-01" } });
    graph.peers.sdv.down = false;
    for (const peer of [graph.peers.sdv, graph.peers.swt]) peer.calls.length = 0;

    // Replaying the withdrawn objection's record asks nothing for it either.
    const replay = await record(identities.elanWonen, "EW-E0006", "EW-E0006-B1");
    expect(replay.data?.upsertObjection).toMatchObject({ withdrawnOn: "2026-05-01", downstreamErasedAt: null });
    expect(graph.peers.sdv.calls).toEqual([]);
    expect(graph.peers.swt.calls).toEqual([]);

    await record(identities.elanWonen, "EW-E0001", "EW-E0001-B1");
    expect(erasureCalls("sdv").map((call) => call.tenantIds)).toEqual([[elan[0]]]);
  });

  it("the scheduled job retries a pending erasure in the corporation's own name, waiting 1, then 2 minutes after each failure, until both confirm", async () => {
    const [objector] = await insertTenants(graph.db, "ymere", "YM-J", 1);
    const peers = new ServicePeers("corporations", await serviceKey(), (peer) => graph.peers[peer as "sdv" | "swt"]?.url);
    const state = async () =>
      (await graph.db.query(`select erasure_attempts, erasure_next_attempt_at, downstream_erased_at from objection where reference = 'YM-J0001-B1'`))[0] as {
        erasure_attempts: number;
        erasure_next_attempt_at: Date | null;
        downstream_erased_at: Date | null;
      };
    const start = now();
    const restore = useClock(fixedClock(start));
    try {
      graph.peers.swt.down = true;
      graph.peers.sdv.held.add(objector!);
      await record(identities.ymere, "YM-J0001", "YM-J0001-B1");
      expect(await state()).toEqual({ erasure_attempts: 1, erasure_next_attempt_at: new Date(start.getTime() + 60_000), downstream_erased_at: null });

      // Not yet due: the job leaves it.
      for (const peer of [graph.peers.sdv, graph.peers.swt]) peer.calls.length = 0;
      await retryPendingErasures(graph.db, peers);
      expect(erasureCalls("swt").flatMap((call) => call.tenantIds)).not.toContain(objector);

      // Due, swt still down: a second failure, and twice the wait.
      useClock(fixedClock(new Date(start.getTime() + 61_000)));
      await retryPendingErasures(graph.db, peers);
      expect(await state()).toEqual({ erasure_attempts: 2, erasure_next_attempt_at: new Date(start.getTime() + 61_000 + 120_000), downstream_erased_at: null });

      // Due again, swt back: both confirm, asked in Ymere's name only.
      graph.peers.swt.down = false;
      graph.peers.swt.held.add(objector!);
      for (const peer of [graph.peers.sdv, graph.peers.swt]) peer.calls.length = 0;
      useClock(fixedClock(new Date(start.getTime() + 182_000)));
      await retryPendingErasures(graph.db, peers);
      expect((await state()).downstream_erased_at).toEqual(new Date(start.getTime() + 182_000));
      const ymereCall = erasureCalls("swt").find((call) => call.tenantIds?.includes(objector!));
      expect(ymereCall).toMatchObject({ role: "CORPORATION", sub: "objection-erasure-job", audience: "swt" });
      expect(graph.peers.swt.held.has(objector!)).toBe(false);
      expect(graph.peers.sdv.held.has(objector!)).toBe(false);
    } finally {
      restore();
    }
  });

  it("without a key of its own the job cannot ask anyone, and says so", async () => {
    await expect(retryPendingErasures(graph.db, undefined)).rejects.toThrow(/no service key/);
  });

  it("downstreamErasedAt is a field only a corporation may read", async () => {
    const result = await graph.query(identities.analyst, `{ _service { sdl } }`);
    expect(result.data?._service.sdl).toMatch(/downstreamErasedAt: DateTime @requiresScopes\(scopes: \[\["role:CORPORATION"\]\]\)/);
  });
});
