import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DevTokenClaims } from "../gateway/src/auth/dev-issuer.js";
import { startTestGraph, type GraphQLResponse, type TestGraph } from "./support/graph.js";

/**
 * Every date, month, instant and number a caller can send, through the gateway, written in the query
 * and passed as a variable, at and beyond the edges of its documented range: a value outside is
 * refused as BAD_USER_INPUT naming the argument (and the field inside an input object); a value
 * inside is answered. Nothing hangs, nothing becomes an internal error or an unavailable subgraph.
 */

type Role = "CORPORATION" | "SDV" | "SWT" | "ANALYST" | "COORDINATOR";

interface Probe {
  /** Who may call the operation. */
  role: Role;
  operation: "query" | "mutation";
  /** The field with its arguments; `$v` marks where the value goes. */
  call: string;
  selection: string;
  /** The variable's type. */
  type: string;
  /** What the refusal must name: the argument, then the field inside it. */
  names: string;
}

const DATE_PROBES: Probe[] = [
  { role: "SWT", operation: "query", call: "feedbackDueDate(forwardedOn: $v, phase: ARREARS)", selection: "", type: "Date!", names: "forwardedOn" },
  { role: "CORPORATION", operation: "query", call: "covenant(on: $v)", selection: "{ asOf }", type: "Date", names: "on" },
  { role: "SDV", operation: "query", call: "currentThreshold(on: $v)", selection: "{ amountCents }", type: "Date", names: "on" },
  { role: "COORDINATOR", operation: "query", call: `ddasExport(municipalityCode: "0392", from: $v, to: "2026-01-31")`, selection: "", type: "Date!", names: "from" },
  { role: "SWT", operation: "query", call: "cases(first: 5, filter: { openedFrom: $v })", selection: "{ edges { node { id } } }", type: "Date", names: "filter.openedFrom" },
  {
    role: "CORPORATION",
    operation: "mutation",
    call: `upsertArrears(input: { tenantReference: "EW-RANGE-1", amountCents: 12000, since: $v, phase: ARREARS })`,
    selection: "{ id }",
    type: "Date!",
    names: "input.since",
  },
  {
    role: "SDV",
    operation: "mutation",
    call: `setThreshold(input: { amountCents: 7500, validFrom: $v, reason: "range test" })`,
    selection: "{ id }",
    type: "Date!",
    names: "input.validFrom",
  },
  {
    role: "SWT",
    operation: "mutation",
    call: `closeCase(caseId: "00000000-0000-4000-8000-000000000000", outcome: NO_CONTACT_POSSIBLE, closedOn: $v)`,
    selection: "{ id }",
    type: "Date",
    names: "closedOn",
  },
];

const MONTH_PROBES: Probe[] = [
  {
    role: "ANALYST",
    operation: "query",
    call: `thresholdAnalysis(fromMonth: $v, toMonth: "2026-10", candidatesCents: [7500])`,
    selection: "{ signals }",
    type: "YearMonth!",
    names: "fromMonth",
  },
  {
    role: "SDV",
    operation: "query",
    call: "signals(first: 5, filter: { reportingMonth: $v })",
    selection: "{ edges { node { id } } }",
    type: "YearMonth",
    names: "filter.reportingMonth",
  },
  { role: "ANALYST", operation: "query", call: "signalCounts(groupBy: [MONTH], filter: { toMonth: $v })", selection: "{ month }", type: "YearMonth", names: "filter.toMonth" },
  // The monitoring takes its months as strings, checked against the same range.
  { role: "ANALYST", operation: "query", call: `monitoring(from: $v, to: "2026-03")`, selection: "{ month }", type: "String!", names: "from" },
];

const INSTANT_PROBES: Probe[] = [
  {
    role: "COORDINATOR",
    operation: "query",
    call: "accessLog(first: 5, filter: { from: $v })",
    selection: "{ edges { node { readAt } } }",
    type: "DateTime",
    names: "filter.from",
  },
  { role: "COORDINATOR", operation: "query", call: "signalAccessLog(first: 5, filter: { to: $v })", selection: "{ edges { node { id } } }", type: "DateTime", names: "filter.to" },
];

