import type { DataSource } from "typeorm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GatewayTokenSigner } from "../gateway/src/auth/gateway-token.js";
import { IDENTITY_HEADER } from "../subgraphs/shared/src/identity.js";
import { startTestGraph, type TestGraph } from "./support/graph.js";
import { identities } from "./support/subgraph.js";

/**
 * Bad input is the caller's error: every text is checked against the schema-wide rules (length,
 * control characters, bidirectional overrides, ids, cursors) before anything runs, and refused
 * with BAD_USER_INPUT naming the argument or field, never answered as an internal error.
 */

const UPSERT_TENANT = `mutation($input: TenantInput!) { upsertTenant(input: $input) { id name reference } }`;

function tenant(overrides: Record<string, unknown> = {}, address: Record<string, unknown> = {}) {
  return {
    reference: "IR-1",
    name: "Tenant IR",
    address: { street: "Europaweg", houseNumber: "1", postcode: "2034 AB", city: "Haarlem", municipalityCode: "0392", ...address },
    sector: "SOCIAL",
    ...overrides,
  };
}

/** A GraphQL literal for a JSON value: objects unquoted keys, enums as given in `enums`. */
function literal(value: unknown, enums = new Set(["SOCIAL"])): string {
  if (typeof value === "string") return enums.has(value) ? value : JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => literal(v, enums)).join(", ")}]`;
  if (value && typeof value === "object")
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${k}: ${literal(v, enums)}`)
      .join(", ")} }`;
  return JSON.stringify(value);
}

const cursor = (parts: unknown) => Buffer.from(JSON.stringify(parts)).toString("base64url");

describe("bad input is refused as the caller's error, naming what to fix", () => {
  let graph: TestGraph;
  let corporations: DataSource;
  const tokens: Record<string, string> = {};

  const tenantCount = async () => Number((await corporations.query(`select count(*)::int as n from tenant`))[0].n);

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    corporations = graph.subgraphs.corporations.dataSource;
    tokens.elan = await graph.token({ role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-integration" });
    tokens.sdv = await graph.token({ role: "SDV", orgs: ["0392", "0473"], sub: "sdv-worker" });
    tokens.swt = await graph.token({ role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-worker" });
    tokens.coordinator = await graph.token({ role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator" });
  });
  afterAll(() => graph?.stop());

  describe("a text with a control character", () => {
    const cases: [string, Record<string, unknown>, Record<string, unknown>, string][] = [
      ["a NUL in the name", { name: "Jan\u0000Jansen" }, {}, "input.name"],
      ["a bell in the reference", { reference: "IR\u0007-2" }, {}, "input.reference"],
      ["a line feed in a one-line name", { name: "Jan\nJansen" }, {}, "input.name"],
      ["a C1 control (NEL) in the street", {}, { street: "Europa\u0085weg" }, "input.address.street"],
      ["a DEL in the e-mail address", { email: "jan\u007F@example.org" }, {}, "input.email"],
      ["a lone surrogate in the city", {}, { city: "Haar\uD800lem" }, "input.address.city"],
    ];

    it.each(cases)("%s is refused with HTTP 400 naming the field, sent as a variable, and nothing is stored", async (_what, fields, address, path) => {
      const before = await tenantCount();
      const result = await graph.query(tokens.elan, UPSERT_TENANT, { input: tenant(fields, address) });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: path });
      expect(result.errors?.[0]?.message).toMatch(new RegExp(`^${path.replace(/\./g, "\\.")} `));
      expect(await tenantCount()).toBe(before);
    });

    it.each(cases.filter(([what]) => !what.includes("surrogate")))("%s is refused the same when written in the operation itself", async (_what, fields, address, path) => {
      const before = await tenantCount();
      const result = await graph.query(tokens.elan, `mutation { upsertTenant(input: ${literal(tenant(fields, address))}) { id } }`);
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: path });
      expect(await tenantCount()).toBe(before);
    });
  });

  it("keeps names and addresses in every script exactly as written", async () => {
    const names = ["Zoë Ünal-Ğüneş", "王秀英", "محمد العلي", "Ἀλέξανδρος Παπαδόπουλος", "Nguyễn Văn An", "Ólafur Þórsson"];
    for (const [i, name] of names.entries()) {
      const result = await graph.query(tokens.elan, UPSERT_TENANT, { input: tenant({ reference: `IR-S${i}`, name }, { street: "Straße des 17. Juni" }) });
      expect(result.errors).toBeUndefined();
      expect(result.data?.upsertTenant).toMatchObject({ name, reference: `IR-S${i}` });
    }
  });

  it("refuses bidirectional override and isolate characters in names and references, which could make one display as another", async () => {
    const before = await tenantCount();
    for (const [fields, path] of [
      [{ name: "Jan \u202Enesnaj" }, "input.name"],
      [{ reference: "IR-\u202D7" }, "input.reference"],
      [{ name: "\u2067Jansen\u2069" }, "input.name"],
      [{ reference: "IR\u202A-8" }, "input.reference"],
    ] as const) {
      const result = await graph.query(tokens.elan, UPSERT_TENANT, { input: tenant(fields) });
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: path });
      expect(result.errors?.[0]?.message).toMatch(/bidirectional/);
    }
    expect(await tenantCount()).toBe(before);
  });

  it("lets a case note span lines with tabs and hold right-to-left text, but not other control characters", async () => {
    const cases = await graph.query(tokens.swt, `{ cases(first: 1, filter: { status: IN_TREATMENT }) { edges { node { id } } } }`);
    const caseId = cases.data?.cases.edges[0]?.node.id;
    expect(caseId).toBeTruthy();
    const ADD = `mutation($caseId: ID!, $note: CaseNoteInput!) { addCaseNote(caseId: $caseId, note: $note) { text } }`;
    const text = "Huisbezoek gedaan.\n\tAfspraak: \u2067مرحبا\u2069 volgende week.";
    const added = await graph.query(tokens.swt, ADD, { caseId, note: { text } });
    expect(added.errors).toBeUndefined();
    expect(added.data?.addCaseNote.text).toBe(text);
    for (const bad of ["Note\u0000", "Note\r\nmore", "Note\u001B[31m"]) {
      const refused = await graph.query(tokens.swt, ADD, { caseId, note: { text: bad } });
      expect(refused.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: "note.text" });
      expect(refused.errors?.[0]?.message).toMatch(/only line feeds and tabs/);
    }
  });

  it("refuses a text longer than its maximum, up to a reference of 4 MB, as bad input and not as an outage", async () => {
    const before = await tenantCount();
    for (const [fields, path, length] of [
      [{ reference: "R".repeat(4 * 1024 * 1024) }, "input.reference", 4 * 1024 * 1024],
      [{ name: "N".repeat(201) }, "input.name", 201],
      [{ email: `${"e".repeat(250)}@x.nl` }, "input.email", 255],
    ] as const) {
      const result = await graph.query(tokens.elan, UPSERT_TENANT, { input: tenant(fields) });
      expect(result.status).toBe(400);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field: path });
      expect(result.errors?.[0]?.message).toContain(`is ${length} characters long`);
    }
    expect(await tenantCount()).toBe(before);
  });

  it("refuses an id that is not an id, naming the argument, in reads and writes", async () => {
    for (const [token, query, name] of [
      [tokens.elan, `{ tenant(id: "EW-100007") { id } }`, "argument"],
      [tokens.sdv, `{ signal(id: "1 or 1=1") { id } }`, "argument"],
      [tokens.swt, `{ case(id: "") { id } }`, "argument"],
      [tokens.coordinator, `{ accessLog(filter: { personId: "not-a-person" }) { edges { cursor } } }`, "field"],
      [tokens.coordinator, `{ signalAccessLog(filter: { personId: "12345" }) { edges { cursor } } }`, "field"],
      [tokens.sdv, `mutation { overridePriority(signalId: "x", level: I, reason: "test") { __typename } }`, "argument"],
      [tokens.coordinator, `{ corporation(id: "elan wonen") { id } }`, "argument"],
      [tokens.sdv, `mutation { setRoutingArea(postcodeArea: "2034", teamId: "../team") { __typename } }`, "argument"],
    ] as const) {
      const result = await graph.query(token, query);
      expect(result.status, query).toBe(400);
      expect(result.errors?.[0]?.extensions?.code, query).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.extensions?.[name], query).toBeTruthy();
    }
  });

  it("refuses a cursor that no list returned, however it is made, naming after", async () => {
    const uuid = "7f3c2a8e-2b7d-4b8e-9a4f-0c1d2e3f4a5b";
    const asked: [string, string, string][] = [
      [tokens.elan, "tenants", "not a cursor!"],
      [tokens.elan, "tenants", cursor(["Jansen"])],
      [tokens.elan, "tenants", cursor(["Jansen", "not-a-uuid"])],
      [tokens.elan, "tenants", cursor(["Jan\u0000sen", uuid])],
      [tokens.sdv, "signals", cursor([12, uuid])],
      [tokens.sdv, "signals", cursor(["2026-13-45T99:00:00Z", uuid])],
      [tokens.swt, "cases", cursor(["2026-02-30", uuid])],
      [tokens.swt, "cases", cursor([{ $gt: "" }, uuid])],
      [tokens.coordinator, "accessLog", "A".repeat(5_000)],
    ];
    for (const [token, list, after] of asked) {
      const result = await graph.query(token, `query($after: String) { ${list}(first: 2, after: $after) { edges { cursor } } }`, { after });
      expect(result.errors?.[0]?.extensions, `${list} ${after.slice(0, 40)}`).toMatchObject({ code: "BAD_USER_INPUT", argument: "after" });
    }
    // The cursors a list does return still lead to its next page.
    const first = await graph.query(tokens.elan, `{ tenants(first: 2) { pageInfo { endCursor } } }`);
    const next = await graph.query(tokens.elan, `query($after: String) { tenants(first: 2, after: $after) { edges { cursor } } }`, {
      after: first.data?.tenants.pageInfo.endCursor,
    });
    expect(next.errors).toBeUndefined();
    expect(next.data?.tenants.edges).toHaveLength(2);
  });

  it("applies the same rules when a subgraph is called directly, not through the gateway", async () => {
    const signer = new GatewayTokenSigner(graph.signingKey);
    const before = await tenantCount();
    for (const [input, field] of [
      [tenant({ name: "Jan\u0000Jansen" }), "input.name"],
      [tenant({ reference: "IR-\u202E9" }), "input.reference"],
      [tenant({ corporationId: "elan-wonen\n" }), "input.corporationId"],
    ] as const) {
      const response = await fetch(graph.subgraphs.corporations.url, {
        method: "POST",
        headers: { "content-type": "application/json", [IDENTITY_HEADER]: await signer.sign(identities.elanWonen, "corporations") },
        body: JSON.stringify({ query: UPSERT_TENANT, variables: { input } }),
      });
      const body = (await response.json()) as { errors?: { extensions?: Record<string, unknown> }[] };
      expect(response.status).toBe(400);
      expect(body.errors?.[0]?.extensions).toMatchObject({ code: "BAD_USER_INPUT", field });
    }
    expect(await tenantCount()).toBe(before);
  });

  it("answers a date that does not exist, written in the operation itself, as bad input and not as an unavailable service", async () => {
    for (const day of ["2026-02-30", "2026-13-01", "01-01-2026"]) {
      const result = await graph.query(tokens.elan, `{ covenant(on: "${day}") { __typename } }`);
      expect(result.errors?.[0]?.extensions?.code, day).toBe("BAD_USER_INPUT");
      expect(result.errors?.[0]?.message).toContain(day);
    }
  });

  it("answers a day far past the calendars, in the covenant calendar or a feedback term, as bad input and at once", async () => {
    for (const day of ["9999-12-31", "5000-06-15", "2121-01-01"]) {
      const covenant = await graph.query(tokens.elan, `query($on: Date) { covenant(on: $on) { asOf } }`, { on: day });
      expect(covenant.errors?.[0]?.extensions, day).toMatchObject({ code: "BAD_USER_INPUT", argument: "on" });
      // Counting working days past 9999-12-31 never ended: the subgraph hung on this request.
      const due = await graph.query(tokens.swt, `query($on: Date!) { feedbackDueDate(forwardedOn: $on, phase: COLLECTION) }`, { on: day });
      expect(due.errors?.[0]?.extensions?.code, day).toBe("BAD_USER_INPUT");
    }
  });

  describe("operationName", () => {
    const document = `query One { corporations { id } } query Two { corporations { name } }`;
    it.each([
      ["left out, with two operations in the document", undefined],
      ["naming no operation of the document", "Three"],
      ["naming an operation of another case", "one"],
    ])("%s is answered 400 with a GraphQL error naming operationName", async (_what, operationName) => {
      const response = await fetch(graph.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens.coordinator}` },
        body: JSON.stringify({ query: document, operationName }),
      });
      expect(response.status).toBe(400);
      const body = (await response.json()) as { errors: { message: string; extensions: Record<string, unknown> }[] };
      expect(body.errors[0]?.extensions).toMatchObject({ code: "OPERATION_RESOLUTION_FAILURE", argument: "operationName" });
    });

    it("naming one of the document's operations runs that one", async () => {
      const response = await fetch(graph.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens.coordinator}` },
        body: JSON.stringify({ query: document, operationName: "Two" }),
      });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { data: { corporations: { name: string }[] } };
      expect(body.data.corporations[0]?.name).toBeTruthy();
    });
  });

  describe("x-request-id", () => {
    const ask = (requestId: string) =>
      fetch(graph.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${tokens.sdv}`, "x-request-id": requestId },
        body: JSON.stringify({ query: `{ corporations { id } signals(first: 1) { edges { node { id case { status } } } } }` }),
      });

    it.each(["abc-123", "7f3c2a8e-2b7d-4b8e-9a4f-0c1d2e3f4a5b", "trace.2026_12_01", "x".repeat(128)])("a short safe id such as %s is kept and echoed", async (id) => {
      const response = await ask(id);
      expect(response.headers.get("x-request-id")).toBe(id);
      expect(((await response.json()) as { errors?: unknown }).errors).toBeUndefined();
    });

    it.each([
      ["of 9 KB", "r".repeat(9 * 1024)],
      ["of 129 characters", "r".repeat(129)],
      ["with spaces and quotes", `a b "c"`],
      ["with a log-forging line break encoded", "abc%0Ainjected"],
      ["with letters outside ASCII", "verzoek-één"],
    ])("an id %s is replaced by a fresh one, and every subgraph still answers", async (_what, id) => {
      const response = await ask(encodeURI(id) === id ? id : encodeURI(id));
      const echoed = response.headers.get("x-request-id");
      expect(echoed).not.toBe(id);
      expect(echoed).toMatch(/^[0-9a-f-]{36}$/);
      const body = (await response.json()) as { errors?: unknown; data: { corporations: unknown[] } };
      expect(body.errors).toBeUndefined();
      expect(body.data.corporations.length).toBeGreaterThan(0);
    });
  });
});
