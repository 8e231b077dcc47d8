import type { ApolloServerPlugin } from "@apollo/server";
import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/** Prometheus metrics of the gateway, served at GET /metrics on a port of their own (METRICS_PORT). */
export const registry = new Registry();
collectDefaultMetrics({ register: registry });

const operations = new Histogram({
  name: "gateway_operation_duration_seconds",
  help: "Time from parsing to the answer, per operation type and outcome.",
  labelNames: ["operation", "outcome"] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const forbiddenFields = new Counter({
  name: "gateway_forbidden_fields_total",
  help: "Fields removed from operations because the caller's role may not read them.",
  registers: [registry],
});

const subgraphFetches = new Histogram({
  name: "gateway_subgraph_fetch_duration_seconds",
  help: "Duration of calls to each subgraph, by outcome.",
  labelNames: ["subgraph", "outcome"] as const,
  buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
  registers: [registry],
});

const shortcutFetches = new Counter({
  name: "gateway_single_fetch_shortcut_total",
  help: "Queries sent to their one subgraph by the single-fetch shortcut: answered as they came (served), or handed on to the query plan's execution with errors (handed_on).",
  labelNames: ["outcome"] as const,
  registers: [registry],
});

export function countShortcutFetch(outcome: "served" | "handed_on"): void {
  shortcutFetches.inc({ outcome });
}

export function observeSubgraphFetch(subgraph: string, seconds: number, outcome: "ok" | "http_error" | "unreachable"): void {
  subgraphFetches.observe({ subgraph, outcome }, seconds);
}

/** Times every operation; counts FORBIDDEN field errors. */
export function metricsPlugin(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      const started = performance.now();
      let operation = "unknown";
      return {
        async didResolveOperation({ operation: definition }) {
          operation = definition?.operation ?? "unknown";
        },
        async willSendResponse({ response }) {
          const result = response.body.kind === "single" ? response.body.singleResult : undefined;
          const errors = result?.errors ?? [];
          const forbidden = errors.filter((e) => e.extensions?.code === "FORBIDDEN").length;
          if (forbidden) forbiddenFields.inc(forbidden);
          const outcome = errors.length === 0 ? "ok" : forbidden === errors.length ? "partial" : "error";
          operations.observe({ operation, outcome }, (performance.now() - started) / 1000);
        },
      };
    },
  };
}
