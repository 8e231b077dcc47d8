import { randomUUID } from "node:crypto";
import { createInlineSigningKeyProvider, defineConfig } from "@graphql-hive/gateway";
import { GatewayTokenSigner } from "../../gateway/src/auth/gateway-token.js";
import { signingKeyFromJwk } from "../../gateway/src/auth/keys.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity, type Role } from "../../subgraphs/shared/src/identity.js";
import { peersCalledBy, rootFieldsOfText } from "../../subgraphs/shared/src/peer-client.js";

/**
 * Hive Gateway set up as the project's gateway is, for `npm run bench:compare` only: it verifies
 * the same user tokens, enforces the supergraph's `@requiresScopes` (a role is the scope
 * `role:<ROLE>`), and sends each subgraph the identity tokens the project's gateway sends, signed
 * with the same key by the project's own signer (each token reused as the gateway reuses it, peers' tokens only to the subgraphs that ask them).
 *
 *   hive-gateway supergraph schema/supergraph.graphql -c dist/test/bench/hive-gateway.config.js -p PORT -h 127.0.0.1
 *
 * Read from the environment (the benchmark sets them): BENCH_USER_KEY_PEM (the issuer's public
 * key), AUTH_ISSUER, AUTH_AUDIENCE, GATEWAY_SIGNING_KEY (private JWK), CORPORATIONS_URL, SDV_URL,
 * SWT_URL.
 */
function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`Set ${name}.`);
  return value;
}

const subgraphUrls: Record<string, string> = {
  corporations: required("CORPORATIONS_URL"),
  sdv: required("SDV_URL"),
  swt: required("SWT_URL"),
};
const signer = new GatewayTokenSigner(await signingKeyFromJwk(required("GATEWAY_SIGNING_KEY")));

interface UserClaims {
  sub: string;
  role: Role;
  org?: string[];
  team?: string;
}

/** The request id and identity tokens of one request, by audience, each signed on first use (as the gateway does). */
const ofRequest = new WeakMap<object, { requestId: string; identity: Identity; tokens: Map<string, string> }>();

/**
 * The tokens of one subgraph fetch. Hive Gateway's header hook is not given the subgraph's
 * operation, so the peers are chosen by the root fields of the caller's: the same choice, since
 * only a root field that is sent to that subgraph as such (sdv's ddasExport) asks a peer in a query.
 */
function headersFor(request: Request, user: UserClaims, subgraphName: string, operationName: string | null, query: string) {
  let made = ofRequest.get(request);
  if (!made) {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const identity: Identity = { sub: user.sub, role: user.role, orgs: user.org ?? [], ...(user.team ? { team: user.team } : {}) };
    made = { requestId, identity, tokens: new Map() };
    ofRequest.set(request, made);
  }
  const { requestId, identity, tokens } = made;
  const tokenFor = (audience: string) => {
    let token = tokens.get(audience);
    if (token === undefined) tokens.set(audience, (token = signer.sign(identity, audience, { url: subgraphUrls[audience], operationName })));
    return token;
  };
  // The same tokens the project's gateway sends: the subgraph's own, and those of the peers it asks.
  const { operation, fields } = rootFieldsOfText(query);
  const peers = peersCalledBy(subgraphName, identity.role, operation, fields);
  return {
    [IDENTITY_HEADER]: tokenFor(subgraphName),
    ...(peers.length > 0 ? { [PEER_TOKENS_HEADER]: JSON.stringify(Object.fromEntries(peers.map((peer) => [peer, tokenFor(peer)]))) } : {}),
    "x-request-id": requestId,
  };
}

export const gatewayConfig = defineConfig({
  transportEntries: Object.fromEntries(Object.entries(subgraphUrls).map(([name, location]) => [name, { location }])),
  jwt: {
    signingKeyProviders: [createInlineSigningKeyProvider(required("BENCH_USER_KEY_PEM"))],
    tokenVerification: { algorithms: ["ES256"], issuer: required("AUTH_ISSUER"), audience: required("AUTH_AUDIENCE"), clockTolerance: 5 },
    reject: { missingToken: true, invalidToken: true },
  },
  genericAuth: {
    mode: "protect-granular",
    resolveUserFn: (context) => (context as { jwt?: { payload?: UserClaims } }).jwt?.payload ?? null,
    extractScopes: (user) => [`role:${(user as UserClaims).role}`],
  },
  propagateHeaders: {
    async fromClientToSubgraphs({ request, context, subgraphName }) {
      const user = (context as { jwt?: { payload?: UserClaims } }).jwt?.payload;
      if (!user) return {};
      const params = (context as { params?: { operationName?: string | null; query?: string } }).params;
      return headersFor(request, user, subgraphName, params?.operationName ?? null, params?.query ?? "");
    },
  },
});
