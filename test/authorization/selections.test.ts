import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { buildSchema, getNamedType, isEnumType, isInputObjectType, isNonNullType, isScalarType, type GraphQLField, type GraphQLInputType } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES, type Role } from "../../subgraphs/shared/src/identity.js";
import { readRequirements } from "../../subgraphs/shared/src/field-requirements.js";
import { readSelections } from "../../subgraphs/shared/src/selection-rules.js";
import { startTestGraph, type TestGraph } from "../support/graph.js";

const SUPERGRAPH = readFileSync("schema/supergraph.graphql", "utf8");
const schema = buildSchema(SUPERGRAPH);
const selections = readSelections(SUPERGRAPH);
const requirements = readRequirements(SUPERGRAPH);

/**
 * The selections each role may NOT make, from the covenant's matrix (not from the code): a
 * corporation does not read a signal's priority or forwarding; the SDV reads a case's status and
 * feedback deadline but not its team or the day it was opened. Every other filter, sort and
 * group-by of the public schema is open to every role that may ask the query at all.
 */
const REFUSED: Partial<Record<Role, Record<string, string>>> = {
  CORPORATION: { "SignalFilter.priorityLevel": "Signal.priority", "SignalFilter.forwardedTo": "Signal.forwarding", "SignalFilter.teamId": "Signal.forwarding" },
  SDV: { "CaseFilter.teamId": "Case.team", "CaseFilter.openedFrom": "Case.openedOn", "CaseFilter.openedTo": "Case.openedOn" },
};

const CLAIMS: Record<Role, { orgs: string[]; team?: string }> = {
  CORPORATION: { orgs: ["elan-wonen"] },
  SDV: { orgs: ["0392", "0473"] },
  SWT: { orgs: ["0392"], team: "haarlem-schalkwijk" },
  BUDGET_COACH: { orgs: ["0392", "0473"] },
  ANALYST: { orgs: ["0392", "0473"] },
  COORDINATOR: { orgs: ["0392", "0473"] },
};

/** A valid value for an input of this name and type, as an integrator would send it. */
function sample(name: string, type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  if (isEnumType(named)) return named.getValues()[0]!.name;
  // An input object (an address, say): its required fields, each with a sample of its own.
  if (isInputObjectType(named)) {
    return Object.fromEntries(
      Object.values(named.getFields())
        .filter((field) => isNonNullType(field.type) && field.defaultValue === undefined)
        .map((field) => [field.name, sample(field.name, field.type)]),
    );
  }
  if (!isScalarType(named)) throw new Error(`no sample for ${name}`);
  const byName: Record<string, unknown> = {
    municipalityCode: "0392",
    postcode: "2034 AB",
    houseNumber: 12,
    corporationId: "elan-wonen",
    teamId: "haarlem-schalkwijk",
    reference: "EW-100007",
    subject: "someone",
    role: "SDV",
    from: named.name === "String" ? "2026-06" : undefined,
    to: named.name === "String" ? "2026-10" : undefined,
  };
  if (byName[name] !== undefined) return byName[name];
  switch (named.name) {
    case "ID":
      return randomUUID();
    case "Date":
      return name.endsWith("To") || name === "to" || name === "feedbackDueBy" ? "2026-12-31" : "2026-01-01";
    case "YearMonth":
      return name.startsWith("to") ? "2026-10" : "2026-06";
    case "DateTime":
      return "2026-01-01T00:00:00Z";
    case "Boolean":
      return true;
    case "Int":
      return 10_000;
    default:
      return "x";
  }
}

interface Site {
  /** "Input.field", "Enum.VALUE" or "Query.field(argument:)": where the @selects is declared. */
  declared: string;
  query: string;
  /** The root field's arguments, as variables. */
  variables: Record<string, unknown>;
  field: string;
  argument: string;
}

