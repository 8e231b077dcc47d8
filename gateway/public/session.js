// Sign-in for the gateway's pages. The token is kept in this module's memory only: never in
// localStorage, sessionStorage, a cookie or a URL, and never logged. It does not survive a reload or
// a navigation, so each page signs in for itself; "Sign out" forgets it.
//
// Development (the local issuer): the page asks POST /auth/dev-token for a token with the chosen
// role, organisations and team. OpenID Connect: the authorization-code flow with PKCE (S256) as a
// public client; the page trades the code for a token at the provider's token endpoint itself.

/** @type {{ token: string, identity: { role: string, orgs: string[], team?: string }, timer?: number } | undefined} */
let current;
const listeners = new Set();

/** The bearer token, or undefined when signed out. */
export function token() {
  return current?.token;
}

/** Who is signed in: `{ role, orgs, team }`, or undefined. */
export function identity() {
  if (!current) return undefined;
  const { role, orgs, team } = current.identity;
  return { role, orgs: [...orgs], ...(team ? { team } : {}) };
}

/** Calls `listener()` after every sign-in and sign-out; returns a function that stops it. */
export function onSessionChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function changed() {
  for (const listener of listeners) {
    try {
      listener();
    } catch (error) {
      console.error("a session listener failed:", error instanceof Error ? error.message : String(error));
    }
  }
}

function signedIn(bearer, who, expiresAt) {
  if (current?.timer) clearTimeout(current.timer);
  const left = expiresAt ? Date.parse(expiresAt) - Date.now() : undefined;
  // An expired token is forgotten, so the page shows "signed out" instead of failing queries.
  const timer = left !== undefined && left > 0 && left < 2 ** 31 - 1 ? setTimeout(signOut, left) : undefined;
  current = { token: bearer, identity: who, timer };
  changed();
}

/** Forgets the token. */
export function signOut() {
  if (!current) return;
  if (current.timer) clearTimeout(current.timer);
  current = undefined;
  changed();
}

/**
 * Runs a GraphQL operation at /graphql with the signed-in token. Returns `{ data, errors }` as the
 * graph answered (a GraphQL error is an answer); throws an Error on a network or HTTP failure.
 */
export async function graphql(query, variables) {
  let response;
  try {
    response = await fetch("/graphql", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json, application/json", ...authorization() },
      body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
    });
  } catch (error) {
    throw new Error(`The graph could not be reached: ${error instanceof Error ? error.message : String(error)}`);
  }
  let body;
  try {
    body = await response.json();
  } catch {
    throw new Error(`The graph answered HTTP ${response.status} without a GraphQL answer.`);
  }
  if (body && typeof body === "object" && ("data" in body || "errors" in body)) return body;
  throw new Error(`The graph answered HTTP ${response.status}: ${body?.error ?? "no GraphQL answer"}.`);
}

/** The Authorization header for the signed-in token, or none. */
export function authorization() {
  return current ? { authorization: `Bearer ${current.token}` } : {};
}

async function fetchJson(url, init) {
  const response = await fetch(url, init);
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (!response.ok) throw new Error(body?.error ?? body?.error_description ?? `${url} answered HTTP ${response.status}.`);
  return body;
}

/** Asks the gateway who a token's bearer is, as /graphql would read it. */
async function identityOf(bearer) {
  return fetchJson("/auth/identity", { headers: { authorization: `Bearer ${bearer}` } });
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) node.append(child);
  return node;
}

function describe(who) {
  return `${who.role} for ${who.orgs.join(", ")}${who.team ? `, team ${who.team}` : ""}`;
}

/**
 * Renders the sign-in controls into `container`: the form (development: role, organisations,
 * team; OpenID Connect: a button), the signed-in status and "Sign out".
 */
