import { readFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { dirname, extname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RouteHandler } from "../../../subgraphs/shared/src/http.js";

/**
 * The project's root folder (where package.json is), found from this file, so that pages and the
 * browser libraries in node_modules are found alike from the sources and from the compiled `dist/`.
 */
export const projectRoot: string = (() => {
  let folder = dirname(fileURLToPath(import.meta.url));
  for (let depth = 0; depth < 8; depth++) {
    if (existsSync(join(folder, "package.json")) && existsSync(join(folder, "gateway"))) return folder;
    folder = dirname(folder);
  }
  throw new Error("The project's root folder (with package.json and gateway/) was not found above the gateway's code.");
})();

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".map": "application/json; charset=utf-8",
};

/**
 * The headers every page and file of the gateway's web pages carries. Nothing loads from anywhere
 * but the gateway itself: no CDN, no inline script, no framing by another site.
 */
export const PAGE_SECURITY_HEADERS: Record<string, string> = {
  "content-security-policy": [
    "default-src 'none'",
    "script-src 'self'",
    // Editor libraries set element styles from script; no style is loaded from elsewhere.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join("; "),
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "cross-origin-opener-policy": "same-origin",
  "cache-control": "no-cache",
};

/** Sends a page or file with the security headers; `extra` may widen or add headers for one answer. */
export function sendPage(res: ServerResponse, status: number, contentType: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...PAGE_SECURITY_HEADERS, "content-type": contentType, ...extra });
  res.end(body);
}

/**
 * Serves the files under `folder` (relative to the project root) at `urlPrefix` (which ends in `/`).
 * Only files with a known type are served, never a path that leaves the folder.
 */
export function staticFiles(urlPrefix: string, folder: string): RouteHandler {
  const root = resolve(projectRoot, folder);
  return async (req: IncomingMessage, res: ServerResponse) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? "/", "http://localhost").pathname);
    } catch {
      return sendPage(res, 400, "text/plain; charset=utf-8", "The path is not valid percent-encoding.");
    }
    const wanted = resolve(root, "." + sep + pathname.slice(urlPrefix.length));
    const inside = relative(root, wanted);
    const type = CONTENT_TYPES[extname(wanted)];
    if (!type || inside.startsWith("..") || inside.includes(`${sep}..`) || inside === "") {
      return sendPage(res, 404, "text/plain; charset=utf-8", "Not found.");
    }
    let body: Buffer;
    try {
      body = await readFile(wanted);
    } catch {
      return sendPage(res, 404, "text/plain; charset=utf-8", "Not found.");
    }
    sendPage(res, 200, type, req.method === "HEAD" ? Buffer.alloc(0) : body);
  };
}
