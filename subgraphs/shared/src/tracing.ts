import type { IncomingMessage, ServerResponse } from "node:http";
import { context, createContextKey, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Tracer } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-node";
import type { Resource } from "@opentelemetry/resources";
import { logger } from "./logger.js";

/**
 * Traces for operators: one span per GraphQL request at the gateway (with its request id), the
 * gateway's own spans per subgraph call (@apollo/gateway's `gateway.fetch`), one server span per
 * request in each subgraph, continuing the gateway's trace from the W3C `traceparent` header, a
 * client span per call between subgraphs, and one span per SQL statement (@opentelemetry/
 * instrumentation-pg, through TypeORM's `require("pg")`).
 *
 * Only when OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT) is set is the SDK
 * loaded and started; otherwise every helper here returns at its first line and no span, not even
 * a no-op one, is made.
 *
 * No personal data leaves the process: a span keeps only the attributes listed in RECORDED (names,
 * kinds, the request id, the part of the graph, the SQL text, which has placeholders for every
 * value), its status code without a message, and no events (exceptions carry messages that may
 * quote a caller's input). Variables, SQL parameter values, tokens and the caller's identity are
 * never set on a span; anything an instrumentation adds beyond the list is dropped before export.
 */

/** The attributes a span may carry when exported; everything else is dropped. */
export const RECORDED: ReadonlySet<string> = new Set([
  // Ours: the request span and the calls between subgraphs.
  "request.id",
  "http.request.method",
  "http.response.status_code",
  "url.path",
  "graphql.operation.name",
  "subgraph.name",
  // @apollo/gateway's spans: the subgraph a fetch goes to, the operation's kind.
  "service",
  "graphql.operation.type",
  // @opentelemetry/instrumentation-pg: the statement with its $1 placeholders, never the values.
  "db.system.name",
  "db.namespace",
  "db.operation.name",
  "db.collection.name",
  "db.query.text",
  "server.address",
  "server.port",
  "error.type",
]);

/** Which part of the graph (gateway, corporations, sdv, swt) a span is made in, carried in the context. */
const PART = createContextKey("early-warning-graph part");

/** Set once the SDK runs; while undefined, tracing costs a comparison. */
let tracer: Tracer | undefined;

export interface Tracing {
  /** Exports what is still buffered and stops; call after the servers have stopped. */
  shutdown(): Promise<void>;
}

/**
 * Starts the OpenTelemetry SDK when an OTLP endpoint is configured, before any database is opened
 * (the SQL instrumentation hooks `require("pg")`). `defaultPart` names the process: the part a
 * span belongs to when no request names one (gateway, corporations, sdv, swt, or
 * early-warning-graph for `npm start`, which runs them all in one process).
 */
export async function startTracing(defaultPart: string, env: NodeJS.ProcessEnv = process.env): Promise<Tracing | undefined> {
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!endpoint || env.OTEL_SDK_DISABLED === "true" || tracer) return undefined;
  // Loaded only now: a graph without tracing never loads the SDK.
  const [{ NodeTracerProvider, BatchSpanProcessor }, { OTLPTraceExporter }, { PgInstrumentation }, { defaultResource, detectResources, envDetector, resourceFromAttributes }] =
    await Promise.all([
      import("@opentelemetry/sdk-trace-node"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/instrumentation-pg"),
      import("@opentelemetry/resources"),
    ]);
  // OTEL_RESOURCE_ATTRIBUTES (deployment.environment, say) apply; service.name is always the part.
  const base = defaultResource().merge(detectResources({ detectors: [envDetector] }));
  const resources = new Map<string, Resource>();
  const resourceOf = (part: string) => {
    let resource = resources.get(part);
    if (!resource) {
      resource = base.merge(resourceFromAttributes({ "service.name": part, "service.namespace": "early-warning-graph" }));
      resources.set(part, resource);
    }
    return resource;
  };
  // The exporter reads the endpoint (adding /v1/traces), headers and timeout from the OTEL_* variables.
  const exported = new BatchSpanProcessor(new OTLPTraceExporter());
  const provider = new NodeTracerProvider({
    resource: resourceOf(defaultPart),
    spanProcessors: [new RecordedOnly(exported, defaultPart, resourceOf)],
  });
  // Global tracer provider (so @apollo/gateway's spans join), AsyncLocalStorage context, W3C propagation.
  provider.register();
  // Only statements inside a traced request: migrations and scheduled jobs make no root spans.
  const pg = new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false, ignoreConnectSpans: true });
  pg.setTracerProvider(provider);
  pg.enable();
  tracer = provider.getTracer("early-warning-graph");
  logger.info({ part: defaultPart }, "tracing: spans are exported over OTLP");
  return {
    async shutdown() {
      tracer = undefined;
      pg.disable();
      await provider.shutdown().catch((error: unknown) => logger.warn({ err: error }, "tracing: spans could not be flushed"));
    },
  };
}

/** True while spans are made and exported. */
export function tracingActive(): boolean {
  return tracer !== undefined;
}