/** Every filter field, group-by value and selecting argument of every public query, as one operation each. */
function sites(): Site[] {
  const found: Site[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.astNode?.directives?.some((d) => d.name.value === "inaccessible")) continue;
    const required = Object.fromEntries(
      field.args.filter((a) => isNonNullType(a.type) && a.defaultValue === undefined).map((a) => [a.name, isEnumType(getNamedType(a.type)) ? [] : sample(a.name, a.type)]),
    );
    // One operation per site, passing only the arguments it sets, all as variables.
    const operation = (variables: Record<string, unknown>) => {
      const args = field.args.filter((a) => a.name in variables);
      return `query Probe(${args.map((a) => `$${a.name}: ${a.type.toString()}`).join(", ")}) { ${field.name}(${args.map((a) => `${a.name}: $${a.name}`).join(", ")}) { __typename } }`;
    };
    const site = (declared: string, variables: Record<string, unknown>, argument: string): Site => ({
      declared,
      query: operation(variables),
      variables,
      field: field.name,
      argument,
    });
    for (const arg of field.args) {
      const named = getNamedType(arg.type);
      const own = `Query.${field.name}(${arg.name}:)`;
      if (selections.has(own)) found.push(site(own, { ...required, [arg.name]: sample(arg.name, arg.type) }, arg.name));
      if (isInputObjectType(named)) {
        for (const input of Object.values(named.getFields())) {
          // A required input object keeps its other required fields, so that only the one probed is in question.
          const rest = isNonNullType(arg.type) ? (sample(arg.name, arg.type) as Record<string, unknown>) : {};
          found.push(site(`${named.name}.${input.name}`, { ...required, [arg.name]: { ...rest, [input.name]: sample(input.name, input.type) } }, `${arg.name}.${input.name}`));
        }
      }
      if (isEnumType(named) && arg.name === "groupBy") {
        for (const value of named.getValues()) {
          found.push(site(`${named.name}.${value.name}`, { ...required, [arg.name]: [value.name] }, `${arg.name}: ${value.name}`));
        }
      }
    }
  }
  return found;
}

/** The roles that may ask a query at all (its own rule); the others are refused the whole field. */
function callers(field: string): Role[] {
  const rule = requirements.get(`Query.${field}`);
  if (!rule || rule.scopes.length === 0) return [...ROLES];
  return ROLES.filter((role) => rule.scopes.some((all) => all.every((scope) => scope === `role:${role}`)));
}