export async function mountSignIn(container) {
  container.replaceChildren();
  const status = element("span", { id: "session-status", role: "status", "aria-live": "polite", text: "Signed out" });
  const signOutButton = element("button", { id: "sign-out", type: "button", hidden: true, text: "Sign out" });
  const problem = element("span", { id: "sign-in-error", class: "sign-in-error", role: "alert" });
  const form = element("form", { id: "sign-in", class: "sign-in" });
  container.append(element("div", { class: "session" }, form, status, signOutButton, problem));
  signOutButton.addEventListener("click", () => signOut());

  const show = () => {
    const who = identity();
    status.textContent = who ? `Signed in as ${describe(who)}` : "Signed out";
    status.dataset.state = who ? "signed-in" : "signed-out";
    form.hidden = !!who;
    signOutButton.hidden = !who;
  };
  onSessionChange(show);
  const fail = (error) => {
    problem.textContent = error instanceof Error ? error.message : String(error);
  };

  let config;
  try {
    config = await fetchJson("/auth/config");
  } catch (error) {
    fail(`Sign-in is not available: ${error instanceof Error ? error.message : String(error)}`);
    form.hidden = true;
    return;
  }
  if (config.mode === "development") developmentForm(form, config.choices, fail, () => (problem.textContent = ""));
  else if (config.mode === "oidc") await oidcSignIn(form, config, fail, () => (problem.textContent = ""));
  else {
    form.hidden = true;
    status.textContent = config.message ?? "Sign-in from a browser is not configured.";
  }
  show();
}

// ---------------------------------------------------------------------------------------------
// Development: the local issuer mints a token for a role, organisations and team of the demo world.

function developmentForm(form, choices, fail, clear) {
  const role = element("select", { id: "sign-in-role", name: "role" }, ...choices.roles.map((r) => element("option", { value: r, text: r })));
  const orgs = element("select", { id: "sign-in-orgs", name: "orgs", multiple: true, size: "3" });
  const team = element("select", { id: "sign-in-team", name: "team" });
  const submit = element("button", { id: "sign-in-submit", type: "submit", text: "Sign in" });
  form.append(
    element("label", {}, "Role ", role),
    element("label", {}, "Organisations ", orgs),
    element("label", {}, "Team ", team),
    submit,
    element("small", { class: "sign-in-note", text: "development issuer" }),
  );

  // The organisations and teams that fit a role: a corporation acts for a corporation, every other
  // role for municipalities; an SWT worker works in an SWT team, a budget coach may name its own.
  const fill = () => {
    const chosen = role.value;
    const kind = chosen === "CORPORATION" ? "corporation" : "municipality";
    const fitting = choices.organisations.filter((o) => o.kind === kind);
    orgs.replaceChildren(...fitting.map((o, i) => element("option", { value: o.id, text: `${o.name} (${o.id})`, selected: kind === "municipality" || i === 0 })));
    orgs.size = String(Math.max(2, fitting.length));
    const teams = choices.teams.filter((t) => t.role === chosen);
    team.replaceChildren(...(chosen === "SWT" ? [] : [element("option", { value: "", text: "(none)" })]), ...teams.map((t) => element("option", { value: t.id, text: t.name })));
    team.disabled = teams.length === 0;
    fitTeam();
  };
  // An SWT worker acts for its team's municipality.
  const fitTeam = () => {
    if (role.value !== "SWT") return;
    const chosenTeam = choices.teams.find((t) => t.id === team.value);
    if (!chosenTeam) return;
    for (const option of orgs.options) option.selected = chosenTeam.municipalities.includes(option.value);
  };
  role.addEventListener("change", fill);
  team.addEventListener("change", fitTeam);
  fill();

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear();
    submit.disabled = true;
    try {
      const claims = { role: role.value, orgs: [...orgs.selectedOptions].map((o) => o.value), ...(team.value ? { team: team.value } : {}) };
      const minted = await fetchJson("/auth/dev-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(claims) });
      signedIn(minted.token, await identityOf(minted.token), minted.expiresAt);
    } catch (error) {
      fail(error);
    } finally {
      submit.disabled = false;
    }
  });
}

