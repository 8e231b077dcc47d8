import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { DevTokenClaims } from "../gateway/src/auth/dev-issuer.js";
import { describeInBrowser, launchBrowser, offlineContext } from "./support/browser.js";
import { signInAs } from "./support/explorer.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";

/**
 * The monitoring dashboard at /dashboard, in Chromium: it draws what the graph's `monitoring` query
 * answers the signed-in viewer, nothing more, suppressed cells as suppressed, and its CSVs and print
 * hold the same numbers. The demo world, plus two evictions of Elan Wonen in Haarlem in April 2026 (a
 * month without any in the demo), so that one cell is certainly suppressed.
 */
const ANALYST: DevTokenClaims = { role: "ANALYST", orgs: ["0392", "0473"] };
const COORDINATOR: DevTokenClaims = { role: "COORDINATOR", orgs: ["0392", "0473"] };
const SWT_WORKER: DevTokenClaims = { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk" };

const MONITORING = `query($from: String!, $to: String!, $municipalityCode: String, $corporationId: ID) {
  monitoring(from: $from, to: $to, municipalityCode: $municipalityCode, corporationId: $corporationId) {
    month corporationId
    signalsPerPriority { level count { count suppressed } }
    refusedByReason { code count { count suppressed } }
    forwardedToSwt { count suppressed } forwardedToBudgetCoach { count suppressed }
    feedbackOnTime { count suppressed } feedbackLate { count suppressed }
    evictions { count suppressed } keysReturned { count suppressed } evictionsPrevented { count suppressed }
    evictionsWithChildren { count suppressed } evictionsWithChildrenUnknown { count suppressed }
    evictionsAged65Plus { count suppressed } evictionsAged65PlusUnknown { count suppressed }
  }
}`;

type Cell = { count: number | null; suppressed: boolean } | null | undefined;
type Row = Record<string, any> & { month: string };
/** How the page writes a cell, on a bar and in a CSV. */
const written = (cell: Cell) => (cell?.suppressed ? "suppressed" : cell?.count == null ? "unavailable" : String(cell.count));

/** What each chart should draw from the query's rows: [month, series, written value]. */
const EXPECTED: Record<string, (rows: Row[]) => string[][]> = {
  "chart-signals-per-priority": (rows) =>
    rows.flatMap((row) =>
      ["I", "II", "III", "IV"].map((level) => [row.month, level, written(row.signalsPerPriority.find((p: any) => p.level === level)?.count ?? { count: 0, suppressed: false })]),
    ),
  "chart-forwarding": (rows) => rows.flatMap((row) => ["forwardedToSwt", "forwardedToBudgetCoach"].map((key) => [row.month, key, written(row[key])])),
  "chart-feedback": (rows) => rows.flatMap((row) => ["feedbackOnTime", "feedbackLate"].map((key) => [row.month, key, written(row[key])])),
  "chart-registers": (rows) => rows.flatMap((row) => ["evictions", "keysReturned", "evictionsPrevented"].map((key) => [row.month, key, written(row[key])])),
  "chart-evictions-target-groups": (rows) =>
    rows.flatMap((row) =>
      ["evictionsWithChildren", "evictionsWithChildrenUnknown", "evictionsAged65Plus", "evictionsAged65PlusUnknown"].map((key) => [row.month, key, written(row[key])]),
    ),
  "chart-refusals-by-reason": (rows) => {
    const codes = [...new Set(rows.flatMap((row) => row.refusedByReason.map((r: any) => r.code as string)))];
    return rows.flatMap((row) => codes.map((code) => [row.month, code, written(row.refusedByReason.find((r: any) => r.code === code)?.count ?? { count: 0, suppressed: false })]));
  },
};

describeInBrowser("the monitoring dashboard in a browser", () => {
  let graph: TestGraph;
  let browser: Browser;
  let origin: string;
  const contexts: { context: BrowserContext; leaving: string[] }[] = [];

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    origin = new URL(graph.url).origin;
    const elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"] });
    for (const reference of ["EW-R-DASH-1", "EW-R-DASH-2"]) {
      const result = await graph.query(elan, `mutation($input: RegisterEntryInput!) { upsertRegisterEntry(input: $input) { id } }`, {
        input: { reference, kind: "EVICTION", occurredOn: "2026-04-14", municipalityCode: "0392", withChildren: "YES", reason: "Huurachterstand" },
      });
      expect(result.errors).toBeUndefined();
    }
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  /** What the pages reported as broken: script errors, and refused loads (a Content-Security-Policy violation among them). */
  const problems: string[] = [];

  /** A fresh browser (nothing remembered), signed in on the dashboard through its own sign-in form. */
  async function openDashboard(claims: DevTokenClaims): Promise<Page> {
    const opened = await offlineContext(browser, { viewport: { width: 1280, height: 900 } });
    contexts.push(opened);
    const page = await opened.context.newPage();
    page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    await page.goto(`${origin}/dashboard`);
    await signInAs(page, claims);
    return page;
  }

  async function choose(page: Page, choice: { from: string; to: string; municipality: string; corporation: string }) {
    await page.fill("#period-from", choice.from);
    await page.fill("#period-to", choice.to);
    await page.selectOption("#municipality", choice.municipality);
    await page.selectOption("#corporation", choice.corporation);
    await page.click("#show");
    await page.locator("#report-subtitle", { hasText: `Period ${choice.from} to ${choice.to}` }).waitFor();
    await page.locator("#chart-registers").waitFor();
  }

  /** The bars a chart drew: [month, series, the value written on it]. */
  const drawn = (page: Page, chartId: string) =>
    page.$$eval(`#${chartId} rect.bar`, (bars) => bars.map((bar) => [bar.getAttribute("data-category")!, bar.getAttribute("data-series")!, bar.getAttribute("data-value")!]));

  /** The page's own token, kept in memory by the sign-in module: the test asks the graph with it. */
  // Written as text: the test runner would rewrite a dynamic import written as code.
  const tokenOf = (page: Page) => page.evaluate<string>(`import("/static/session.js").then((session) => session.token())`);

  it("an analyst's charts show exactly what the monitoring query answers the analyst's token", async () => {
    const page = await openDashboard(ANALYST);
    await choose(page, { from: "2026-04", to: "2026-10", municipality: "0392", corporation: "elan-wonen" });
    const answer = await graph.query(await tokenOf(page), MONITORING, { from: "2026-04", to: "2026-10", municipalityCode: "0392", corporationId: "elan-wonen" });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.monitoring as Row[];
    expect(rows.map((row) => row.month)).toEqual(["2026-04", "2026-05", "2026-06", "2026-07", "2026-08", "2026-09", "2026-10"]);
    for (const [chartId, expected] of Object.entries(EXPECTED)) {
      expect(await drawn(page, chartId), chartId).toEqual(expected(rows));
    }
    // Not a picture of nothing: the demo world's signals are there.
    expect((await drawn(page, "chart-signals-per-priority")).some(([, , value]) => Number(value) > 0)).toBe(true);
    await expect.poll(() => page.locator("#report-title").textContent()).toContain("Haarlem (0392), Elan Wonen");

    // The README's picture of the dashboard, made again on request (it carries the day it was made).
    if (process.env.UPDATE_SCREENSHOTS) {
      mkdirSync("docs/screenshots", { recursive: true });
      await page.screenshot({ path: "docs/screenshots/dashboard.png", fullPage: true });
    }
  });

  it("a suppressed cell is drawn hatched and labelled suppressed, never as zero", async () => {
    const page = await openDashboard(ANALYST);
    await choose(page, { from: "2026-04", to: "2026-10", municipality: "0392", corporation: "elan-wonen" });
    const answer = await graph.query(await tokenOf(page), MONITORING, { from: "2026-04", to: "2026-04", municipalityCode: "0392", corporationId: "elan-wonen" });
    expect(answer.data!.monitoring[0].evictions).toEqual({ count: null, suppressed: true });

    const bar = page.locator('#chart-registers rect.bar[data-category="2026-04"][data-series="evictions"]');
    expect(await bar.getAttribute("class")).toContain("suppressed");
    expect(await bar.getAttribute("fill")).toMatch(/^url\(#.*hatch\)$/);
    expect(Number(await bar.getAttribute("height"))).toBeGreaterThan(0);
    const labels = await page.$$eval("#chart-registers text.value", (texts) => texts.map((text) => text.textContent));
    expect(labels).toContain("suppressed");
  });

  it("each chart's CSV holds the numbers it draws, suppressed cells marked as such", async () => {
    const page = await openDashboard(ANALYST);
    await choose(page, { from: "2026-04", to: "2026-10", municipality: "0392", corporation: "elan-wonen" });
    for (const chartId of ["chart-registers", "chart-signals-per-priority"]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.click(`#${chartId} .download-csv`)]);
      expect(download.suggestedFilename()).toMatch(/^monitoring-.*-0392-elan-wonen-2026-04-to-2026-10\.csv$/);
      const [header, ...lines] = readFileSync((await download.path())!, "utf8")
        .trim()
        .split("\r\n")
        .map((line) => line.split(","));
      expect(header!.slice(0, 3)).toEqual(["municipality", "corporation", "month"]);
      const series = await page.$$eval(`#${chartId} rect.bar`, (bars) => [...new Set(bars.map((bar) => bar.getAttribute("data-series")))]);
      const fromCsv = lines.flatMap((line) => series.map((key, i) => [line[2], key, line[3 + i]]));
      expect(fromCsv).toEqual(await drawn(page, chartId));
      expect(lines.every((line) => line[0] === "0392" && line[1] === "elan-wonen")).toBe(true);
    }
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#chart-registers .download-csv")]);
    const april = readFileSync((await download.path())!, "utf8")
      .split("\r\n")
      .find((line) => line.includes(",2026-04,"));
    expect(april).toMatch(/^0392,elan-wonen,2026-04,suppressed,/);
  });

  it("a coordinator reads Zandvoort's monitoring the same way", async () => {
    const page = await openDashboard(COORDINATOR);
    await choose(page, { from: "2026-05", to: "2026-10", municipality: "0473", corporation: "pre-wonen" });
    const answer = await graph.query(await tokenOf(page), MONITORING, { from: "2026-05", to: "2026-10", municipalityCode: "0473", corporationId: "pre-wonen" });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.monitoring as Row[];
    for (const chartId of ["chart-signals-per-priority", "chart-forwarding", "chart-feedback"]) {
      expect(await drawn(page, chartId), chartId).toEqual(EXPECTED[chartId]!(rows));
    }
  });

  it("with every corporation chosen, each chart is drawn per corporation from that corporation's rows, never added up", async () => {
    const page = await openDashboard(COORDINATOR);
    await page.fill("#period-from", "2026-05");
    await page.fill("#period-to", "2026-10");
    await page.selectOption("#municipality", "0392");
    await page.selectOption("#corporation", "");
    await page.click("#show");
    await page.locator("#chart-signals-per-priority--ymere").waitFor();
    const answer = await graph.query(await tokenOf(page), MONITORING, { from: "2026-05", to: "2026-10", municipalityCode: "0392" });
    expect(answer.errors).toBeUndefined();
    const rows = answer.data!.monitoring as (Row & { corporationId: string })[];
    for (const corporation of ["elan-wonen", "pre-wonen", "ymere"]) {
      const own = rows.filter((row) => row.corporationId === corporation);
      expect(own).toHaveLength(6);
      for (const chartId of ["chart-signals-per-priority", "chart-registers"]) {
        expect(await drawn(page, `${chartId}--${corporation}`), `${chartId} of ${corporation}`).toEqual(EXPECTED[chartId]!(own));
      }
    }
    expect(await page.locator("#chart-signals-per-priority").count()).toBe(0);
    expect(await page.locator("#report-title").textContent()).toContain("Haarlem (0392), each corporation");
  });

  it("a role that may not read the monitoring sees the graph's refusal, not an empty chart", async () => {
    const page = await openDashboard(SWT_WORKER);
    const message = page.locator("#dashboard-message.refusal");
    await message.waitFor();
    expect(await message.textContent()).toMatch(/FORBIDDEN/);
    expect(await page.locator("figure.chart").count()).toBe(0);
  });

  it("prints without its controls, with a heading naming the period, municipality and day", async () => {
    const page = await openDashboard(COORDINATOR);
    await choose(page, { from: "2026-05", to: "2026-10", municipality: "0392", corporation: "ymere" });
    await page.emulateMedia({ media: "print" });
    for (const control of ["#dashboard-controls", "#session", "#print", ".download-csv >> nth=0"]) {
      expect(await page.locator(control).isVisible(), control).toBe(false);
    }
    expect(await page.locator("#report-title").textContent()).toContain("Haarlem (0392), Ymere");
    expect(await page.locator("#report-subtitle").textContent()).toMatch(/^Period 2026-05 to 2026-10 · generated \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await page.locator("#chart-signals-per-priority").isVisible()).toBe(true);
    const pdf = await page.pdf({ format: "A4" });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    // Six charts on A4: each fits on a page of its own at most, so the document stays short.
    const pages = pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBeGreaterThan(0);
    expect(pages).toBeLessThanOrEqual(6);
  });

  // Last but one: it stops the swt subgraph of this file's graph.
  it("counts a partner's subgraph does not answer are drawn as unavailable, never as zero, and the page says so", async () => {
    await graph.stopSubgraph("swt");
    const page = await openDashboard(ANALYST);
    await choose(page, { from: "2026-05", to: "2026-10", municipality: "0392", corporation: "elan-wonen" });
    const feedback = await drawn(page, "chart-feedback");
    expect(feedback).toHaveLength(12);
    expect(feedback.every(([, , value]) => value === "unavailable")).toBe(true);
    expect((await drawn(page, "chart-forwarding")).some(([, , value]) => Number(value) > 0)).toBe(true);
    expect(await page.locator("#dashboard-message").textContent()).toMatch(/^Some counts are unavailable: .*swt/);
  });

  it("no request of any of these pages left 127.0.0.1, and none reported a script error or a refused load", () => {
    expect(contexts.length).toBeGreaterThan(0);
    expect(contexts.flatMap((opened) => opened.leaving)).toEqual([]);
    // The stopped subgraph's test above is answered 200 with errors in the body: no failed load.
    expect(problems).toEqual([]);
  });
});
