import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { GatewayTokenSigner } from "../../../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../../../gateway/src/auth/keys.js";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import type { GraphQLResponse } from "../../../../test/support/subgraph.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity } from "../../../shared/src/identity.js";
import { SERVICE_TOKEN_HEADER } from "../../../shared/src/service-token.js";
import { startSubgraph } from "../../../shared/src/subgraph-server.js";
import { corporationsSubgraph } from "../index.js";
import { answerTo } from "../../../shared/src/contracts/contract.js";
import { sdvVisibleTenantIds, withdrawSignalsOfTenants } from "../../../shared/src/contracts/sdv.js";
import { eraseHouseholdsOfTenants } from "../../../shared/src/contracts/swt.js";

/**
 * Test stand-ins for the sdv and swt subgraphs (not used by the running subgraph). A fake peer
 * answers `visibleTenantIds` from a set the test fills, as the real one would under its own
 * policies, and the erasure after an objection (`withdrawSignalsOfTenants` at sdv,
 * `eraseHouseholdsOfTenants` at swt) from the tenants it holds; it records every call, and can be
 * made to fail.
 */
export interface FakePeer {
  url: string;
  /** The tenant ids this peer lets any caller see. */
  visible: Set<string>;
  /** The tenant ids this peer holds data of; an erasure removes them and answers how many it removed. */
  held: Set<string>;
  /** When true the peer answers 503, as a subgraph that is down. */
  down: boolean;
  /**
   * Every call: the operation's root field, its `ids` (visibleTenantIds) or `tenantIds` (an
   * erasure), and the identity in the token it came with.
   */
  calls: { operation: string; ids: string[] | null; tenantIds?: string[]; audience: string; role: string; sub: string }[];
  close(): Promise<void>;
}

const ERASURES = [withdrawSignalsOfTenants, eraseHouseholdsOfTenants];

async function startFakePeer(): Promise<FakePeer> {
  const peer = { visible: new Set<string>(), held: new Set<string>(), down: false, calls: [] as FakePeer["calls"] };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query?: string; variables?: { ids?: string[] | null; tenantIds?: string[] } };
    // The gateway's token, or the corporations subgraph's own (its scheduled erasure job).
    const token = String(req.headers[IDENTITY_HEADER] ?? req.headers[SERVICE_TOKEN_HEADER] ?? "");
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8") || "{}") as Record<string, string>;
    const ids = body.variables?.ids ?? null;
    const erasure = ERASURES.find((contract) => body.query?.includes(contract.field));
    const operation = erasure?.field ?? sdvVisibleTenantIds.field;
    const tenantIds = body.variables?.tenantIds;
    peer.calls.push({ operation, ids, ...(tenantIds ? { tenantIds } : {}), audience: claims.aud ?? "", role: claims.role ?? "", sub: claims.sub ?? "" });
    res.setHeader("content-type", "application/json");
    if (peer.down) {
      res.statusCode = 503;
      res.end(JSON.stringify({ errors: [{ message: "Service unavailable." }] }));
      return;
    }
    if (erasure) {
      const erased = (tenantIds ?? []).filter((id) => peer.held.delete(id)).length;
      res.end(JSON.stringify({ data: answerTo(erasure, erased) }));
      return;
    }
    // sdv and swt answer visibleTenantIds under the same contract shape.
    const visibleTenantIds = ids === null ? [...peer.visible] : ids.filter((id) => peer.visible.has(id));
    res.end(JSON.stringify({ data: answerTo(sdvVisibleTenantIds, visibleTenantIds) }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/**
 * The corporations subgraph on a fresh database, with fake sdv and swt peers, called the way the
 * gateway calls it: its own token plus a token for each peer, all for the caller's identity.
 */
export async function startCorporationsWithPeers() {
  const databases = freshDatabaseUrls();
  const { key } = await generateSigningKey();
  const signer = new GatewayTokenSigner(key);
  const running = await startSubgraph(corporationsSubgraph, {
    databaseUrl: databases.urls.corporations,
    port: 0,
    gatewayKeys: { jwks: signer.jwks },
  });
  const peers = { sdv: await startFakePeer(), swt: await startFakePeer() };
  return {
    db: running.dataSource as DataSource,
    peers,
    statements: () => running.statements(),
    async query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const own = await signer.sign(identity, "corporations", "test");
      const peerTokens = {
        sdv: await signer.sign(identity, "sdv", "test", { url: peers.sdv.url }),
        swt: await signer.sign(identity, "swt", "test", { url: peers.swt.url }),
      };
      const response = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: own, [PEER_TOKENS_HEADER]: JSON.stringify(peerTokens) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await Promise.all([peers.sdv.close(), peers.swt.close()]);
      await running.close();
      await databases.drop();
    },
  };
}
