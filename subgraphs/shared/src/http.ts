import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { HeaderMap, type ApolloServer, type BaseContext } from "@apollo/server";
import { logger } from "./logger.js";
import { acceptedRequestId } from "./input-rules.js";
import { traceGraphQLRequest } from "./tracing.js";

export type RouteHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

/**
 * An extra route beside `/graphql`: a bare handler answers GET and HEAD; an object names the methods
 * it answers. A key ending in `/*` serves every path below it (static files, say).
 */
export type Route = RouteHandler | { methods: readonly string[]; handle: RouteHandler };

/** The route for a path: an exact key first, else the longest `prefix/*` key the path falls under. */
export function findRoute(routes: Record<string, Route>, pathname: string, method: string): RouteHandler | "method not allowed" | undefined {
  let route = routes[pathname];
  if (!route) {
    let longest = -1;
    for (const [key, candidate] of Object.entries(routes)) {
      if (!key.endsWith("/*")) continue;
      const prefix = key.slice(0, -1);
      if (pathname.startsWith(prefix) && prefix.length > longest) {
        route = candidate;
        longest = prefix.length;
      }
    }
  }
  if (!route) return undefined;
  const [methods, handle] = typeof route === "function" ? [["GET", "HEAD"], route] : [route.methods, route.handle];
  return methods.includes(method) ? handle : "method not allowed";
}

/** An answer given instead of running the operation (a rate limit, a refused operation). */
export interface EarlyAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/**
 * The request body as text, at most MAX_BODY_BYTES (beyond it: an error with status 413). Read with
 * the stream's events: an async iterator costs a promise and a read per chunk on every request.
 */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        req.off("data", onData); // the rest is not kept: the 413 closes the connection
        reject(Object.assign(new Error("request body too large"), { status: 413 }));
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => resolve(chunks.length === 1 ? chunks[0]!.toString("utf8") : Buffer.concat(chunks).toString("utf8")));
    req.once("error", reject);
  });
}

/** The path and query of a request: `/graphql` itself without parsing, anything else through URL (which normalises the path). */
function requestTarget(target: string | undefined): { pathname: string; search: string } {
  if (target === "/graphql") return { pathname: "/graphql", search: "" };
  const url = new URL(target ?? "/", "http://localhost");
  return { pathname: url.pathname, search: url.search };
}

/**
 * Serves an Apollo Server on plain node:http at `/graphql`, with extra routes (health, readiness,
 * key sets). Each request gets an id (`x-request-id`, taken from the caller when it is a short safe
 * token, else made here) that appears in every log line and is passed on to the subgraphs.
 */
export async function serveGraphQL<C extends BaseContext>(options: {
  apollo: ApolloServer<C>;
  port: number;
  host?: string;
  context: (req: IncomingMessage, requestId: string) => Promise<C>;
  routes?: Record<string, Route>;
  name: string;
  /** Looks at a GraphQL request before Apollo does; an answer given here ends the request. */
  admit?: (req: IncomingMessage, body: unknown, search: string) => Promise<EarlyAnswer | undefined>;
  /** Continue the trace of the caller's `traceparent` header (subgraphs) rather than start one (the gateway). */
  continueCallerTrace?: boolean;
}): Promise<RunningServer> {
  const { apollo, routes = {} } = options;
  await apollo.start();
  const server: Server = createServer(async (req, res) => {
    const requestId = acceptedRequestId(headerValue(req, "x-request-id")) ?? randomUUID();
    res.setHeader("x-request-id", requestId);
    const url = requestTarget(req.url);
    if (url.pathname === "/graphql") {
      const started = performance.now();
      res.once("finish", () =>
        logger.info({ server: options.name, requestId, method: req.method, status: res.statusCode, ms: Math.round(performance.now() - started) }, "graphql request"),
      );
    }
    try {
      const route = url.pathname === "/graphql" ? undefined : findRoute(routes, url.pathname, req.method ?? "GET");
      if (route === "method not allowed") return sendJson(res, 405, { error: `${req.method} is not served at ${url.pathname}.` });
      if (route) return await route(req, res);
      if (url.pathname !== "/graphql") return sendJson(res, 404, { error: `No route ${url.pathname}; GraphQL is served at /graphql.` });
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(", ") : value);
      }
      const raw = req.method === "POST" ? await readBody(req) : "";
      let body: unknown = raw;
      if (raw && (headers.get("content-type") ?? "").includes("json")) {
        try {
          body = JSON.parse(raw);
        } catch {
          return sendJson(res, 400, { errors: [{ message: "The request body is not valid JSON.", extensions: { code: "BAD_REQUEST" } }] });
        }
      }
      const early = await options.admit?.(req, body, url.search);
      if (early) {
        for (const [key, value] of Object.entries(early.headers ?? {})) res.setHeader(key, value);
        return sendJson(res, early.status, early.body);
      }
      // Tracing: the operation runs inside this request's server span (tracing.ts; nothing when off).
      const response = await traceGraphQLRequest(options.name, { req, res, requestId, body, search: url.search, continueCallerTrace: options.continueCallerTrace }, () =>
        apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method: req.method ?? "GET", headers, search: url.search, body },
          context: () => options.context(req, requestId),
        }),
      );
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === "complete") {
        res.end(response.body.string);
      } else {
        for await (const chunk of response.body.asyncIterator) res.write(chunk);
        res.end();
      }
    } catch (error) {
      const status = (error as { status?: number }).status ?? 500;
      if (status >= 500) logger.error({ err: error, requestId, server: options.name }, "request failed");
      if (status === 413 && !res.headersSent) res.setHeader("connection", "close");
      if (!res.headersSent)
        sendJson(res, status, {
          errors: [
            {
              message: status === 413 ? "The request body is larger than 5 MiB." : "Internal server error.",
              extensions: { code: status === 413 ? "PAYLOAD_TOO_LARGE" : "INTERNAL_SERVER_ERROR", requestId },
            },
          ],
        });
      else res.end();
    }
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const listening = await listen(server, options.port, options.host, "/graphql");
  return {
    ...listening,
    async close() {
      await listening.close();
      await apollo.stop();
    },
  };
}

/**
 * Starts an HTTP server on `port` and `host` (127.0.0.1 unless given) and answers where it listens;
 * `close` stops it and ends its open connections.
 */
export async function listen(server: Server, port: number, host: string | undefined, path: string): Promise<RunningServer> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const shown = host && host !== "0.0.0.0" ? host : "127.0.0.1";
  return {
    url: `http://${shown}:${address.port}${path}`,
    port: address.port,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
