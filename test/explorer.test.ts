import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { EXAMPLE_CALLERS } from "../gateway/src/web/examples.js";
import { describeInBrowser, launchBrowser, offlineContext } from "./support/browser.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";
import { openExplorer, responseOf, runQuery, setQuery, signInAs, storedAnywhere } from "./support/explorer.js";

/** The example each role opens from the explorer's panel (the budget coach has none of its own in the README). */
const EXAMPLE_FOR_ROLE = {
  CORPORATION: "MySignalsAwaitingFeedback",
  SDV: "PhaseCheck",
  SWT: "MyTeamsOpenCases",
  BUDGET_COACH: "CovenantCalendar",
  ANALYST: "MonthlyPicture",
  COORDINATOR: "WhoReadWhat",
} as const;

const CALLER_OF_ROLE = {
  CORPORATION: EXAMPLE_CALLERS.MySignalsAwaitingFeedback!,
  SDV: EXAMPLE_CALLERS.PhaseCheck!,
  SWT: EXAMPLE_CALLERS.MyTeamsOpenCases!,
  BUDGET_COACH: { role: "BUDGET_COACH" as const, orgs: ["0392", "0473"], team: "budget-coach" },
  ANALYST: EXAMPLE_CALLERS.MonthlyPicture!,
  COORDINATOR: EXAMPLE_CALLERS.WhoReadWhat!,
};

/** The token session.js holds in the page's memory (the same module instance the page uses). */
const signedInToken = (page: Page): Promise<string | undefined> => page.evaluate('import("/static/session.js").then((session) => session.token())');

