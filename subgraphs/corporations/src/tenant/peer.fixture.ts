import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { answering, startFakePeer, type FakePeer } from "../../../../test/support/peers.js";
import { corporationsSubgraph } from "../index.js";
import { sdvVisibleTenantIds, withdrawSignalsOfTenants } from "../../../shared/src/contracts/sdv.js";
import { eraseHouseholdsOfTenants, swtVisibleTenantIds } from "../../../shared/src/contracts/swt.js";

/**
 * Test stand-ins for the sdv and swt subgraphs (not used by the running subgraph). A fake peer
 * answers `visibleTenantIds` from a set the test fills, as the real one would under its own
 * policies, and the erasure after an objection (`withdrawSignalsOfTenants` at sdv,
 * `eraseHouseholdsOfTenants` at swt) from the tenants it holds; it records every call, and can be
 * made to fail.
 */
export interface FakePeerOfTenants extends FakePeer<{
  /** The root field asked. */
  operation: string;
  /** Its `ids` (visibleTenantIds), null for every one the caller may see. */
  ids: string[] | null;
  /** Its `tenantIds` (an erasure). */
  tenantIds?: string[];
  /** The identity in the token it came with. */
  audience: string;
  role: string;
  sub: string;
}> {
  /** The tenant ids this peer lets any caller see. */
  visible: Set<string>;
  /** The tenant ids this peer holds data of; an erasure removes them and answers how many it removed. */
  held: Set<string>;
}

async function startFakePeerOfTenants(name: "sdv" | "swt"): Promise<FakePeerOfTenants> {
  // Read at each call: a test may replace the sets as well as fill them.
  const visibleTenantIds = (ids: string[] | null) => (ids === null ? [...fake.visible] : ids.filter((id) => fake.visible.has(id)));
  const erase = (tenantIds: string[]) => tenantIds.filter((id) => fake.held.delete(id)).length;
  const handlers =
    name === "sdv"
      ? [answering(sdvVisibleTenantIds, ({ ids }) => visibleTenantIds(ids)), answering(withdrawSignalsOfTenants, ({ tenantIds }) => erase(tenantIds))]
      : [answering(swtVisibleTenantIds, ({ ids }) => visibleTenantIds(ids)), answering(eraseHouseholdsOfTenants, ({ tenantIds }) => erase(tenantIds))];
  const fake: FakePeerOfTenants = Object.assign(
    await startFakePeer(name, handlers, {
      record: ({ field, variables, claims }) => {
        const { ids = null, tenantIds } = variables as { ids?: string[] | null; tenantIds?: string[] };
        return { operation: field, ids, ...(tenantIds ? { tenantIds } : {}), audience: claims.aud, role: claims.role, sub: claims.sub };
      },
    }),
    { visible: new Set<string>(), held: new Set<string>() },
  );
  return fake;
}

/**
 * The corporations subgraph on a fresh database, with fake sdv and swt peers, called the way the
 * gateway calls it: its own token plus a token for each peer, all for the caller's identity.
 */
export async function startCorporationsWithPeers() {
  return startTestSubgraph(corporationsSubgraph, { peers: { sdv: await startFakePeerOfTenants("sdv"), swt: await startFakePeerOfTenants("swt") } });
}