describe("a filter, sort or group-by obeys the rule of the field it reads, through the gateway", () => {
  let graph: TestGraph;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    for (const role of ROLES) tokens.set(role, await graph.token({ role, ...CLAIMS[role], sub: `selections-${role.toLowerCase()}` }));
  });
  afterAll(() => graph?.stop());

  it("every filter field and group-by value of the public schema says which field it reads", () => {
    const all = sites();
    const unmarked = all.filter((site) => !selections.has(site.declared)).map((site) => site.declared);
    expect(unmarked).toEqual([]);
    // signals, cases, tenants, the registers, the access logs, every count and the monitoring.
    const queries = new Set(all.map((site) => site.field));
    for (const query of [
      "signals",
      "cases",
      "tenants",
      "registerEntries",
      "accessLog",
      "signalAccessLog",
      "signalCounts",
      "caseCounts",
      "arrearsCounts",
      "objectionCounts",
      "registerCounts",
      "monitoring",
      "thresholdAnalysis",
    ]) {
      expect(queries, query).toContain(query);
    }
    expect(all.length).toBeGreaterThan(70);
  });

  it("each role may make every selection of the queries it may ask, except those of fields it may not read", async () => {
    const outcomes: string[] = [];
    for (const site of sites()) {
      for (const role of callers(site.field)) {
        const before = graph.statements();
        const result = await graph.query(tokens.get(role), site.query, site.variables);
        const refusedField = REFUSED[role]?.[site.declared];
        const forbidden = (result.errors ?? []).filter((e) => e.extensions?.code === "FORBIDDEN");
        if (refusedField) {
          // Refused before anything is fetched, naming the argument and the field.
          const ok =
            result.data == null &&
            forbidden.length === 1 &&
            forbidden[0]!.extensions?.argument === site.argument &&
            forbidden[0]!.extensions?.selects === refusedField &&
            forbidden[0]!.message.includes(site.argument) &&
            forbidden[0]!.message.includes(refusedField) &&
            graph.statements() === before;
          if (!ok) outcomes.push(`${role} ${site.field}(${site.argument}) should be refused: ${JSON.stringify(result.errors)}`);
        } else if (forbidden.length > 0 || result.data == null || (result.data[site.field] == null && (result.errors?.length ?? 0) > 0)) {
          // (A lookup that finds nothing, such as a household at an address nobody recorded, is null without an error.)
          outcomes.push(`${role} ${site.field}(${site.argument}) should be allowed: ${JSON.stringify(result.errors)}`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  }, 240_000);

  it("a corporation cannot learn which of its tenants are priority III by filtering, however it sends the filter", async () => {
    const corporation = tokens.get("CORPORATION")!;
    const tries: [string, Record<string, unknown>?][] = [
      [`{ signals(first: 50, filter: { priorityLevel: III }) { edges { node { id } } } }`],
      [`query($f: SignalFilter) { signals(first: 50, filter: $f) { edges { node { id } } } }`, { f: { status: "FORWARDED", priorityLevel: "III" } }],
      [`query($l: PriorityLevel) { mine: signals(first: 50, filter: { priorityLevel: $l }) { edges { node { id } } } }`, { l: "III" }],
      [`query { ...Mine } fragment Mine on Query { signals(first: 50, filter: { reportingMonth: "2026-09", priorityLevel: III }) { edges { node { id } } } }`],
      [`{ tenants(first: 5) { edges { node { id } } } signals(first: 50, filter: { priorityLevel: III }) { edges { node { id } } } }`],
    ];
    // Each twice: the second time the gateway knows the operation (its outcome is remembered per role).
    for (const [query, variables] of [...tries, ...tries]) {
      const before = graph.statements();
      const result = await graph.query(corporation, query, variables);
      expect(result.data ?? null, query).toBeNull();
      expect(result.errors).toHaveLength(1);
      expect(result.errors![0]!.extensions).toMatchObject({ code: "FORBIDDEN", field: "Query.signals", argument: "filter.priorityLevel", selects: "Signal.priority" });
      expect(result.errors![0]!.message).toMatch(/may not select by Signal\.priority.*filter\.priorityLevel/);
      expect(graph.statements()).toBe(before);
    }
    // The same operation from a role that reads the priority is not refused by what the corporation was told.
    const sdv = await graph.query(tokens.get("SDV")!, tries[0]![0]);
    expect(sdv.errors).toBeUndefined();
    // Filters by what a corporation reads of its own signals still work.
    const own = await graph.query(corporation, `{ signals(first: 5, filter: { status: FORWARDED, reportingMonth: "2026-09" }) { edges { node { id status } } } }`);
    expect(own.errors).toBeUndefined();
    expect(own.data?.signals.edges.every((edge: any) => edge.node.status === "FORWARDED")).toBe(true);
  });

  it("the SDV, an SWT worker and the budget coach filter signals by priority and forwarding, which they read", async () => {
    for (const role of ["SDV", "SWT", "BUDGET_COACH"] as const) {
      const result = await graph.query(
        tokens.get(role),
        `{ signals(first: 20, filter: { priorityLevel: II, forwardedTo: SWT }) { edges { node { priority { effectiveLevel } forwarding { target } } } } }`,
      );
      expect(result.errors, role).toBeUndefined();
      for (const edge of result.data!.signals.edges) expect(edge.node).toEqual({ priority: { effectiveLevel: "II" }, forwarding: { target: "SWT" } });
    }
  });

  it("a token whose claims do not fit each other is refused at the gateway as UNAUTHENTICATED, saying which claim", async () => {
    const misfits = [
      [{ role: "SWT", orgs: ["0473"], team: "haarlem-schalkwijk" }, /team claim names "haarlem-schalkwijk", a team of 0392/],
      [{ role: "CORPORATION", orgs: ["0392"] }, /org claim names "0392", which is not a corporation/],
      [{ role: "SDV", orgs: ["0392"], team: "budget-coach" }, /the role SDV belongs to no team/],
    ] as const;
    for (const [claims, message] of misfits) {
      const result = await graph.query(await graph.token({ ...claims, orgs: [...claims.orgs] }), `{ thresholds { amountCents } }`);
      expect(result.status).toBe(401);
      expect(result.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      expect(result.errors?.[0]?.message).toMatch(message);
    }
  });
});
