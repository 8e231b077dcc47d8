import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { DataSource } from "typeorm";
import { GatewayTokenSigner } from "../../../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../../../gateway/src/auth/keys.js";
import { freshDatabaseUrls } from "../../../../test/support/databases.js";
import type { GraphQLResponse } from "../../../../test/support/subgraph.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity } from "../../../shared/src/identity.js";
import { startSubgraph } from "../../../shared/src/subgraph-server.js";
import { swtSubgraph } from "../index.js";
import { answerTo } from "../../../shared/src/contracts/contract.js";
import { recordCaseClosures, recordHandOvers } from "../../../shared/src/contracts/sdv.js";

/**
 * A test stand-in for the sdv subgraph (not used by the running subgraph): it answers
 * `recordCaseClosures` (and `recordHandOvers`) as the real one would, records every call with the caller's identity, and can
 * be made to fail like a subgraph that is down.
 */
export interface FakeSdv {
  url: string;
  /** When true the peer answers 503. */
  down: boolean;
  calls: {
    closures: { signalIds: string[]; closedOn: string }[];
    handOvers?: { signalIds: string[]; caseId: string; teamId: string; forwardedOn: string; reason: string }[];
    audience: string;
    role: string;
    sub: string;
    team: string | undefined;
  }[];
  close(): Promise<void>;
}

async function startFakeSdv(): Promise<FakeSdv> {
  const peer = { down: false, calls: [] as FakeSdv["calls"] };
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
      variables?: { closures?: FakeSdv["calls"][number]["closures"]; handOvers?: FakeSdv["calls"][number]["handOvers"] };
    };
    const token = String(req.headers[IDENTITY_HEADER] ?? "");
    const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8") || "{}") as Record<string, string>;
    const closures = body.variables?.closures ?? [];
    const handOvers = body.variables?.handOvers;
    peer.calls.push({ closures, ...(handOvers ? { handOvers } : {}), audience: claims.aud ?? "", role: claims.role ?? "", sub: claims.sub ?? "", team: claims.team });
    res.setHeader("content-type", "application/json");
    if (peer.down) {
      res.statusCode = 503;
      res.end(JSON.stringify({ errors: [{ message: "Service unavailable." }] }));
      return;
    }
    const data = handOvers
      ? answerTo(
          recordHandOvers,
          handOvers.reduce((n, h) => n + h.signalIds.length, 0),
        )
      : answerTo(
          recordCaseClosures,
          closures.reduce((n, c) => n + c.signalIds.length, 0),
        );
    res.end(JSON.stringify({ data }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(peer, {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/**
 * The swt subgraph on a fresh database with a fake sdv, called the way the gateway calls it: its own
 * token plus a token for sdv, both for the caller's identity.
 */
export async function startSwtWithSdvPeer() {
  const databases = freshDatabaseUrls();
  const { key } = await generateSigningKey();
  const signer = new GatewayTokenSigner(key);
  const running = await startSubgraph(swtSubgraph, { databaseUrl: databases.urls.swt, port: 0, gatewayKeys: { jwks: signer.jwks } });
  const sdv = await startFakeSdv();
  return {
    db: running.dataSource as DataSource,
    sdv,
    statements: () => running.statements(),
    async query<T = Record<string, any>>(identity: Identity, query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse<T>> {
      const own = await signer.sign(identity, "swt", "test");
      const peerTokens = { sdv: await signer.sign(identity, "sdv", "test", { url: sdv.url }) };
      const response = await fetch(running.url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: own, [PEER_TOKENS_HEADER]: JSON.stringify(peerTokens) },
        body: JSON.stringify({ query, variables }),
      });
      return { status: response.status, ...((await response.json()) as object) };
    },
    async stop() {
      await sdv.close();
      await running.close();
      await databases.drop();
    },
  };
}
