import { GraphQLError, Kind, OperationTypeNode, parse, type DocumentNode, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionNode } from "graphql";
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
 * The root query fields whose resolvers ask a peer, in the subgraphs that ask peers only for some
 * queries: sdv asks corporations and swt for the DDAS export; swt asks no one in a query. Every
 * other query they are sent (lists, lookups, the gateway's entity fetches) asks no one.
 */
const QUERY_FIELDS_ASKING_PEERS: Partial<Record<SubgraphName, ReadonlySet<string>>> = {
  sdv: new Set(["ddasExport"]),
  swt: new Set(),
};

/**
 * Which other subgraphs a subgraph may ask on a caller's behalf (PeerClient), by the caller's role,
 * by whether the subgraph is sent a query or a mutation, and by the root fields of what it is sent
 * (`rootFieldsOf`): the gateway sends a subgraph the tokens for these peers and no others, so a
 * token travels only where it can be used, and none is signed for nothing.
 *  - corporations asks, on every read of a tenant, which tenants the caller may see
 *    (TENANT_VISIBILITY_PEER), and in a mutation also asks sdv and swt to erase what they hold
 *    after an objection;
 *  - sdv asks corporations and swt at intake and when a referral opens a case (mutations), and for
 *    the DDAS export (a query);
 *  - swt tells sdv of closures and hand-overs (mutations).
 * A subgraph that asks a peer not listed here is refused for want of its token.
 */
export function peersCalledBy(subgraph: string, role: Role, operation: "query" | "mutation", rootFields: Iterable<string>): SubgraphName[] {
  switch (subgraph) {
    case "corporations": {
      const visibility = TENANT_VISIBILITY_PEER[role];
      if (operation === "mutation") return ["sdv", "swt"];
      return visibility ? [visibility] : [];
    }
    case "sdv":
      return operation === "mutation" || asksPeers(subgraph, rootFields) ? ["corporations", "swt"] : [];
    case "swt":
      return operation === "mutation" || asksPeers(subgraph, rootFields) ? ["sdv"] : [];
    default:
      return [];
  }
}

function asksPeers(subgraph: SubgraphName, rootFields: Iterable<string>): boolean {
  const asking = QUERY_FIELDS_ASKING_PEERS[subgraph];
  if (!asking) return true;
  for (const field of rootFields) if (asking.has(field)) return true;
  return false;
}

/** What kind of operation a subgraph is sent, and the root fields it selects. */
export interface RootFields {
  operation: "query" | "mutation";
  fields: string[];
}

/**
 * The kind and the root field names of the first operation in `document`, through fragments at
 * the root (each fragment followed once). A subscription counts as a query: none is served.
 */
export function rootFieldsOf(document: DocumentNode): RootFields {
  const definition = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const fields = new Set<string>();
  const followed = new Set<string>();
  const collect = (selections: readonly SelectionNode[]) => {
    for (const selection of selections) {
      if (selection.kind === Kind.FIELD) fields.add(selection.name.value);
      else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet.selections);
      else if (!followed.has(selection.name.value)) {
        followed.add(selection.name.value);
        const fragment = fragments.get(selection.name.value);
        if (fragment) collect(fragment.selectionSet.selections);
      }
    }
  };
  if (definition) collect(definition.selectionSet.selections);
  return { operation: definition?.operation === OperationTypeNode.MUTATION ? "mutation" : "query", fields: [...fields] };
}

/**
 * Operation texts seen, with their root fields: a query plan sends the same few texts again and
 * again. At most a thousand texts and four million characters are kept; then it starts afresh.
 */
const rootFieldsOfTexts = new Map<string, RootFields>();
let keptCharacters = 0;

/** `rootFieldsOf` an operation text, parsed once while it is kept. */
export function rootFieldsOfText(text: string): RootFields {
  let found = rootFieldsOfTexts.get(text);
  if (!found) {
    found = rootFieldsOf(parse(text));
    if (rootFieldsOfTexts.size >= 1_000 || keptCharacters + text.length > 4_000_000) {
      rootFieldsOfTexts.clear();
      keptCharacters = 0;
    }
    if (text.length <= 4_000_000) {
      rootFieldsOfTexts.set(text, found);
      keptCharacters += text.length;
    }
  }
  return found;
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
