import { execFile, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { context, trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { freePort } from "../subgraphs/shared/src/database.js";
import { injectTraceContext, startTracing, traceGraphQLRequest, tracePeerCall, tracingActive } from "../subgraphs/shared/src/tracing.js";
import { builtProject } from "./support/build.js";

/** One span as the OTLP/HTTP JSON export carries it, with the service it was exported under. */
interface ExportedSpan {
  service: string;
  /** deployment.environment of its resource (from OTEL_RESOURCE_ATTRIBUTES). */
  environment: string | undefined;
  scope: string;
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  attributes: Record<string, string | number | boolean>;
  events: unknown[];
  status: { code?: number; message?: string };
}

type AnyValue = { stringValue?: string; intValue?: string | number; boolValue?: boolean; doubleValue?: number };

function valueOf(value: AnyValue): string | number | boolean {
  return value.stringValue ?? value.boolValue ?? value.doubleValue ?? Number(value.intValue);
}

/** A minimal OTLP/HTTP receiver: keeps every span of every JSON export it is sent. */
async function startReceiver(): Promise<{ url: string; spans: ExportedSpan[]; requests: number; close(): Promise<void> }> {
  const received = { spans: [] as ExportedSpan[], requests: 0 };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.requests += 1;
      if (req.url === "/v1/traces" && (req.headers["content-type"] ?? "").includes("json")) {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as {
          resourceSpans: { resource: { attributes: { key: string; value: AnyValue }[] }; scopeSpans: { scope: { name: string }; spans: Record<string, unknown>[] }[] }[];
        };
        for (const resourceSpans of body.resourceSpans) {
          const resource = Object.fromEntries(resourceSpans.resource.attributes.map((a) => [a.key, valueOf(a.value)]));
          const service = String(resource["service.name"]);
          for (const scopeSpans of resourceSpans.scopeSpans) {
            for (const span of scopeSpans.spans) {
              received.spans.push({
                service,
                environment: resource["deployment.environment"] as string | undefined,
                scope: scopeSpans.scope.name,
                traceId: span.traceId as string,
                spanId: span.spanId as string,
                parentSpanId: (span.parentSpanId as string | undefined) ?? "",
                name: span.name as string,
                kind: span.kind as number,
                attributes: Object.fromEntries((span.attributes as { key: string; value: AnyValue }[]).map((a) => [a.key, valueOf(a.value)])),
                events: (span.events as unknown[] | undefined) ?? [],
                status: (span.status as ExportedSpan["status"] | undefined) ?? {},
              });
            }
          }
        }
      }
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as { port: number }).port}`,
    get spans() {
      return received.spans;
    },
    get requests() {
      return received.requests;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The README's cross-partner question: signals (sdv) with their tenants' names (corporations) and case status (swt). */
const CROSS_PARTNER = `query CrossPartner($municipality: String, $first: Int!) {
  signals(first: $first, filter: { municipalityCode: $municipality }) { edges { node { id tenant { name } case { status } } } }
}`;

describe("traces operators can follow", () => {
  let build: string;
  let dataDir: string;

  beforeAll(async () => {
    build = await builtProject(inject("testRun"));
    dataDir = mkdtempSync(path.join(tmpdir(), "ewg-tracing-"));
    chmodSync(dataDir, 0o755);
  }, 300_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  /** `npm start`'s compiled program on its own ports and embedded PostgreSQL, with `extra` in its environment. */
  async function startGraph(extra: Record<string, string>) {
    const ports = { PORT: await freePort(), CORPORATIONS_PORT: await freePort(), SDV_PORT: await freePort(), SWT_PORT: await freePort(), EMBEDDED_PG_PORT: await freePort() };
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...Object.fromEntries(Object.entries(ports).map(([key, port]) => [key, String(port)])),
      DATA_DIR: dataDir,
      SCHEDULED_JOBS: "false",
      METRICS_PORT: "off",
      LOG_LEVEL: "info",
    };
    for (const name of ["DATABASE_URL", "TEST_CLOCK", "NODE_ENV", "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "OTEL_RESOURCE_ATTRIBUTES"])
      delete env[name];
    Object.assign(env, extra);
    const child = spawn(process.execPath, [path.join(build, "dev/start.js")], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.on("close", (code) => resolve(code)));
    try {
      await waitFor(() => output.includes("Early-warning graph is running") || child.exitCode !== null, 120_000);
    } catch (error) {
      child.kill("SIGKILL");
      throw new Error(`npm start did not come up: ${String(error)}\n${output}`);
    }
    return { child, env, exited, gatewayUrl: `http://127.0.0.1:${ports.PORT}/graphql`, output: () => output };
  }

  it(
    "with OTEL_EXPORTER_OTLP_ENDPOINT set, one trace runs from the gateway's request through each subgraph call to the SQL statements, and carries no personal data",
    { timeout: 240_000 },
    async () => {
      const receiver = await startReceiver();
      const graph = await startGraph({ SEED_DEMO: "true", OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_RESOURCE_ATTRIBUTES: "deployment.environment=tracing-test" });
      const { child, env, exited } = graph;
      try {
        expect(graph.output()).toContain("Early-warning graph is running");
        expect(graph.output()).toContain("tracing: spans are exported over OTLP");
        const { stdout: token } = await promisify(execFile)(process.execPath, [path.join(build, "dev/token.js"), "--role", "SDV", "--org", "0392,0473"], {
          env: { ...env, LOG_LEVEL: "error" },
        });
        const variables = { municipality: "0392", first: 20 };
        const requestId = "trace-test-request-1";
        const response = await fetch(graph.gatewayUrl, {
          method: "POST",
          headers: { authorization: `Bearer ${token.trim()}`, "content-type": "application/json", "x-request-id": requestId },
          body: JSON.stringify({ query: CROSS_PARTNER, operationName: "CrossPartner", variables }),
        });
        const answer = (await response.json()) as {
          data?: { signals: { edges: { node: { id: string; tenant: { name: string } | null; case: { status: string } | null } }[] } };
          errors?: unknown;
        };
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        const names = answer.data!.signals.edges.flatMap(({ node }) => (node.tenant ? [node.tenant.name] : []));
        expect(names.length).toBeGreaterThan(0);
        expect(answer.data!.signals.edges.some(({ node }) => node.case)).toBe(true);
        // A query of one subgraph, twice: the second goes by the gateway's single-fetch shortcut.
        for (const id of ["trace-test-single-1", "trace-test-single-2"]) {
          const single = await fetch(graph.gatewayUrl, {
            method: "POST",
            headers: { authorization: `Bearer ${token.trim()}`, "content-type": "application/json", "x-request-id": id },
            body: JSON.stringify({ query: `{ signals(first: 3) { edges { node { id priority { level } } } } }` }),
          });
          expect(((await single.json()) as { errors?: unknown }).errors).toBeUndefined();
        }

        // A graceful stop exports what is still buffered.
        child.kill("SIGTERM");
        expect(await exited, graph.output()).toBe(0);
        const spans = receiver.spans;

        const request = spans.find((span) => span.service === "gateway" && span.name === "POST /graphql" && span.attributes["request.id"] === requestId);
        expect(request, spans.map((s) => `${s.service} ${s.name}`).join("\n")).toBeDefined();
        expect(request!.parentSpanId).toBe("");
        expect(request!.attributes["graphql.operation.name"]).toBe("CrossPartner");
        expect(new Set(spans.map((span) => span.environment))).toEqual(new Set(["tracing-test"]));
        const inTrace = spans.filter((span) => span.traceId === request!.traceId);
        const byId = new Map(inTrace.map((span) => [span.spanId, span]));
        const ancestors = (span: ExportedSpan): ExportedSpan[] => {
          const parent = byId.get(span.parentSpanId);
          return parent ? [parent, ...ancestors(parent)] : [];
        };

        // One call span per subgraph at the gateway, each the parent of that subgraph's server span.
        for (const subgraph of ["corporations", "sdv", "swt"]) {
          const call = inTrace.find((span) => span.service === "gateway" && span.name === "gateway.fetch" && span.attributes.service === subgraph);
          expect(call, `the gateway's call to ${subgraph}`).toBeDefined();
          expect(ancestors(call!)).toContain(request);
          const server = inTrace.find((span) => span.service === subgraph && span.name === "POST /graphql" && span.parentSpanId === call!.spanId);
          expect(server, `${subgraph}'s server span under the gateway's call`).toBeDefined();
          expect(server!.attributes["request.id"]).toBe(requestId);
        }
        // The same for the query the shortcut served: its fetch span, and sdv's server span under it.
        const single = spans.find((span) => span.service === "gateway" && span.name === "POST /graphql" && span.attributes["request.id"] === "trace-test-single-2");
        expect(single).toBeDefined();
        const singleTrace = spans.filter((span) => span.traceId === single!.traceId);
        const singleCall = singleTrace.find((span) => span.name === "gateway.fetch" && span.attributes.service === "sdv");
        expect(singleCall, singleTrace.map((s) => `${s.service} ${s.name}`).join("\n")).toBeDefined();
        expect(singleTrace.some((span) => span.service === "sdv" && span.name === "POST /graphql" && span.parentSpanId === singleCall!.spanId)).toBe(true);
        // SQL statements, each inside a subgraph's server span of this trace, with placeholders for values.
        const statements = inTrace.filter((span) => span.scope === "@opentelemetry/instrumentation-pg");
        expect(statements.length).toBeGreaterThan(0);
        for (const statement of statements) {
          expect(ancestors(statement)).toContain(request);
          expect(ancestors(statement).some((span) => span.service === statement.service && span.name === "POST /graphql")).toBe(true);
          expect(typeof statement.attributes["db.query.text"]).toBe("string");
        }
        expect(new Set(statements.map((span) => span.service))).toEqual(new Set(["corporations", "sdv", "swt"]));
        // The corporations subgraph asks sdv which tenants the caller may see: that peer call is in the trace too.
        const peer = inTrace.find((span) => span.service === "corporations" && span.name.startsWith("peer "));
        expect(peer).toBeDefined();
        expect(inTrace.some((span) => span.name === "POST /graphql" && span.parentSpanId === peer!.spanId)).toBe(true);

        // No personal data: no tenant name, token, variable value or caller in any attribute; no events, no status messages.
        const forbidden = [...names, token.trim(), ...Object.values(variables).map(String), "0473", "eyJ"];
        for (const span of spans) {
          for (const [key, value] of Object.entries(span.attributes)) {
            if (typeof value !== "string") continue;
            for (const secret of forbidden) expect(value.includes(secret), `${span.service} ${span.name} ${key}=${value}`).toBe(false);
          }
          expect(span.events).toEqual([]);
          expect(span.status.message ?? "").toBe("");
        }
        expect(Object.keys(Object.assign({}, ...spans.map((span) => span.attributes))).sort()).not.toContain("db.postgresql.values");
      } finally {
        if (child.exitCode === null) child.kill("SIGKILL");
        await receiver.close();
      }
    },
  );

  it("npm start without an OTLP endpoint starts no tracing and stops cleanly", { timeout: 240_000 }, async () => {
    const { child, exited, output } = await startGraph({ SEED_DEMO: "false" });
    try {
      expect(output()).toContain("Early-warning graph is running");
      child.kill("SIGTERM");
      expect(await exited, output()).toBe(0);
      expect(output()).not.toContain("tracing:");
    } finally {
      if (child.exitCode === null) child.kill("SIGKILL");
    }
  });

  it("without an OTLP endpoint no SDK starts: no tracer provider is registered and requests run without spans or trace headers", async () => {
    const env = { ...process.env };
    delete env.OTEL_EXPORTER_OTLP_ENDPOINT;
    delete env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    expect(await startTracing("gateway", env)).toBeUndefined();
    expect(tracingActive()).toBe(false);
    expect(trace.getTracer("probe").startSpan("probe").isRecording()).toBe(false);

    const headers = new Map<string, string>();
    const outgoing: Record<string, string> = {};
    const fakeRequest = { headers: {}, method: "POST" } as IncomingMessage;
    const fakeResponse = { once: () => undefined } as unknown as ServerResponse;
    const answer = await traceGraphQLRequest("gateway", { req: fakeRequest, res: fakeResponse, requestId: "r", body: {}, search: "" }, async () => {
      injectTraceContext(headers);
      return tracePeerCall("sdv", outgoing, async () => trace.getSpan(context.active()));
    });
    expect(answer).toBeUndefined();
    expect([...headers.keys()]).toEqual([]);
    expect(outgoing).toEqual({});
  });
});

async function waitFor(condition: () => boolean, ms: number): Promise<void> {
  for (let waited = 0; waited < ms; waited += 100) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("condition not met in time");
}