/**
 * Gives every span the resource of the part it was made in (read from its parent context), so that
 * in one process each part still appears under its own service.name; and passes on only what
 * RECORDED allows, without status messages or events.
 */
class RecordedOnly implements SpanProcessor {
  private readonly parts = new WeakMap<object, string>();

  constructor(
    private readonly next: SpanProcessor,
    private readonly defaultPart: string,
    private readonly resourceOf: (part: string) => Resource,
  ) {}

  onStart(span: Span, parentContext: Context): void {
    const part = parentContext.getValue(PART);
    if (typeof part === "string") this.parts.set(span, part);
  }

  onEnd(span: ReadableSpan): void {
    const attributes: Attributes = {};
    let dropped = span.droppedAttributesCount;
    for (const [key, value] of Object.entries(span.attributes)) {
      if (RECORDED.has(key)) attributes[key] = value;
      else dropped += 1;
    }
    this.next.onEnd({
      name: span.name,
      kind: span.kind,
      spanContext: () => span.spanContext(),
      parentSpanContext: span.parentSpanContext,
      startTime: span.startTime,
      endTime: span.endTime,
      status: { code: span.status.code },
      attributes,
      links: [],
      events: [],
      duration: span.duration,
      ended: span.ended,
      resource: this.resourceOf(this.parts.get(span) ?? this.defaultPart),
      instrumentationScope: span.instrumentationScope,
      droppedAttributesCount: dropped,
      droppedEventsCount: span.droppedEventsCount + span.events.length,
      droppedLinksCount: span.droppedLinksCount + span.links.length,
    });
  }

  forceFlush(): Promise<void> {
    return this.next.forceFlush();
  }

  shutdown(): Promise<void> {
    return this.next.shutdown();
  }
}

/** A GraphQL operation name as the caller gave it (body or query string), when it is a valid Name. */
function operationNameOf(body: unknown, search: string): string | undefined {
  const given = body && typeof body === "object" ? (body as { operationName?: unknown }).operationName : new URLSearchParams(search).get("operationName");
  return typeof given === "string" && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(given) ? given : undefined;
}

/**
 * Runs one GraphQL request inside a server span of `part`, which ends when the response is done.
 * With `continueCallerTrace` (the subgraphs, called by the gateway and by each other) the span
 * continues the trace of the `traceparent` header; the gateway, the public door, starts a new one.
 */
export function traceGraphQLRequest<T>(
  part: string,
  request: { req: IncomingMessage; res: ServerResponse; requestId: string; body: unknown; search: string; continueCallerTrace?: boolean },
  run: () => Promise<T>,
): Promise<T> {
  if (!tracer) return run();
  const { req, res } = request;
  const caller = request.continueCallerTrace ? propagation.extract(ROOT_CONTEXT, req.headers) : ROOT_CONTEXT;
  const parent = caller.setValue(PART, part);
  const operationName = operationNameOf(request.body, request.search);
  const span = tracer.startSpan(
    `${req.method ?? "GET"} /graphql`,
    {
      kind: SpanKind.SERVER,
      attributes: {
        "request.id": request.requestId,
        "http.request.method": req.method ?? "GET",
        "url.path": "/graphql",
        ...(operationName ? { "graphql.operation.name": operationName } : {}),
      },
    },
    parent,
  );
  res.once("close", () => {
    span.setAttribute("http.response.status_code", res.statusCode);
    if (res.statusCode >= 500 || !res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  });
  return context.with(trace.setSpan(parent, span), run);
}

/**
 * Adds the current trace's `traceparent` to a subgraph request the gateway is about to send (its
 * parent is @apollo/gateway's `gateway.fetch` span for that call).
 */
export function injectTraceContext(headers: { set(name: string, value: string): unknown } | undefined): void {
  if (!tracer || !headers) return;
  propagation.inject(context.active(), headers, { set: (carrier, key, value) => void carrier.set(key, value) });
}

/**
 * Runs a call to another subgraph inside a client span, with `traceparent` added to `headers`
 * (before `call` sends them), so that the other subgraph continues the same trace.
 */
export async function tracePeerCall<T>(peer: string, headers: Record<string, string>, call: () => Promise<T>): Promise<T> {
  if (!tracer) return call();
  const span = tracer.startSpan(`peer ${peer}`, { kind: SpanKind.CLIENT, attributes: { "subgraph.name": peer } });
  const active = trace.setSpan(context.active(), span);
  propagation.inject(active, headers);
  try {
    return await context.with(active, call);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs a fetch the gateway sends without @apollo/gateway's execution (gateway/src/single-fetch.ts)
 * inside a span like the one @apollo/gateway makes for each fetch, `gateway.fetch` with the
 * subgraph's name as `service`, so that a trace looks the same whichever way the fetch went.
 */
export async function traceSubgraphFetch<T>(service: string, call: () => Promise<T>): Promise<T> {
  if (!tracer) return call();
  const span = tracer.startSpan("gateway.fetch", { attributes: { service } });
  try {
    return await context.with(trace.setSpan(context.active(), span), call);
  } catch (error) {
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}
