import { GraphQLError } from "graphql";
import { IDENTITY_HEADER, type GatewayClaims } from "./identity.js";
import { tracePeerCall } from "./tracing.js";

/**
 * Lets a subgraph ask another subgraph something on the caller's behalf, for the rules that need
 * facts the other one holds (a live signal, a case of the caller's team). It uses a token the
 * gateway made for that subgraph in this request: the caller's own identity and rights, nothing
 * more, and the other subgraph applies its own policies.
 */
export class PeerClient {
  constructor(
    private readonly tokens: Record<string, string>,
    private readonly verify: (token: string, audience: string) => Promise<GatewayClaims>,
    private readonly requestId: string,
  ) {}

  async query<T>(peer: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const token = this.tokens[peer];
    if (!token) throw new Error(`No token for ${peer} came with this request; it cannot be asked.`);
    // Verify before trusting the address in it: a forged header cannot redirect the call.
    const { url } = await this.verify(token, peer);
    if (!url) throw new Error(`The token for ${peer} names no address.`);
    const headers: Record<string, string> = { "content-type": "application/json", [IDENTITY_HEADER]: token, "x-request-id": this.requestId };
    // Tracing: the call is a span of this request's trace, and the peer continues it (tracing.ts).
    const { response, body } = await tracePeerCall(peer, headers, async () => {
      const response = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }), signal: AbortSignal.timeout(10_000) });
      return { response, body: (await response.json()) as { data?: T; errors?: { message: string }[] } };
    });
    if (!response.ok || body.errors?.length || !body.data) {
      throw new GraphQLError(`The ${peer} service could not be asked (${body.errors?.[0]?.message ?? `HTTP ${response.status}`}).`, {
        extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: peer },
      });
    }
    return body.data;
  }
}
