import "reflect-metadata";
import { parseArgs } from "node:util";
import { signDevToken } from "../../gateway/src/auth/dev-issuer.js";
import { benchEnvironment, percentile } from "./setup.js";
import { startTracing } from "../../subgraphs/shared/src/tracing.js";

/**
 * Latency and throughput of typical operations through the gateway, on the seeded demo world.
 *   npm run bench -- [--seconds 10] [--concurrency 8] [--compare-authorization]
 * --compare-authorization runs every operation twice: with field authorization enforced at the
 * gateway (as always in production) and without, to show what the enforcement costs.
 * Uses DATABASE_URL when set (databases bench_* are created and dropped), else an embedded PostgreSQL.
 */
const QUERIES: Record<string, { role: Parameters<typeof signDevToken>[1]; query: string; expectErrors?: boolean }> = {
  "issue query: 3 signals + tenant + arrears + case (3 subgraphs)": {
    role: { role: "SDV", orgs: ["0392", "0473"] },
    query: `{ signals(first: 3) { edges { node { id tenant { name arrears { amountCents phase } } case { status } } } pageInfo { hasNextPage endCursor } } }`,
  },
  "100 signals + tenant + arrears + case (3 subgraphs)": {
    role: { role: "SDV", orgs: ["0392", "0473"] },
    query: `{ signals(first: 100) { edges { node { id priority { level } tenant { name arrears { amountCents phase } } case { status } } } } }`,
  },
  "SDV asks case notes it may not read (fields removed, FORBIDDEN errors)": {
    role: { role: "SDV", orgs: ["0392", "0473"] },
    query: `{ signals(first: 20) { edges { node { id tenant { name } case { status notes { text } } } } } }`,
    expectErrors: true,
  },
  "50 tenants of one corporation (1 subgraph)": {
    role: { role: "CORPORATION", orgs: ["elan-wonen"] },
    query: `{ tenants(first: 50) { edges { node { id name address { postcode } arrears { amountCents } } } } }`,
  },
};

async function main() {
  const { values } = parseArgs({
    options: { seconds: { type: "string", default: "10" }, concurrency: { type: "string", default: "8" }, "compare-authorization": { type: "boolean", default: false } },
  });
  const seconds = Number(values.seconds);
  const concurrency = Number(values.concurrency);
  // With OTEL_EXPORTER_OTLP_ENDPOINT set, the graph is traced as under `npm start`: the cost of tracing.
  const tracing = await startTracing("early-warning-graph");
  console.log(`tracing: ${tracing ? `on, exporting to ${process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_ENDPOINT}` : "off"}`);
  const environment = await benchEnvironment(`bench_${process.pid}`);
  const issuer = environment.issuer;
  const start = (enforceAuthorization: boolean) => environment.startGraph({ seedDemo: true, enforceAuthorization });
  const modes = values["compare-authorization"] ? [true, false] : [true];

  console.log(`node ${process.version}, ${concurrency} concurrent clients, ${seconds} s per operation, demo world seeded`);
  console.log("operation | field authorization | requests/s | p50 ms | p95 ms | p99 ms | errors | CPU ms/request");
  for (const enforce of modes) {
    const graph = await start(enforce);
    for (const [name, { role, query, expectErrors }] of Object.entries(QUERIES)) {
      const token = await signDevToken(issuer, role);
      const body = JSON.stringify({ query });
      const send = async () => {
        const response = await fetch(graph.gateway.url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body });
        const json = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
        const unexpected = (json.errors ?? []).filter((e) => !(expectErrors && e.extensions?.code === "FORBIDDEN"));
        return unexpected.length === 0 && response.ok;
      };
      for (let i = 0; i < 20; i++) await send(); // warm up: plan cache, JIT, connections
      const latencies: number[] = [];
      let errors = 0;
      // CPU time of this process (gateway, subgraphs and client; not PostgreSQL) per request: less
      // swayed by other work on the machine than requests per second.
      const cpuBefore = process.cpuUsage();
      const end = performance.now() + seconds * 1000;
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (performance.now() < end) {
            const start = performance.now();
            if (!(await send())) errors += 1;
            latencies.push(performance.now() - start);
          }
        }),
      );
      const cpu = process.cpuUsage(cpuBefore);
      latencies.sort((a, b) => a - b);
      console.log(
        `${name} | ${enforce ? "enforced" : "off"} | ${(latencies.length / seconds).toFixed(0)} | ${percentile(latencies, 50).toFixed(1)} | ${percentile(latencies, 95).toFixed(1)} | ${percentile(latencies, 99).toFixed(1)} | ${errors} | ${((cpu.user + cpu.system) / 1000 / latencies.length).toFixed(2)}`,
      );
    }
    const rss = process.memoryUsage().rss / 1024 / 1024;
    console.log(`resident memory of the process (gateway + 3 subgraphs + bench client): ${rss.toFixed(0)} MiB`);
    await graph.close();
  }
  await environment.close();
  await tracing?.shutdown();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