const FIRST_PROBES: Probe[] = [
  { role: "SWT", operation: "query", call: "cases(first: $v)", selection: "{ edges { node { id } } }", type: "Int!", names: "first" },
  { role: "SDV", operation: "query", call: "signals(first: $v)", selection: "{ edges { node { id } } }", type: "Int!", names: "first" },
  { role: "CORPORATION", operation: "query", call: "tenants(first: $v)", selection: "{ edges { node { id } } }", type: "Int!", names: "first" },
  { role: "CORPORATION", operation: "query", call: "registerEntries(first: $v)", selection: "{ edges { node { id } } }", type: "Int!", names: "first" },
  { role: "COORDINATOR", operation: "query", call: "accessLog(first: $v)", selection: "{ edges { node { readAt } } }", type: "Int!", names: "first" },
  { role: "COORDINATOR", operation: "query", call: "signalAccessLog(first: $v)", selection: "{ edges { node { id } } }", type: "Int!", names: "first" },
];

const ARREARS_AMOUNT: Probe = {
  role: "CORPORATION",
  operation: "mutation",
  call: `upsertArrears(input: { tenantReference: "EW-RANGE-1", amountCents: $v, since: "2026-01-01", phase: ARREARS })`,
  selection: "{ id }",
  type: "Int!",
  names: "amountCents",
};
const THRESHOLD_AMOUNT: Probe = {
  role: "SDV",
  operation: "mutation",
  call: `setThreshold(input: { amountCents: $v, validFrom: "2099-01-01", reason: "range test" })`,
  selection: "{ id }",
  type: "Int!",
  names: "amountCents",
};
const CANDIDATE_AMOUNT: Probe = {
  role: "ANALYST",
  operation: "query",
  call: `thresholdAnalysis(fromMonth: "2026-01", toMonth: "2026-10", candidatesCents: [7500, $v])`,
  selection: "{ signals }",
  type: "Int!",
  names: "candidatesCents",
};

