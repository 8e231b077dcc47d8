import { Agent } from "undici";
import { logger } from "../../subgraphs/shared/src/logger.js";
import { observeSubgraphFetch } from "./metrics.js";

/**
 * The answer of a subgraph, read whole, in the shape @apollo/gateway's data sources read from a
 * fetch Response (status, headers, json, text).
 */
class SubgraphResponse {
  readonly ok: boolean;
  readonly statusText = "";
  readonly headers: { get(name: string): string | null };

  constructor(
    readonly url: string,
    readonly status: number,
    headers: Record<string, string | string[] | undefined>,
    private readonly body: string,
  ) {
    this.ok = status >= 200 && status < 300;
    this.headers = {
      get: (name) => {
        const value = headers[name.toLowerCase()];
        return value === undefined ? null : Array.isArray(value) ? value.join(", ") : value;
      },
    };
  }

  async text(): Promise<string> {
    return this.body;
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body);
  }
}

/** Origin and path of each subgraph address, parsed once: undici would parse the URL on every call. */
const targets = new Map<string, { origin: string; path: string }>();

function target(url: string): { origin: string; path: string } {
  let found = targets.get(url);
  if (!found) {
    const parsed = new URL(url);
    found = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
    if (targets.size < 100) targets.set(url, found);
  }
  return found;
}

export interface SubgraphClientOptions {
  /** How long a subgraph may take to begin its answer, and to send each further part (SUBGRAPH_TIMEOUT_MS). */
  timeoutMs: number;
  /** Open connections per subgraph at most; more calls at once wait for one. */
  connectionsPerSubgraph?: number;
}

/**
 * The gateway's HTTP client for its subgraphs: a pool of kept-alive connections per subgraph
 * (undici), with a timeout for the answer's headers and one between parts of its body, set once on
 * the pool. Node's fetch made a Request, a web stream and a timer signal per call, which was the
 * largest part of the gateway's own time under load. A subgraph that cannot be reached, or does not
 * answer in time, becomes `unavailable(serviceName)`; every call is counted in the fetch metrics.
 */
export class SubgraphClient {
  private readonly agent: Agent;

  constructor(options: SubgraphClientOptions) {
    this.agent = new Agent({
      connections: options.connectionsPerSubgraph ?? 128,
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      // Shorter than the subgraphs' own keep-alive (65 s), so the gateway is the one that closes an idle connection.
      keepAliveTimeout: 30_000,
      keepAliveMaxTimeout: 60_000,
    });
  }

  /** A fetcher for one subgraph's data source. */
  fetcher(serviceName: string, unavailable: (serviceName: string) => Error) {
    return (async (url: string, init: { method?: string; headers?: Record<string, string>; body?: string }) => {
      const started = performance.now();
      try {
        const response = await this.agent.request({ ...target(url), method: (init.method ?? "POST") as "POST", headers: init.headers, body: init.body });
        // The body is read here, inside the timeouts and the error handling: a subgraph that stops
        // halfway is unavailable like one that never answered.
        const body = await response.body.text();
        observeSubgraphFetch(serviceName, (performance.now() - started) / 1000, response.statusCode >= 200 && response.statusCode < 300 ? "ok" : "http_error");
        return new SubgraphResponse(url, response.statusCode, response.headers, body);
      } catch (error) {
        observeSubgraphFetch(serviceName, (performance.now() - started) / 1000, "unreachable");
        logger.warn({ err: error, serviceName }, "subgraph unreachable");
        throw unavailable(serviceName);
      }
    }) as never;
  }

  close(): Promise<void> {
    return this.agent.close();
  }
}
