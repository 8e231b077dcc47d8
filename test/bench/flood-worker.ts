import { parentPort, workerData } from "node:worker_threads";

/**
 * The flooding identity of the flood benchmark, in a thread of its own so that its clients' work
 * (building and sending 43 KB requests) does not land on the gateway's event loop: only what the
 * gateway does with the flood is measured. Sends from `clients` loops for `ms` milliseconds, then
 * posts the count of answers per HTTP status.
 */
const { url, token, clients, ms, queries } = workerData as { url: string; token: string; clients: number; ms: number; queries: { same: string } | { template: string } };

const end = performance.now() + ms;
const statuses: Record<number, number> = {};
let counter = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const query = "same" in queries ? queries.same : `# request ${counter++}\n${queries.template}`;
      const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }),
);
parentPort!.postMessage(statuses);
