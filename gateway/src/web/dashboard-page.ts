import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { RouteHandler } from "../../../subgraphs/shared/src/http.js";
import { projectRoot, sendPage } from "./static-files.js";

/**
 * `GET /dashboard`: the covenant's monitoring drawn in the browser. The page holds no data of its
 * own; its script asks the graph's `monitoring` query with the viewer's token.
 */
export const dashboardPage: RouteHandler = async (req, res) => {
  const body = await readFile(join(projectRoot, "gateway", "public", "dashboard", "index.html"));
  sendPage(res, 200, "text/html; charset=utf-8", req.method === "HEAD" ? Buffer.alloc(0) : body);
};
