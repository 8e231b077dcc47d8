import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GatewayTokenSigner } from "../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../gateway/src/auth/keys.js";
import { recordCaseClosures } from "../subgraphs/shared/src/contracts/sdv.js";
import { IDENTITY_HEADER } from "../subgraphs/shared/src/identity.js";
import { answering, startFakePeer, type FakePeer, type PeerHandler } from "./support/peers.js";
import { identities } from "./support/subgraph.js";

/** The fake peer of the subgraph tests answers only what its contracts say, and keeps every call. */
describe("a fake peer", () => {
  let signer: GatewayTokenSigner;
  let sdv: FakePeer;
  let answer: number | string = 0;

  async function ask(query: string, variables: Record<string, unknown> = {}) {
    const token = signer.sign(identities.swtSchalkwijk, "sdv");
    const response = await fetch(sdv.url, {
      method: "POST",
      headers: { "content-type": "application/json", [IDENTITY_HEADER]: token },
      body: JSON.stringify({ query, variables }),
    });
    return { status: response.status, body: (await response.json()) as { data?: Record<string, unknown>; errors?: { message: string }[] } };
  }
  const closures = { closures: [{ signalIds: ["s-1", "s-2"], closedOn: "2026-04-01" }] };

  beforeAll(async () => {
    signer = new GatewayTokenSigner((await generateSigningKey()).key);
    // The answer a test sets, cast past the contract's type to see the fake refuse it at run time as well.
    sdv = await startFakePeer("sdv", [answering(recordCaseClosures, () => answer as number)]);
  });
  afterAll(() => sdv?.close());
  beforeEach(() => {
    sdv.calls.length = 0;
    sdv.down = false;
    sdv.failing = null;
    answer = 2;
  });

  it("answers a contract through its handler, and keeps the call with the caller's claims", async () => {
    expect(await ask(recordCaseClosures.operation, closures)).toEqual({ status: 200, body: { data: { recordCaseClosures: 2 } } });
    expect(sdv.calls).toEqual([
      {
        field: "recordCaseClosures",
        query: recordCaseClosures.operation,
        variables: closures,
        claims: { role: "SWT", orgs: ["0392"], sub: "swt-worker", aud: "sdv", team: "haarlem-schalkwijk" },
      },
    ]);
  });

  it("refuses to send an answer outside the contract", async () => {
    answer = "two";
    const { body } = await ask(recordCaseClosures.operation, closures);
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/^The fake sdv subgraph answered recordCaseClosures outside its contract/);
  });

  it("answers an operation it has no handler for with an error that names it", async () => {
    const { status, body } = await ask(`mutation { recordHandOvers(handOvers: []) }`);
    expect(status).toBe(200);
    expect(body.errors?.[0]?.message).toMatch(/has no answer for "recordHandOvers"/);
    expect(sdv.calls.map((call) => call.field)).toEqual(["recordHandOvers"]);
  });

  it("answers 503 to everything when down, and to the matching fields when failing, keeping those calls too", async () => {
    sdv.down = true;
    expect((await ask(recordCaseClosures.operation, closures)).status).toBe(503);
    sdv.down = false;
    sdv.failing = /recordCase/;
    expect((await ask(recordCaseClosures.operation, closures)).status).toBe(503);
    sdv.failing = (field) => field === "somethingElse";
    expect((await ask(recordCaseClosures.operation, closures)).status).toBe(200);
    expect(sdv.calls).toHaveLength(3);
  });

  it("will not stand in for a contract another subgraph answers", async () => {
    const swtContract = { ...recordCaseClosures, peer: "swt" } as const;
    await expect(startFakePeer("sdv", [answering(swtContract, () => 1) as PeerHandler])).rejects.toThrow("the swt subgraph answers it");
  });
});