// ---------------------------------------------------------------------------------------------
// OpenID Connect: authorization code with PKCE (RFC 7636, S256), as a public client.
//
// The sign-in leaves the page for the provider and comes back, which empties this module's memory.
// The code verifier, state and nonce (none of them a token) must outlive that one round trip, so
// they wait in sessionStorage (this tab only) and are removed the moment the page comes back,
// before the code is traded. The token itself is only ever in memory.

const ROUND_TRIP_KEY = "sign-in-round-trip";

function base64url(bytes) {
  let text = "";
  for (const byte of new Uint8Array(bytes)) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function randomText(byteCount = 32) {
  return base64url(crypto.getRandomValues(new Uint8Array(byteCount)));
}

function jwtPayload(jwt) {
  const part = jwt?.split(".")[1];
  if (!part) return undefined;
  try {
    return JSON.parse(atob(part.replace(/-/g, "+").replace(/_/g, "/")));
  } catch {
    return undefined;
  }
}

/** Where the provider sends the browser back: this page, without its query. */
function redirectUri() {
  return `${location.origin}${location.pathname}`;
}

async function oidcSignIn(form, config, fail, clear) {
  const submit = element("button", { id: "sign-in-submit", type: "submit", text: "Sign in" });
  form.append(submit, element("small", { class: "sign-in-note", text: new URL(config.issuer).host }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clear();
    try {
      const verifier = randomText(32);
      const challenge = base64url(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier)));
      const state = randomText(16);
      const nonce = randomText(16);
      sessionStorage.setItem(ROUND_TRIP_KEY, JSON.stringify({ verifier, state, nonce, redirectUri: redirectUri() }));
      const url = new URL(config.authorizationEndpoint);
      url.search = new URLSearchParams({
        response_type: "code",
        client_id: config.clientId,
        redirect_uri: redirectUri(),
        scope: config.scope,
        state,
        nonce,
        code_challenge: challenge,
        code_challenge_method: "S256",
      }).toString();
      location.assign(url.href);
    } catch (error) {
      sessionStorage.removeItem(ROUND_TRIP_KEY);
      fail(error);
    }
  });
  await completeOidcSignIn(config).catch((error) => fail(`Sign-in failed: ${error instanceof Error ? error.message : String(error)}`));
}

/** When the provider has sent the browser back here, trades the code for a token. */
async function completeOidcSignIn(config) {
  const params = new URLSearchParams(location.search);
  if (!params.has("state") || (!params.has("code") && !params.has("error"))) return;
  const saved = sessionStorage.getItem(ROUND_TRIP_KEY);
  // The round trip is over: its secrets and the code leave the page at once.
  sessionStorage.removeItem(ROUND_TRIP_KEY);
  history.replaceState(null, "", redirectUri() + location.hash);
  if (!saved) throw new Error("this page did not start a sign-in (or it was already completed); sign in again.");
  const trip = JSON.parse(saved);
  if (params.get("state") !== trip.state) throw new Error("the answer's state does not match the sign-in this page started; sign in again.");
  if (params.has("error")) throw new Error(params.get("error_description") ?? params.get("error"));
  const tokens = await fetchJson(config.tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: params.get("code"),
      redirect_uri: trip.redirectUri,
      client_id: config.clientId,
      code_verifier: trip.verifier,
    }),
  });
  const idToken = jwtPayload(tokens.id_token);
  if (!idToken || idToken.nonce !== trip.nonce) throw new Error("the ID token's nonce does not match the sign-in this page started.");
  if (idToken.iss !== config.issuer) throw new Error("the ID token comes from another issuer.");
  const audiences = Array.isArray(idToken.aud) ? idToken.aud : [idToken.aud];
  if (!audiences.includes(config.clientId)) throw new Error("the ID token was issued to another client.");
  if (!tokens.access_token) throw new Error("the provider gave no access token.");
  const expiresAt = typeof tokens.expires_in === "number" ? new Date(Date.now() + tokens.expires_in * 1000).toISOString() : undefined;
  signedIn(tokens.access_token, await identityOf(tokens.access_token), expiresAt);
}
