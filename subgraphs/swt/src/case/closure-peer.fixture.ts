import { startTestSubgraph } from "../../../../test/support/subgraph.js";
import { answering, startFakePeer, type FakePeer } from "../../../../test/support/peers.js";
import { swtSubgraph } from "../index.js";
import { recordCaseClosures, recordHandOvers } from "../../../shared/src/contracts/sdv.js";

/**
 * A test stand-in for the sdv subgraph (not used by the running subgraph): it answers
 * `recordCaseClosures` (and `recordHandOvers`) as the real one would, records every call with the caller's identity, and can
 * be made to fail like a subgraph that is down.
 */
export type FakeSdv = FakePeer<{
  closures: { signalIds: string[]; closedOn: string }[];
  handOvers?: { signalIds: string[]; caseId: string; teamId: string; forwardedOn: string; reason: string }[];
  audience: string;
  role: string;
  sub: string;
  team: string | undefined;
}>;

function startFakeSdv(): Promise<FakeSdv> {
  return startFakePeer(
    "sdv",
    [
      answering(recordCaseClosures, ({ closures }) => closures.reduce((n, c) => n + c.signalIds.length, 0)),
      answering(recordHandOvers, ({ handOvers }) => handOvers.reduce((n, h) => n + h.signalIds.length, 0)),
    ],
    {
      record: ({ variables, claims }) => {
        const { closures = [], handOvers } = variables as { closures?: FakeSdv["calls"][number]["closures"]; handOvers?: FakeSdv["calls"][number]["handOvers"] };
        return { closures, ...(handOvers ? { handOvers } : {}), audience: claims.aud, role: claims.role, sub: claims.sub, team: claims.team };
      },
    },
  );
}

/**
 * The swt subgraph on a fresh database with a fake sdv, called the way the gateway calls it: its own
 * token plus a token for sdv, both for the caller's identity.
 */
export async function startSwtWithSdvPeer() {
  const running = await startTestSubgraph(swtSubgraph, { peers: { sdv: await startFakeSdv() } });
  return { ...running, sdv: running.peers.sdv };
}
