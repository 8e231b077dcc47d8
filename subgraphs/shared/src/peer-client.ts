import { GraphQLError } from "graphql";
import { Agent, request } from "undici";
import type { SubgraphName } from "./database.js";
import { IDENTITY_HEADER, type GatewayClaims, type Role } from "./identity.js";
import { tracePeerCall } from "./tracing.js";

/**
 * The subgraph that holds the facts deciding which tenants a role may see in the corporations
 * subgraph: the sdv subgraph knows the live signals (SDV) and the budget coach's referrals
 * (BUDGET_COACH), the swt subgraph the cases of a team (SWT). Each answers under its own policies
 * for the caller's identity. Other roles make the corporations subgraph ask no one.
 */
export const TENANT_VISIBILITY_PEER: Partial<Record<Role, "sdv" | "swt">> = { SDV: "sdv", BUDGET_COACH: "sdv", SWT: "swt" };

/**
 * Which other subgraphs a subgraph may ask on a caller's behalf (PeerClient), by the caller's role
 * and by whether the subgraph is sent a query or a mutation: the gateway sends a subgraph the
 * tokens for these peers and no others, so a token travels only where it can be used.
 *  - corporations asks which tenants the caller may see (TENANT_VISIBILITY_PEER), and in a
 *    mutation also asks sdv and swt to erase what they hold after an objection;
 *  - sdv asks corporations and swt at intake, for the DDAS export and when a referral opens a case;
 *  - swt tells sdv of closures and hand-overs.
 * A subgraph that asks a peer not listed here is refused for want of its token.
 */
export function peersCalledBy(subgraph: string, role: Role, operation: "query" | "mutation"): SubgraphName[] {
  switch (subgraph) {
    case "corporations": {
      const visibility = TENANT_VISIBILITY_PEER[role];
      if (operation === "mutation") return ["sdv", "swt"];
      return visibility ? [visibility] : [];
    }
    case "sdv":
      return ["corporations", "swt"];
    case "swt":
      return ["sdv"];
    default:
      return [];
  }
}

/**
 * Kept-alive connections to the peers, shared by the requests of this process: a peer call decides
 * what the caller may see, on the path of the answer. 10 s for the answer to begin, and between
 * parts of it. Idle connections do not keep the process alive.
 */
const peerConnections = new Agent({ connections: 64, headersTimeout: 10_000, bodyTimeout: 10_000, keepAliveTimeout: 30_000 });

/**
 * Lets a subgraph ask another subgraph something on the caller's behalf, for the rules that need
 * facts the other one holds (a live signal, a case of the caller's team). It uses a token the
 * gateway made for that subgraph in this request: the caller's own identity and rights, nothing
 * more, and the other subgraph applies its own policies.
 */
export class PeerClient {
  /** Each peer's token is verified once per request, however many questions are asked of it. */
  private readonly verified = new Map<string, Promise<GatewayClaims>>();

  constructor(
    private readonly tokens: Record<string, string>,
    private readonly verify: (token: string, audience: string) => Promise<GatewayClaims>,
    private readonly requestId: string,
  ) {}

  async query<T>(peer: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = this.tokens[peer];
    if (!token) throw new Error(`No token for ${peer} came with this request; it cannot be asked.`);
    // Verify before trusting the address in it: a forged header cannot redirect the call.
    let claims = this.verified.get(peer);
    if (!claims) this.verified.set(peer, (claims = this.verify(token, peer)));
    const { url } = await claims;
    if (!url) throw new Error(`The token for ${peer} names no address.`);
    const headers: Record<string, string> = { "content-type": "application/json", [IDENTITY_HEADER]: token, "x-request-id": this.requestId };
    // Tracing: the call is a span of this request's trace, and the peer continues it (tracing.ts).
    const { statusCode, body } = await tracePeerCall(peer, headers, async () => {
      const response = await request(url, { dispatcher: peerConnections, method: "POST", headers, body: JSON.stringify({ query, variables }) });
      return { statusCode: response.statusCode, body: (await response.body.json()) as { data?: T; errors?: { message: string }[] } };
    });
    const ok = statusCode >= 200 && statusCode < 300;
    if (!ok || body.errors?.length || !body.data) {
      throw new GraphQLError(`The ${peer} service could not be asked (${body.errors?.[0]?.message ?? `HTTP ${statusCode}`}).`, {
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: peer },
      });
    }
    return body.data;
  }
}
