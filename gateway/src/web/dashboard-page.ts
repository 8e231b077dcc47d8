import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RouteHandler } from "../../../subgraphs/shared/src/http.js";
import { logger } from "../../../subgraphs/shared/src/logger.js";
import { projectRoot, sendPage } from "./static-files.js";

/**
 * `GET /dashboard`: the covenant's monitoring drawn in the browser. The page holds no data of its
 * own; its script asks the graph's `monitoring` query with the viewer's token. `signInHeaders`
 * gives the headers a page that signs in needs (with OpenID Connect, the token endpoint the page
 * may reach); when it fails the page is served as any other and its sign-in says what went wrong.
 */
export function dashboardPage(signInHeaders?: () => Promise<Record<string, string>>): RouteHandler {
  return async (req, res) => {
    const body = await readFile(join(projectRoot, "gateway", "public", "dashboard", "index.html"));
    let headers: Record<string, string> = {};
    try {
      headers = (await signInHeaders?.()) ?? {};
    } catch (error) {
      logger.warn({ err: error }, "the dashboard's sign-in headers could not be made");
    }
    sendPage(res, 200, "text/html; charset=utf-8", req.method === "HEAD" ? Buffer.alloc(0) : body, headers);
  };
}
