import "reflect-metadata";
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Worker } from "node:worker_threads";
import { admissionConfig } from "../../gateway/src/admission/admission.js";
import { signDevToken } from "../../gateway/src/auth/dev-issuer.js";
import { GatewayTokenSigner } from "../../gateway/src/auth/gateway-token.js";
import { createGateway } from "../../gateway/src/server.js";
import { SUBGRAPHS } from "../../subgraphs/shared/src/database.js";
import { benchEnvironment, percentile } from "./setup.js";

/**
 * One caller must not slow down the others. A normal user asks the issue query (3 signals with
 * tenant, arrears and case: three subgraphs) one request after another, first alone, then while
 * another identity floods the gateway from 8 clients with a 43 KB operation that is refused at
 * validation (its cost is far over the limit). Shown for a gateway without admission ("before":
 * no early refusal, no rate limit) and with it ("after"), the flood sending the same text each time
 * and a text made new for every request (which no cache of refused operations can remember).
 *
 *   npm run bench:flood -- [--seconds 4] [--flooders 8] [--only "after same"]
 *
 * Uses DATABASE_URL when set (databases bench_* are created and dropped), else an embedded
 * PostgreSQL; the "after" gateway counts in Redis when REDIS_URL is set. Four rows of `seconds`
 * each (plus a warm-up), about 20 s in all after the start. The number of answers the normal user
 * got in a row says as much as their latency: under a flood, few.
 */

const NORMAL_QUERY = `{ signals(first: 3) { edges { node { id tenant { name arrears { amountCents phase } } case { status } } } pageInfo { hasNextPage endCursor } } }`;

/** 25 aliases x 147 scalar fields of signals(first: 500): about 43 KB, cost far over 20,000. */
function floodQuery(): string {
  const fields = "id status channel reportingMonth signalDate municipalityCode deliveredAmountCents ".repeat(21);
  const aliases = Array.from({ length: 25 }, (_, i) => `a${i}: signals(first: 500) { edges { node { ${fields}} } }`).join(" ");
  return `query Flood { ${aliases} }`;
}

async function main() {
  const { values } = parseArgs({ options: { seconds: { type: "string", default: "4" }, flooders: { type: "string", default: "8" }, only: { type: "string" } } });
  const seconds = Number(values.seconds);
  const flooders = Number(values.flooders);
  const environment = await benchEnvironment(`bench_${process.pid}`);
  const { issuer, signingKey, auth } = environment;
  const graph = await environment.startGraph({ seedDemo: true });
  // Two more gateways on the same subgraphs, one per set-up, each with fresh limits.
  const gateway = (admission: boolean) =>
    createGateway({
      supergraphSdl: readFileSync(environment.supergraphPath, "utf8"),
      subgraphUrls: Object.fromEntries(SUBGRAPHS.map((name) => [name, graph.subgraphs[name].url])),
      auth,
      signer: new GatewayTokenSigner(signingKey),
      port: 0,
      admission: admission ? admissionConfig() : false,
    });

  const normal = await signDevToken(issuer, { role: "SDV", orgs: ["0392", "0473"], sub: "caseworker" });
  const flooder = await signDevToken(issuer, { role: "CORPORATION", orgs: ["ymere"], sub: "ymere-integration" });
  const normalBody = JSON.stringify({ query: NORMAL_QUERY });
  const flood = floodQuery();

  console.log(`node ${process.version}, load ${readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ")}`);
  console.log(`flood: ${flooders} clients of another identity, ${(flood.length / 1024).toFixed(0)} KB operation refused at validation; ${seconds} s per row`);
  console.log(`limits after: ${JSON.stringify({ ...admissionConfig().rateLimit, redisUrl: admissionConfig().rateLimit.redisUrl ? "(REDIS_URL)" : undefined })}`);
  console.log("gateway | flood | normal user p50 ms | p95 ms | normal requests | flood answers by HTTP status");

  async function row(url: string, label: string, mode: "none" | "same text" | "new text each time") {
    const post = (token: string, body: string) => fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
    for (let i = 0; i < 20; i++) await (await post(normal, normalBody)).arrayBuffer(); // warm up
    const end = performance.now() + seconds * 1000;
    let statuses: Record<number, number> = {};
    const floods =
      mode === "none"
        ? []
        : [
            new Promise<void>((resolve, reject) => {
              const worker = new Worker(new URL("./flood-worker.js", import.meta.url), {
                workerData: { url, token: flooder, clients: flooders, ms: seconds * 1000, query: flood, variants: mode === "same text" ? 1 : 2_000 },
              });
              worker.once("message", (answers: Record<number, number>) => {
                statuses = answers;
                resolve();
              });
              worker.once("error", reject);
            }),
          ];
    const latencies: number[] = [];
    let failures = 0;
    const user = (async () => {
      while (performance.now() < end) {
        const started = performance.now();
        const response = await post(normal, normalBody);
        const json = (await response.json()) as { errors?: unknown[] };
        if (!response.ok || json.errors) failures += 1;
        latencies.push(performance.now() - started);
      }
    })();
    await Promise.all([user, ...floods]);
    latencies.sort((a, b) => a - b);
    const answers =
      Object.entries(statuses)
        .map(([status, count]) => `${status}: ${count}`)
        .join(", ") || "-";
    console.log(
      `${label} | ${mode} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${latencies.length}${failures ? ` (${failures} failed)` : ""} | ${answers}`,
    );
  }

  const rows = [
    ["before", "none"],
    ["before", "same text"],
    ["after", "same text"],
    ["after", "new text each time"],
  ] as const;
  for (const [label, flood] of rows) {
    if (values.only && !`${label} ${flood}`.includes(values.only)) continue;
    const running = await gateway(label === "after");
    await row(running.url, label, flood);
    await running.close();
  }
  await graph.close();
  await environment.close();
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