describeInBrowser("the explorer at /explore, in Chromium", () => {
  let graph: TestGraph;
  let browser: Browser;
  let explorerUrl: string;
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    browser = await launchBrowser();
    explorerUrl = new URL("/explore", graph.url).href;
  });
  afterAll(async () => {
    await browser?.close();
    await graph?.stop();
  });

  for (const [role, example] of Object.entries(EXAMPLE_FOR_ROLE)) {
    it(`${/^[AEIOU]/.test(role) ? "an" : "a"} ${role} signs in with the development issuer, opens ${example} from the panel, runs it and reads the answer, all from 127.0.0.1`, async () => {
      const { context, leaving } = await offlineContext(browser);
      try {
        const { page, problems } = await openExplorer(context, explorerUrl);
        await signInAs(page, CALLER_OF_ROLE[role as keyof typeof CALLER_OF_ROLE]);
        await page.waitForSelector(`#unreadable-fields`);
        const button = page.locator(`button[data-example="${example}"]`);
        if (!(await button.isVisible())) await page.locator("#examples summary").click();
        await button.click();
        await page.waitForFunction(
          (name) => (globalThis as any).document.querySelector(".graphiql-query-editor .CodeMirror")?.CodeMirror.getValue().includes(`query ${name}`),
          example,
        );
        const answer = await runQuery(page);
        expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
        expect(answer.data).toBeTruthy();
        expect(Object.values(answer.data as object).some((value) => value !== null)).toBe(true);
        expect(leaving).toEqual([]);
        expect(problems).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }

  it("marks the fields a corporation may not read, in the panel, the docs and the editor, and the answer has them null with FORBIDDEN", async () => {
    const { context, leaving } = await offlineContext(browser);
    try {
      const { page } = await openExplorer(context, explorerUrl);
      await signInAs(page, CALLER_OF_ROLE.CORPORATION);
      const closed = page.locator("#unreadable-fields li", { hasText: /^Signal\.priority$/ });
      await closed.waitFor();
      expect(await page.locator("#unreadable-fields li").count()).toBeGreaterThan(5);
      // The editor warns where a closed field is used, with the reason, before anything is run.
      await setQuery(page, "query Mine {\n  signals(first: 2) {\n    edges { node { id priority { level } } }\n  }\n}\n");
      await page.waitForFunction(() => {
        const editor = (globalThis as any).document.querySelector(".graphiql-query-editor .CodeMirror")?.CodeMirror;
        return (
          editor?.state.lint?.marked?.some((mark: any) => /Not readable for role CORPORATION/.test(mark.__annotation?.message ?? "")) ||
          [...(globalThis as any).document.querySelectorAll(".graphiql-query-editor .CodeMirror-lint-mark-warning, .graphiql-query-editor .CodeMirror-lint-mark-info")].some(
            (el: any) => el.textContent === "priority",
          )
        );
      });
      // The docs say why.
      await page.locator("button[aria-label='Show Documentation Explorer']").click();
      const search = page.locator(".graphiql-doc-explorer-search-input input");
      await search.fill("Signal");
      await page.getByRole("option", { name: "Signal", exact: true }).first().click();
      await page.getByRole("button", { name: "Show Deprecated Fields" }).click();
      await page.locator(".graphiql-doc-explorer-content", { hasText: "Not readable for role CORPORATION" }).first().waitFor();
      const answer = await runQuery(page);
      const forbidden = answer.errors?.find((error: any) => error.extensions?.code === "FORBIDDEN");
      expect(forbidden?.extensions?.field).toBe("Signal.priority");
      expect(leaving).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("keeps the token out of localStorage, sessionStorage and the URL, and forgets it on sign-out", async () => {
    const { context, leaving } = await offlineContext(browser);
    try {
      const { page } = await openExplorer(context, explorerUrl);
      await signInAs(page, CALLER_OF_ROLE.SDV);
      const token = (await signedInToken(page))!;
      expect(token).toMatch(/^ey/);
      await setQuery(page, "{ covenant { nextRenewalOn } }");
      expect((await runQuery(page)).errors).toBeUndefined();
      expect(await storedAnywhere(page, token)).toEqual([]);

      await page.locator("#sign-out").click();
      await page.locator("#session-status", { hasText: "Signed out" }).waitFor();
      expect(await signedInToken(page)).toBeUndefined();
      expect(await page.locator("#sign-in").isVisible()).toBe(true);
      const refused = await runQuery(page);
      expect(refused.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(await storedAnywhere(page, token)).toEqual([]);
      expect(leaving).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("shows what to fix when the development issuer refuses the claims", async () => {
    const { context } = await offlineContext(browser);
    try {
      const { page } = await openExplorer(context, explorerUrl);
      await page.selectOption("#sign-in-role", "SDV");
      await page.selectOption("#sign-in-orgs", []);
      await page.click("#sign-in-submit");
      await page.locator("#sign-in-error", { hasText: /orgs claim is empty/ }).waitFor();
      expect(await page.locator("#session-status").textContent()).toBe("Signed out");
    } finally {
      await context.close();
    }
  });

  it("takes the explorer's picture for the README (docs/screenshots/explorer.png with UPDATE_SCREENSHOTS=1)", async () => {
    const { context, leaving } = await offlineContext(browser, { viewport: { width: 1400, height: 860 }, deviceScaleFactor: 1 });
    try {
      const { page } = await openExplorer(context, explorerUrl);
      await signInAs(page, CALLER_OF_ROLE.ANALYST);
      await page.locator("button[data-example='CovenantMonitoring']").click();
      await page.waitForFunction(() =>
        (globalThis as any).document.querySelector(".graphiql-query-editor .CodeMirror")?.CodeMirror.getValue().includes("query CovenantMonitoring"),
      );
      const answer = await runQuery(page);
      expect(answer.errors).toBeUndefined();
      await page.mouse.move(0, 0);
      const file = process.env.UPDATE_SCREENSHOTS ? path.resolve("docs/screenshots/explorer.png") : path.join(tmpdir(), "explorer-screenshots", "explorer.png");
      mkdirSync(path.dirname(file), { recursive: true });
      await page.screenshot({ path: file, animations: "disabled", caret: "hide" });
      expect(await responseOf(page)).toContain("suppressed");
      expect(leaving).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
