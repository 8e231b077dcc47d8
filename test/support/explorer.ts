import type { BrowserContext, Page } from "playwright-core";
import type { DevTokenClaims } from "../../gateway/src/auth/dev-issuer.js";

/**
 * Drives the explorer page as a person would: the sign-in form, GraphiQL's editor and its run
 * button. `problems` collects what the page reports as broken: script errors, refused loads
 * (a Content-Security-Policy violation among them) and failed requests.
 */
export async function openExplorer(context: BrowserContext, url: string): Promise<{ page: Page; problems: string[] }> {
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 401/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await page.goto(url);
  await page.locator("#session-status").waitFor();
  await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
  return { page, problems };
}

/** Signs in with the development issuer's form, as the role, organisations and team given. */
export async function signInAs(page: Page, claims: DevTokenClaims): Promise<void> {
  await page.locator("#sign-in-role").selectOption(claims.role);
  if (claims.team) await page.locator("#sign-in-team").selectOption(claims.team);
  await page.locator("#sign-in-orgs").selectOption(claims.orgs ?? []);
  await page.locator("#sign-in-submit").click();
  await page.locator("#session-status", { hasText: `Signed in as ${claims.role}` }).waitFor();
  await page.locator("#sign-in").waitFor({ state: "hidden" });
  await page.locator("#sign-out").waitFor({ state: "visible" });
}

/** Types an operation into the editor, and waits until GraphiQL has read it (its saved tab names the operation). */
export async function setQuery(page: Page, text: string): Promise<void> {
  await page.evaluate((value) => (globalThis as any).document.querySelector(".graphiql-query-editor .CodeMirror").CodeMirror.setValue(value), text);
  const name = /^\s*(?:query|mutation)\s+(\w+)/m.exec(text)?.[1] ?? null;
  // GraphiQL reads the editor a moment after a change; its saved tab state then names the operation.
  await page.waitForFunction(
    (expected) => {
      const saved = JSON.parse((globalThis as any).localStorage.getItem("graphiql:tabState") ?? "null");
      const tab = saved?.tabs?.[saved.activeTabIndex];
      return !!tab && tab.query === expected.text && (tab.operationName ?? null) === expected.name;
    },
    { text, name },
  );
}

export async function responseOf(page: Page): Promise<string> {
  return page.evaluate(() => (globalThis as any).document.querySelector(".graphiql-response .CodeMirror").CodeMirror.getValue() as string);
}

/** Runs the operation in the editor with GraphiQL's run button and reads the answer it shows. */
export async function runQuery(page: Page): Promise<{ data?: unknown; errors?: any[] }> {
  await page.evaluate(() => (globalThis as any).document.querySelector(".graphiql-response .CodeMirror").CodeMirror.setValue(""));
  await page.locator(".graphiql-execute-button").click();
  await page.waitForFunction(() => {
    const text = (globalThis as any).document.querySelector(".graphiql-response .CodeMirror")?.CodeMirror.getValue();
    return !!text && text.trim().startsWith("{");
  });
  return JSON.parse(await responseOf(page));
}

/** Where in the page's storage, cookies or address a token is found (none, one hopes). */
export async function storedAnywhere(page: Page, token: string): Promise<string[]> {
  const places = await page.evaluate((value) => {
    const found: string[] = [];
    for (const [name, storage] of [
      ["localStorage", (globalThis as any).localStorage],
      ["sessionStorage", (globalThis as any).sessionStorage],
    ] as [string, any][]) {
      for (let i = 0; i < storage.length; i++) {
        const key = storage.key(i)!;
        if (key.includes(value) || (storage.getItem(key) ?? "").includes(value)) found.push(`${name}:${key}`);
      }
    }
    if ((globalThis as any).location.href.includes(value)) found.push("URL");
    if ((globalThis as any).document.cookie.includes(value)) found.push("(globalThis as any).document.cookie");
    return found;
  }, token);
  const cookies = await page.context().cookies();
  return [...places, ...cookies.filter((cookie) => cookie.value.includes(token)).map((cookie) => `cookie:${cookie.name}`)];
}