/** The value as it is written in a query. */
function literal(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

function inline(probe: Probe, value: unknown): string {
  return `${probe.operation} { ${probe.call.replace("$v", literal(value))} ${probe.selection} }`;
}

function withVariable(probe: Probe): string {
  return `${probe.operation}($v: ${probe.type}) { ${probe.call} ${probe.selection} }`;
}

/** What an error names: the argument, then the field inside it. */
function named(error: { extensions?: Record<string, unknown> }): string {
  return [error.extensions?.argument, error.extensions?.field].filter(Boolean).join(".");
}

/** The refusal that names `names`; a first page too large to afford is refused for its cost as well. */
function refusalNaming(result: GraphQLResponse, names: string) {
  return result.errors?.find((error) => error.extensions?.code === "BAD_USER_INPUT" && named(error).includes(names));
}

describe("what a caller may send: dates, months, instants and numbers within their documented ranges", () => {
  let graph: TestGraph;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    graph = await startTestGraph();
    const claims: Record<Role, DevTokenClaims> = {
      CORPORATION: { role: "CORPORATION", orgs: ["elan-wonen"], sub: "elan-range" },
      SDV: { role: "SDV", orgs: ["0392", "0473"], sub: "sdv-range" },
      SWT: { role: "SWT", orgs: ["0392"], team: "haarlem-schalkwijk", sub: "swt-range" },
      ANALYST: { role: "ANALYST", orgs: ["0392", "0473"], sub: "analyst-range" },
      COORDINATOR: { role: "COORDINATOR", orgs: ["0392", "0473"], sub: "coordinator-range" },
    };
    for (const [role, claim] of Object.entries(claims)) tokens[role as Role] = await graph.token(claim);
  });
  afterAll(() => graph?.stop());

  /** Sends the value written in the query and as a variable; both must be refused, naming `probe.names`. */
  async function expectRefused(probe: Probe, value: unknown) {
    const answers = [
      ["in the query", await graph.query(tokens[probe.role], inline(probe, value))],
      ["as a variable", await graph.query(tokens[probe.role], withVariable(probe), { v: value })],
    ] as const;
    for (const [how, result] of answers) {
      const what = `${probe.call} with ${literal(value)} ${how}: ${JSON.stringify(result.errors)}`;
      expect(result.data ?? null, what).toBeNull();
      expect(refusalNaming(result, probe.names), what).toBeDefined();
      for (const error of result.errors!) expect(["BAD_USER_INPUT", "GRAPHQL_VALIDATION_FAILED"], what).toContain(error.extensions?.code);
    }
  }

  /** Sends a value inside the range: whatever the answer, it is no internal error and no lost subgraph. */
  async function expectAnswered(probe: Probe, value: unknown) {
    for (const result of [await graph.query(tokens[probe.role], inline(probe, value)), await graph.query(tokens[probe.role], withVariable(probe), { v: value })]) {
      const codes = (result.errors ?? []).map((e) => e.extensions?.code);
      const what = `${probe.call} with ${literal(value)}: ${JSON.stringify(result.errors)}`;
      expect(codes, what).not.toContain("INTERNAL_SERVER_ERROR");
      expect(codes, what).not.toContain("SUBGRAPH_UNAVAILABLE");
      expect(codes, what).not.toContain("GRAPHQL_VALIDATION_FAILED");
    }
  }

  it("answers the feedback due date of a signal forwarded on 9999-12-31 at once, with a refusal naming forwardedOn", async () => {
    const result = await graph.query(tokens.SWT, `{ feedbackDueDate(forwardedOn: "9999-12-31", phase: ARREARS) }`);
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: "BAD_USER_INPUT", argument: "forwardedOn" } });
    expect(result.errors?.[0]?.message).toMatch(/between 1900-01-01 and 2099-12-31/);
    // The graph still answers afterwards.
    expect((await graph.query(tokens.SWT, `{ feedbackDueDate(forwardedOn: "2026-11-02", phase: COLLECTION) }`)).data).toEqual({ feedbackDueDate: "2026-11-09" });
  });

  it("names the field inside an input object or the item of a list, whether written in the query or passed whole as a variable", async () => {
    const arrears = `mutation($input: ArrearsInput!) { upsertArrears(input: $input) { id } }`;
    const whole = await graph.query(tokens.CORPORATION, arrears, { input: { tenantReference: "EW-RANGE-1", amountCents: 5, since: "2021-02-30", phase: "ARREARS" } });
    expect(whole.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", variable: "input", argument: "input", field: "since" });
    expect(whole.errors?.[0]?.message).toMatch(/YYYY-MM-DD/);

    const analysis = `thresholdAnalysis(fromMonth: "2026-01", toMonth: "2026-10", candidatesCents: CANDIDATES) { signals }`;
    const written = await graph.query(tokens.ANALYST, `{ ${analysis.replace("CANDIDATES", "[7500, 2.5]")} }`);
    expect(written.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "candidatesCents", field: "[1]" });
    expect(written.errors?.[0]?.message).toBe("candidatesCents[1]: Int cannot represent non-integer value: 2.5");
    const passed = await graph.query(tokens.ANALYST, `query($c: [Int!]!) { ${analysis.replace("CANDIDATES", "$c")} }`, { c: [7500, 2.5] });
    expect(passed.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", variable: "c", argument: "candidatesCents", field: "[1]" });

    const phase = await graph.query(tokens.SWT, `{ feedbackDueDate(forwardedOn: "2026-11-02", phase: SOMETIME) }`);
    expect(phase.errors?.[0]?.extensions).toEqual({ code: "BAD_USER_INPUT", argument: "phase" });
  });

  it("refuses a date outside 1900-01-01..2099-12-31, or one the calendar lacks, for every date argument", async () => {
    for (const probe of DATE_PROBES) {
      for (const value of ["9999-12-31", "0001-01-01", "1899-12-31", "2100-01-01", "2021-02-30", "2026-13-01", "2026-02-29", "2026-1-1", "", 20260301]) {
        await expectRefused(probe, value);
      }
    }
  });

  it("answers a date at either edge of the range for every date argument", async () => {
    for (const probe of DATE_PROBES) for (const value of ["1900-01-01", "2099-12-31", "2028-02-29"]) await expectAnswered(probe, value);
  });

  it("answers the feedback due date for every year of the date range: a day, or a refusal saying the calendar does not cover that year", async () => {
    for (let year = 1900; year <= 2099; year += 1) {
      const result = await graph.query(tokens.SWT, `query($d: Date!) { feedbackDueDate(forwardedOn: $d, phase: ARREARS) }`, { d: `${year}-12-31` });
      if (year >= 2021 && year <= 2027) {
        expect(result.data?.feedbackDueDate, `${year}`).toMatch(new RegExp(`^${year + 1}-01-`));
      } else {
        expect(result.errors?.[0]?.extensions, `${year}`).toMatchObject({ code: "BAD_USER_INPUT", field: "forwardedOn" });
        expect(result.errors?.[0]?.message, `${year}`).toMatch(/working-day calendar answers for 2021-01-01 to 2028-12-31 only/);
      }
    }
  });

  it("refuses a month outside 1900-01..2099-12, or no month at all, for every month argument", async () => {
    for (const probe of MONTH_PROBES) {
      for (const value of ["9999-12", "0001-01", "1899-12", "2100-01", "2026-13", "2026-00", "2026-1", "2026-01-01", 202601]) await expectRefused(probe, value);
    }
  });

  it("answers a month at either edge of the range for every month argument", async () => {
    for (const probe of MONTH_PROBES) for (const value of ["1900-01", "2099-12"]) await expectAnswered(probe, value);
  });

  it("refuses an instant outside 1900..2099, without a zone, or not on the calendar, for every instant argument", async () => {
    for (const probe of INSTANT_PROBES) {
      for (const value of [
        "9999-12-31T23:59:59Z",
        "0001-01-01T00:00:00Z",
        "1899-12-31T23:59:59Z",
        "1900-01-01T00:30:00+01:00",
        "2021-02-30T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-01-01T24:00:00Z",
        "2026-01-01T00:00:00",
        "2026-01-01",
        1767225600000,
      ]) {
        await expectRefused(probe, value);
      }
    }
  });

  it("answers an instant at either edge of the range for every instant argument", async () => {
    for (const probe of INSTANT_PROBES) for (const value of ["1900-01-01T00:00:00Z", "2099-12-31T23:59:59.999Z", "2026-03-29T02:30:00+01:00"]) await expectAnswered(probe, value);
  });

  it("refuses a page size outside 1 to 500, a fraction and an Int overflow, for every list", async () => {
    for (const probe of FIRST_PROBES) {
      for (const value of [-1, 0, 501, 2_147_483_647, 2_147_483_648, -2_147_483_649, 1.5, 1e40, '"10"']) {
        await expectRefused(probe, value === '"10"' ? "10" : value);
      }
      for (const value of [1, 500]) await expectAnswered(probe, value);
    }
  });

  it("refuses arrears below 0 or above EUR 1,000,000, a fraction and an Int overflow", async () => {
    for (const value of [-1, -2_147_483_648, 100_000_001, 2_147_483_647, 2_147_483_648, 12.5, 1e40]) await expectRefused(ARREARS_AMOUNT, value);
    for (const value of [0, 100_000_000]) await expectAnswered(ARREARS_AMOUNT, value);
  });

  it("refuses a threshold or a candidate threshold outside EUR 0.01 to EUR 10,000, a fraction and an Int overflow", async () => {
    for (const probe of [THRESHOLD_AMOUNT, CANDIDATE_AMOUNT]) {
      for (const value of [-1, 0, 1_000_001, 2_147_483_647, 2_147_483_648, 75.5, 1e40]) await expectRefused(probe, value);
      for (const value of [1, 1_000_000]) await expectAnswered(probe, value);
    }
  });
});
