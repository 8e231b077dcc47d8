import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { identities, startTestSubgraph, type GraphQLResponse } from "../../../../test/support/subgraph.js";
import type { Identity } from "../../../shared/src/identity.js";
import { sdvSubgraph } from "../index.js";
import { insertSignal } from "./signal.fixture.js";

/**
 * The field rules of the covenant matrix, checked by sdv itself (ReadableBy, before each field's resolver), so that a
 * request that got past the gateway's @requiresScopes still learns nothing it may not.
 * Each caller asks about a signal whose row it may see, so only the field rule can refuse.
 */
describe("field rules of the sdv subgraph, enforced by the subgraph itself", () => {
  let subgraph: Awaited<ReturnType<typeof startTestSubgraph>>;
  /** Per caller, a signal of its own rows. */
  const own = new Map<Identity, string>();

  beforeAll(async () => {
    subgraph = await startTestSubgraph(sdvSubgraph);
    const toSchalkwijk = await insertSignal(subgraph.db, { corporationId: "elan-wonen", priority: "II", forwardedTo: { target: "SWT", teamId: "haarlem-schalkwijk" } });
    const toCoach = await insertSignal(subgraph.db, { corporationId: "elan-wonen", priority: "IV", amountCents: 4_000, forwardedTo: { target: "BUDGET_COACH" } });
    own.set(identities.elanWonen, toSchalkwijk.id);
    own.set(identities.sdvHaarlem, toSchalkwijk.id);
    own.set(identities.swtSchalkwijk, toSchalkwijk.id);
    own.set(identities.budgetCoach, toCoach.id);
  });
  afterAll(() => subgraph?.stop());

  const ask = (identity: Identity, selection: string): Promise<GraphQLResponse> =>
    subgraph.query(identity, `query($id: ID!) { signal(id: $id) { id ${selection} } }`, { id: own.get(identity) });

  function expectForbidden(result: GraphQLResponse, path: (string | number)[]) {
    const error = result.errors?.find((e) => JSON.stringify(e.path) === JSON.stringify(path));
    expect(error?.extensions?.code, `${JSON.stringify(path)} in ${JSON.stringify(result.errors)}`).toBe("FORBIDDEN");
    expect(error?.message).toContain(path.at(-1));
  }

  it("an SWT worker reads the priority level of a signal of its team, and is refused its reason, rule, inputs, threshold and override", async () => {
    const level = await ask(identities.swtSchalkwijk, "priority { level effectiveLevel }");
    expect(level.errors).toBeUndefined();
    expect(level.data?.signal.priority).toEqual({ level: "II", effectiveLevel: "II" });
    for (const field of ["reason", "rule", "inputs { amountCents }", "threshold { amountCents }", "overrideReason", "computedAt", "id"]) {
      const result = await ask(identities.swtSchalkwijk, `priority { level ${field} }`);
      expectForbidden(result, ["signal", "priority", field.split(" ")[0]!]);
    }
  });

  it("the budget coach, like the SWT, sees a referral's priority level only", async () => {
    const level = await ask(identities.budgetCoach, "priority { effectiveLevel } forwarding { target }");
    expect(level.errors).toBeUndefined();
    expect(level.data?.signal).toMatchObject({ priority: { effectiveLevel: "IV" }, forwarding: { target: "BUDGET_COACH" } });
    expectForbidden(await ask(identities.budgetCoach, "priority { reason }"), ["signal", "priority", "reason"]);
  });

  it("SDV reads the whole priority: rule, reason, inputs and threshold", async () => {
    const result = await ask(identities.sdvHaarlem, "priority { id rule reason inputs { knownVulnerableAtSwt } threshold { amountCents } overrideLevel }");
    expect(result.errors).toBeUndefined();
    expect(result.data?.signal.priority).toMatchObject({ rule: "II.TEST", reason: "Set by a test.", threshold: { amountCents: 7_500 } });
  });

  it("a corporation reads its own signal as delivered, but asking for its priority or forwarding is refused", async () => {
    const delivered = await ask(identities.elanWonen, "status reportingMonth deliveredAmountCents deliveredPhase corporation { id } tenant { id }");
    expect(delivered.errors).toBeUndefined();
    expect(delivered.data?.signal).toMatchObject({ status: "RECEIVED", deliveredAmountCents: 12_000, corporation: { id: "elan-wonen" } });
    const priority = await ask(identities.elanWonen, "status priority { level }");
    expectForbidden(priority, ["signal", "priority"]);
    expect(priority.data?.signal).toEqual({ id: own.get(identities.elanWonen), status: "RECEIVED", priority: null });
    expectForbidden(await ask(identities.elanWonen, "forwarding { target }"), ["signal", "forwarding"]);
  });

  it("analysts and the coordinator are refused the signals lists and a tenant's signals: they get counts only", async () => {
    for (const identity of [identities.analyst, identities.coordinator]) {
      expectForbidden(await subgraph.query(identity, `{ signals(first: 1) { edges { node { id } } } }`), ["signals"]);
      expectForbidden(await subgraph.query(identity, `query($id: ID!) { signal(id: $id) { id } }`, { id: own.get(identities.sdvHaarlem) }), ["signal"]);
      const tenant = await subgraph.query(identity, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Tenant { signals { id } } } }`, {
        r: [{ __typename: "Tenant", id: "2b3c4d5e-0000-4000-8000-000000000001" }],
      });
      expectForbidden(tenant, ["_entities", 0, "signals"]);
    }
  });

  it("an analyst reaching a signal by reference finds no row, so not even a refusal confirms that it exists", async () => {
    const result = await subgraph.query(identities.analyst, `query($r: [_Any!]!) { _entities(representations: $r) { ... on Signal { id deliveredAmountCents } } }`, {
      r: [{ __typename: "Signal", id: own.get(identities.sdvHaarlem) }],
    });
    expect(result.errors).toBeUndefined();
    expect(result.data?._entities).toEqual([null]);
  });

  it("a corporation's filter by priority or forwarding is refused by sdv itself, as by the gateway, while its other filters work", async () => {
    const query = `query($filter: SignalFilter) { signals(first: 10, filter: $filter) { edges { node { id } } } }`;
    for (const [filter, argument, field] of [
      [{ priorityLevel: "II" }, "filter.priorityLevel", "Signal.priority"],
      [{ forwardedTo: "SWT" }, "filter.forwardedTo", "Signal.forwarding"],
      [{ status: "RECEIVED", teamId: "haarlem-schalkwijk" }, "filter.teamId", "Signal.forwarding"],
    ] as const) {
      const result = await subgraph.query(identities.elanWonen, query, { filter });
      expect(result.data ?? null).toBeNull();
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", argument, selects: field });
    }
    const allowed = await subgraph.query(identities.elanWonen, query, { filter: { corporationId: "elan-wonen", reportingMonth: "2026-09" } });
    expect(allowed.errors).toBeUndefined();
    const sdv = await subgraph.query(identities.sdvHaarlem, query, { filter: { priorityLevel: "II", forwardedTo: "SWT" } });
    expect(sdv.errors).toBeUndefined();
    expect(sdv.data?.signals.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(own.get(identities.sdvHaarlem));
  });

  it("the same filter written in the operation, asked again and again by callers of different roles, is judged for each caller", async () => {
    // The outcome of an operation without variables is remembered per role: one role's answer must never serve another.
    const query = `{ signals(first: 10, filter: { priorityLevel: II }) { edges { node { id } } } }`;
    for (const turn of [1, 2]) {
      for (const identity of [identities.sdvHaarlem, identities.elanWonen, identities.sdvHaarlem, identities.elanWonen]) {
        const result = await subgraph.query(identity, query);
        if (identity === identities.elanWonen) {
          expect(result.data ?? null, `turn ${turn}`).toBeNull();
          expect(result.errors?.[0]?.extensions).toMatchObject({ code: "FORBIDDEN", argument: "filter.priorityLevel", selects: "Signal.priority" });
        } else {
          expect(result.errors, `turn ${turn}`).toBeUndefined();
          expect(result.data?.signals.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(own.get(identities.sdvHaarlem));
        }
      }
    }
  });
});
