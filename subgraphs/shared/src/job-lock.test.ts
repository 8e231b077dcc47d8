import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayTokenSigner } from "../../../gateway/src/auth/gateway-token.js";
import { generateSigningKey } from "../../../gateway/src/auth/keys.js";
import { freshDatabaseUrls } from "../../../test/support/databases.js";
import { sdvSubgraph } from "../../sdv/src/index.js";
import { swtSubgraph } from "../../swt/src/index.js";
import { runExclusively } from "./job-lock.js";
import { startSubgraph, type JobTurn, type RunningSubgraph, type ScheduledJob } from "./subgraph-server.js";

/** A promise with its resolve function at hand. */
function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/*
 * Scheduled jobs (retention) run once however many replicas of a subgraph run: each replica starts
 * the job on its own schedule, and the lock in the database lets one run at a time.
 */
describe("two replicas of a subgraph on one database run a scheduled job one at a time", () => {
  const databases = freshDatabaseUrls();
  const replicas: RunningSubgraph[] = [];
  let signer: GatewayTokenSigner;
  let inside = 0;
  let mostInside = 0;
  const turns: Record<string, JobTurn[]> = { first: [], second: [] };
  const firstEntered = deferred();
  const firstMayFinish = deferred();
  const secondsFirstTurn = deferred<"skipped" | "ran alongside">();
  const secondRan = deferred();

  /** Replica `name` of sdv, whose one job starts at once and again every 20 ms. */
  function replica(name: "first" | "second") {
    const job: ScheduledJob = {
      name: "erase-expired",
      firstRunAfterMs: 0,
      intervalMs: 20,
      run: async () => {
        inside += 1;
        mostInside = Math.max(mostInside, inside);
        try {
          if (name === "first" && turns.first.length === 0) {
            firstEntered.resolve();
            await firstMayFinish.promise;
          }
          if (name === "second") {
            secondsFirstTurn.resolve("ran alongside");
            secondRan.resolve();
          }
          return { erased: 0 };
        } finally {
          inside -= 1;
        }
      },
    };
    return startSubgraph(
      { ...sdvSubgraph, scheduledJobs: () => [job] },
      {
        databaseUrl: databases.urls.sdv,
        port: 0,
        gatewayKeys: { jwks: signer.jwks },
        runScheduledJobs: true,
        onScheduledJob: (turn) => {
          turns[name]!.push(turn);
          if (name === "second" && turn.outcome === "skipped") secondsFirstTurn.resolve("skipped");
        },
      },
    );
  }

  beforeAll(async () => {
    signer = new GatewayTokenSigner((await generateSigningKey()).key);
  });
  afterAll(async () => {
    for (const running of replicas) await running.close();
    await databases.drop();
  });

  it("skips the second replica's turn while the first runs the job, and lets it run once the first is done", async () => {
    replicas.push(await replica("first"));
    await firstEntered.promise;
    replicas.push(await replica("second"));
    expect(await secondsFirstTurn.promise).toBe("skipped");
    expect(inside).toBe(1);
    firstMayFinish.resolve();
    await secondRan.promise;
    expect(mostInside).toBe(1);
    expect(turns.first[0]).toEqual({ job: "erase-expired", outcome: "done", counts: { erased: 0 } });
    expect(turns.second.filter((turn) => turn.outcome === "failed")).toEqual([]);
  });
});

describe("the job lock", () => {
  const databases = freshDatabaseUrls();
  const replicas: RunningSubgraph[] = [];

  beforeAll(async () => {
    const { jwks } = new GatewayTokenSigner((await generateSigningKey()).key);
    // Two processes' worth of connections to one database, and a third to another subgraph's.
    for (const [definition, url] of [
      [sdvSubgraph, databases.urls.sdv],
      [sdvSubgraph, databases.urls.sdv],
      [swtSubgraph, databases.urls.swt],
    ] as const) {
      replicas.push(await startSubgraph(definition as typeof sdvSubgraph, { databaseUrl: url, port: 0, gatewayKeys: { jwks } }));
    }
  });
  afterAll(async () => {
    for (const running of replicas) await running.close();
    await databases.drop();
  });

  it("is refused to another replica while held, given back after the work, also when the work fails", async () => {
    const [first, second] = replicas.map((r) => r.dataSource);
    const entered = deferred();
    const release = deferred();
    const holding = runExclusively(first!, "sdv-retention", async () => {
      entered.resolve();
      await release.promise;
      return "erased";
    });
    await entered.promise;
    expect(await runExclusively(second!, "sdv-retention", async () => "raced")).toEqual({ ran: false });
    release.resolve();
    expect(await holding).toEqual({ ran: true, result: "erased" });
    expect(await runExclusively(second!, "sdv-retention", async () => "after")).toEqual({ ran: true, result: "after" });
    await expect(runExclusively(second!, "sdv-retention", async () => Promise.reject(new Error("disk full")))).rejects.toThrow("disk full");
    expect(await runExclusively(first!, "sdv-retention", async () => "again")).toEqual({ ran: true, result: "again" });
  });

  it("keeps different jobs, and the same job on another subgraph's database, apart", async () => {
    const [first, second, swt] = replicas.map((r) => r.dataSource);
    const entered = deferred();
    const release = deferred();
    const holding = runExclusively(first!, "sdv-retention", async () => {
      entered.resolve();
      await release.promise;
    });
    await entered.promise;
    expect(await runExclusively(second!, "sdv-retention", async () => "raced")).toEqual({ ran: false });
    expect(await runExclusively(second!, "sdv-monthly-report", async () => "other job")).toEqual({ ran: true, result: "other job" });
    expect(await runExclusively(swt!, "sdv-retention", async () => "other database")).toEqual({ ran: true, result: "other database" });
    release.resolve();
    await holding;
  });
});
