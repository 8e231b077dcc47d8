import { randomUUID } from "node:crypto";
import { createInlineSigningKeyProvider, defineConfig } from "@graphql-hive/gateway";
import { GatewayTokenSigner } from "../../gateway/src/auth/gateway-token.js";
import { signingKeyFromJwk } from "../../gateway/src/auth/keys.js";
import { IDENTITY_HEADER, PEER_TOKENS_HEADER, type Identity, type Role } from "../../subgraphs/shared/src/identity.js";

/**
 * Hive Gateway set up as the project's gateway is, for `npm run bench:compare` only: it verifies
 * the same user tokens, enforces the supergraph's `@requiresScopes` (a role is the scope
 * `role:<ROLE>`), and sends each subgraph the identity tokens the project's gateway sends, signed
 * with the same key by the project's own signer (one token per subgraph, made once per request).
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

/** The request id and identity tokens of one request, by subgraph (each subgraph call of the request reads them). */
const ofRequest = new WeakMap<object, { requestId: string; tokens: Promise<Record<string, string>> }>();

function tokensFor(request: Request, user: UserClaims, operationName: string | null) {
  let made = ofRequest.get(request);
  if (!made) {
    const requestId = request.headers.get("x-request-id") ?? randomUUID();
    const identity: Identity = { sub: user.sub, role: user.role, orgs: user.org ?? [], ...(user.team ? { team: user.team } : {}) };
    const tokens = Promise.all(
      Object.entries(subgraphUrls).map(async ([name, url]) => [name, await signer.sign(identity, name, requestId, { url, operationName })] as const),
    ).then(Object.fromEntries);
    made = { requestId, tokens };
    ofRequest.set(request, made);
  }
  return made;
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
      const operationName = (context as { params?: { operationName?: string | null } }).params?.operationName ?? null;
      const { requestId, tokens } = tokensFor(request, user, operationName);
      const { [subgraphName]: own, ...peers } = await tokens;
      return { [IDENTITY_HEADER]: own, [PEER_TOKENS_HEADER]: JSON.stringify(peers), "x-request-id": requestId };
    },
  },
});
