import { GraphQLError } from "graphql";
import { z } from "zod";
import type { SubgraphName } from "../database.js";
import type { Peers } from "../service-token.js";
import { logger } from "../logger.js";

/**
 * One internal endpoint of the peer mesh: a root field one subgraph answers for another, hidden from
 * the public graph (`@inaccessible`). The contract is the one place that says what is asked (the
 * operation text and its variables) and what comes back (the answer's schema, which is also its
 * type). The caller asks through `askPeer`, which checks the answer against the schema; the
 * answering resolver declares `AnswerOf<contract>` as its return type; test fakes are typed with
 * the same. A change on one side then fails to compile, or to validate, on the other.
 *
 * Contracts import nothing of any subgraph: the caller imports the contract, never the answering
 * subgraph's code.
 */
export interface PeerContract<Field extends string, Variables, Answer> {
  /** The subgraph that answers. */
  peer: SubgraphName;
  /** The root field, which is also the key of the answer in `data`. */
  field: Field;
  /** The operation sent, with its name, as the answering subgraph's SDL takes it. */
  operation: string;
  /** The variables the operation takes (a type only: the answering subgraph validates them against its SDL). */
  variables: z.ZodType<Variables>;
  /** The answer's schema; `z.infer` of it is the answer's type. */
  answer: z.ZodType<Answer, z.ZodTypeDef, unknown>;
}

type AnyContract = PeerContract<string, any, any>;
export type AnswerOf<C extends AnyContract> = C extends PeerContract<string, unknown, infer A> ? A : never;
export type VariablesOf<C extends AnyContract> = C extends PeerContract<string, infer V, unknown> ? V : never;

/** Declares a contract, keeping the field name as a literal type. */
export function peerContract<Field extends string, Variables, Answer>(contract: PeerContract<Field, Variables, Answer>): PeerContract<Field, Variables, Answer> {
  return contract;
}

/** What a contract is asked through: a subgraph's PeerClient (on a caller's behalf) or ServicePeers.as (on its own). */
export type PeerQuery = Peers;

/** The peer answered, but not in the shape its contract promises; the caller decides what that means for its request. */
export class MalformedPeerAnswer extends Error {
  constructor(
    readonly peer: SubgraphName,
    readonly field: string,
    readonly issues: z.ZodIssue[],
  ) {
    super(
      `${peer} answered ${field} in an unexpected shape (${issues
        .map((i) => `${i.path.join(".") || "answer"}: ${i.message}`)
        .slice(0, 3)
        .join("; ")}).`,
    );
    this.name = "MalformedPeerAnswer";
  }
}

/**
 * Asks `contract` of its peer and answers the checked answer. A peer that cannot be asked throws as
 * `query` does (SUBGRAPH_UNAVAILABLE); an answer that does not fit the contract throws
 * MalformedPeerAnswer.
 */
export async function askPeer<F extends string, V, A>(peers: PeerQuery, contract: PeerContract<F, V, A>, variables: V): Promise<A> {
  const data = await peers.query<Record<string, unknown>>(contract.peer, contract.operation, variables as Record<string, unknown>);
  const parsed = contract.answer.safeParse(data?.[contract.field]);
  if (!parsed.success) throw new MalformedPeerAnswer(contract.peer, contract.field, parsed.error.issues);
  return parsed.data;
}

/**
 * Asks a contract for a request that must not go on with a wrong answer: an answer outside the
 * contract is logged and refused as SUBGRAPH_UNAVAILABLE, its message ending with `consequence`
 * (what the caller's request did not do, and what to do about it).
 */
export async function askPeerOrRefuse<F extends string, V, A>(peers: PeerQuery, contract: PeerContract<F, V, A>, variables: V, consequence: string): Promise<A> {
  try {
    return await askPeer(peers, contract, variables);
  } catch (error) {
    if (!(error instanceof MalformedPeerAnswer)) throw error;
    logger.warn({ peer: contract.peer, what: contract.field, issues: error.issues }, "peer answered in an unexpected shape");
    throw new GraphQLError(`The ${contract.peer} service answered ${contract.field} in an unexpected shape; ${consequence}`, {
      extensions: { code: "SUBGRAPH_UNAVAILABLE", serviceName: contract.peer },
    });
  }
}

/** A calendar date as GraphQL's Date scalar writes it. */
export const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a date YYYY-MM-DD");
/** A count of rows a peer wrote. */
export const rowCount = z.number().int().nonnegative();
/** The collection phases a corporation records and sdv weighs (Art. 5.2). */
export const phase = z.enum(["ARREARS", "COLLECTION", "BAILIFF"]);
/** The four steps of socially responsible collection (Art. 3.2-3.3). */
export const collectionStepKind = z.enum(["PAYMENT_REMINDER", "PERSONAL_CONTACT_ATTEMPT", "DEBT_HELP_REFERRAL", "DATA_SHARING_NOTICE"]);
/** Tenant ids, or null for "every one the caller may see". */
export const tenantIdsOrEvery = z.object({ ids: z.array(z.string()).nullable() });
export const idList = z.array(z.string());

/**
 * The `data` a peer answers `contract` with, for test fakes: the answer must have the contract's
 * type, so that a fake cannot drift from the real endpoint unnoticed.
 */
export function answerTo<F extends string, V, A>(contract: PeerContract<F, V, A>, answer: A): { [K in F]: A } {
  return { [contract.field]: answer } as { [K in F]: A };
}
