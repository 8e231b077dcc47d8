import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { answerTo, type AnswerOf, type PeerContract, type VariablesOf } from "../../subgraphs/shared/src/contracts/contract.js";
import type { SubgraphName } from "../../subgraphs/shared/src/database.js";
import { IDENTITY_HEADER } from "../../subgraphs/shared/src/identity.js";
import { SERVICE_TOKEN_HEADER } from "../../subgraphs/shared/src/service-token.js";

/**
 * A stand-in for another subgraph in a test of one subgraph: it answers the peer contracts it is
 * given a handler for, each handler typed by its contract (subgraphs/shared/src/contracts/), so that
 * a fake cannot drift from the real endpoint unnoticed: a change of a contract fails to compile in
 * the fakes, and an answer outside the contract is refused before it is sent.
 */

/** Who called the peer: the claims of the gateway's token, or of the calling subgraph's own (service) token. */
export interface PeerClaims {
  role: string;
  orgs: string[];
  sub: string;
  /** The audience: the subgraph the token is for. */
  aud: string;
  team: string | undefined;
}

/** One call a fake peer received, whether it answered it or not. */
export interface PeerCall {
  /** The root field asked, which names the contract. */
  field: string;
  /** The operation text as sent. */
  query: string;
  variables: Record<string, unknown>;
  claims: PeerClaims;
}

type AnyContract = PeerContract<string, any, any>;

/** How a fake answers one contract: with the contract's answer type, from the contract's variables. */
export interface PeerHandler<C extends AnyContract = AnyContract> {
  contract: C;
  answer: (variables: VariablesOf<C>, claims: PeerClaims) => AnswerOf<C>;
}

/** A handler for `contract`; its answer must have the contract's type. */
export function answering<C extends AnyContract>(contract: C, answer: (variables: VariablesOf<C>, claims: PeerClaims) => AnswerOf<C>): PeerHandler<C> {
  return { contract, answer };
}

export interface FakePeer<Call = PeerCall> {
  /** The subgraph this fake stands in for. */
  name: SubgraphName;
  url: string;
  /** When true every call is answered 503, as a subgraph that is down. */
  down: boolean;
  /** When set, calls of the matching root fields are answered 503, as a peer that fails one kind of call. */
  failing: RegExp | ((field: string) => boolean) | null;
  /** Every call, in the order received, including those answered 503 or refused. */
  calls: Call[];
  close(): Promise<void>;
}

const UNAVAILABLE = { errors: [{ message: "Service unavailable." }] };

function claimsOf(req: IncomingMessage): PeerClaims {
  // The gateway's token, or the calling subgraph's own (its scheduled jobs). Not verified: the fake stands in for the peer, not for its checks.
  const token = String(req.headers[IDENTITY_HEADER] ?? req.headers[SERVICE_TOKEN_HEADER] ?? "");
  const claims = JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8") || "{}") as Partial<PeerClaims>;
  return { role: claims.role ?? "", orgs: claims.orgs ?? [], sub: claims.sub ?? "", aud: claims.aud ?? "", team: claims.team };
}

function rootFieldOf(query: string): string {
  try {
    const operation = parse(query).definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const selection = operation?.selectionSet.selections[0];
    return selection?.kind === Kind.FIELD ? selection.name.value : "";
  } catch {
    return "";
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.end(JSON.stringify(body));
}

/**
 * Starts a fake `name` subgraph answering the given contracts, each of which must be one `name`
 * answers. `record` shapes what is kept of each call (by default the call itself). A call of a
 * field without a handler is answered with a GraphQL error that names it, so that a test notices
 * an unexpected call.
 */
export async function startFakePeer<Call = PeerCall>(name: SubgraphName, handlers: PeerHandler[], options: { record?: (call: PeerCall) => Call } = {}): Promise<FakePeer<Call>> {
  const byField = new Map<string, PeerHandler>();
  for (const handler of handlers) {
    if (handler.contract.peer !== name) throw new Error(`The fake ${name} cannot answer ${handler.contract.field}: the ${handler.contract.peer} subgraph answers it.`);
    byField.set(handler.contract.field, handler);
  }
  const record = options.record ?? ((call: PeerCall) => call as Call);
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as { query?: string; variables?: Record<string, unknown> };
    const query = body.query ?? "";
    const call: PeerCall = { field: rootFieldOf(query), query, variables: body.variables ?? {}, claims: claimsOf(req) };
    peer.calls.push(record(call));
    const failing = peer.failing;
    if (peer.down || (typeof failing === "function" ? failing(call.field) : failing?.test(call.field))) return send(res, 503, UNAVAILABLE);
    const handler = byField.get(call.field);
    if (!handler) {
      return send(res, 200, {
        errors: [{ message: `The fake ${name} subgraph has no answer for "${call.field || query}"; give the fake a handler if the call is expected.` }],
      });
    }
    let answer: unknown;
    try {
      answer = handler.answer(call.variables as VariablesOf<AnyContract>, call.claims);
    } catch (error) {
      return send(res, 200, { errors: [{ message: `The fake ${name} subgraph failed to answer ${call.field}: ${String(error)}` }] });
    }
    const checked = handler.contract.answer.safeParse(answer);
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join(".") || "answer"}: ${i.message}`).join("; ");
      return send(res, 200, { errors: [{ message: `The fake ${name} subgraph answered ${call.field} outside its contract (${issues}).` }] });
    }
    return send(res, 200, { data: answerTo(handler.contract, answer) });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const peer: FakePeer<Call> = {
    name,
    url: `http://127.0.0.1:${port}/graphql`,
    down: false,
    failing: null,
    calls: [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return peer;
}
