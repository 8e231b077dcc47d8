import { parentPort, workerData } from "node:worker_threads";

/**
 * The flooding identity of the flood benchmark, in a thread of its own so that its clients' work
 * does not land on the gateway's event loop: only what the gateway does with the flood is measured.
 * The request bodies are encoded before the clock starts (a flooder's own cost, not the gateway's):
 * one body, or `variants` different ones (a comment makes each text new) sent in turn. Sends from
 * `clients` loops for `ms` milliseconds, then posts the count of answers per HTTP status.
 */
const { url, token, clients, ms, query, variants } = workerData as { url: string; token: string; clients: number; ms: number; query: string; variants: number };

const bodies = Array.from({ length: variants }, (_, i) => Buffer.from(JSON.stringify({ query: variants > 1 ? `# request ${i}\n${query}` : query })));
const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
const end = performance.now() + ms;
const statuses: Record<number, number> = {};
let sent = 0;
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const response = await fetch(url, { method: "POST", headers, body: bodies[sent++ % bodies.length] });
      await response.arrayBuffer();
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    }
  }),
);
parentPort!.postMessage(statuses);
