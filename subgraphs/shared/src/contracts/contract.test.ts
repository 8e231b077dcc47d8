import { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { askPeerOrRefuse, type PeerQuery } from "./contract.js";
import { intakeFacts } from "./corporations.js";

/** A peer that answers `data` to any operation, and remembers what it was asked. */
function peerAnswering(data: unknown): PeerQuery & { asked: { peer: string; operation: string }[] } {
  const asked: { peer: string; operation: string }[] = [];
  return {
    asked,
    query: async <T>(peer: string, operation: string) => {
      asked.push({ peer, operation });
      return data as T;
    },
  } as PeerQuery & { asked: { peer: string; operation: string }[] };
}

const variables = { corporationId: "elan-wonen", references: ["R-1"] };

describe("asking a peer through its contract", () => {
  it("answers what the peer said when it fits the contract, asking the contract's peer its operation", async () => {
    const peer = peerAnswering({ intakeFacts: [] });
    await expect(askPeerOrRefuse(peer, intakeFacts, variables, "nothing was stored.")).resolves.toEqual([]);
    expect(peer.asked).toEqual([{ peer: "corporations", operation: intakeFacts.operation }]);
  });

  it("refuses an answer outside the contract as SUBGRAPH_UNAVAILABLE, saying what the request did not do", async () => {
    for (const data of [{ intakeFacts: [{ reference: 7 }] }, { intakeFacts: "all fine" }, { somethingElse: [] }, null]) {
      const refusal = await askPeerOrRefuse(peerAnswering(data), intakeFacts, variables, "nothing of this batch was stored.").catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(GraphQLError);
      expect((refusal as GraphQLError).message).toBe("The corporations service answered intakeFacts in an unexpected shape; nothing of this batch was stored.");
      expect((refusal as GraphQLError).extensions).toMatchObject({ code: "SUBGRAPH_UNAVAILABLE", serviceName: "corporations" });
    }
  });

  it("passes a peer that could not be asked at all on unchanged", async () => {
    const down: PeerQuery = { query: async () => Promise.reject(new Error("connection refused")) } as unknown as PeerQuery;
    await expect(askPeerOrRefuse(down, intakeFacts, variables, "nothing was stored.")).rejects.toThrow("connection refused");
  });
});
