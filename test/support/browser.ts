import { existsSync } from "node:fs";
import { describe } from "vitest";
import { chromium, type Browser, type BrowserContext, type Request } from "playwright-core";

/**
 * Browser tests drive the Chromium of the operating system's packages (Debian: `apt-get install
 * chromium`), never a browser downloaded by the test library. `CHROMIUM_PATH` points elsewhere.
 */
export const chromiumPath: string | undefined = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].find(
  (path): path is string => !!path && existsSync(path),
);

const NO_CHROMIUM = "skipped: no Chromium found (install Debian's package `chromium`, or set CHROMIUM_PATH); .ci/run installs it";

/** `describe` when a Chromium is installed, else a skipped block whose name says why. */
export function describeInBrowser(name: string, body: () => void): void {
  if (chromiumPath) describe(name, body);
  else describe.skip(`${name} (${NO_CHROMIUM})`, body);
}

export async function launchBrowser(): Promise<Browser> {
  if (!chromiumPath) throw new Error(NO_CHROMIUM);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-dev-shm-usage",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-default-apps",
      "--disable-sync",
      "--no-first-run",
      "--metrics-recording-only",
    ],
  });
}

/**
 * A browser context that records every request the page makes and refuses any that would leave
 * 127.0.0.1 (or localhost): the pages must work on a network without internet.
 */
export async function offlineContext(
  browser: Browser,
  options: Parameters<Browser["newContext"]>[0] = {},
): Promise<{ context: BrowserContext; requests: string[]; leaving: string[] }> {
  const context = await browser.newContext({ acceptDownloads: true, ...options });
  const requests: string[] = [];
  const leaving: string[] = [];
  await context.route("**/*", async (route) => {
    const url = new URL(route.request().url());
    requests.push(url.href);
    const local = url.protocol === "data:" || url.protocol === "blob:" || url.hostname === "127.0.0.1" || url.hostname === "localhost";
    if (local) return route.continue();
    leaving.push(url.href);
    return route.abort("blockedbyclient");
  });
  context.on("request", (request: Request) => {
    if (!requests.includes(request.url())) requests.push(request.url());
  });
  return { context, requests, leaving };
}
