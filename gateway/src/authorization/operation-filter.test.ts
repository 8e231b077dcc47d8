import { buildSchema, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { filterOperation, PLACEHOLDER, restoreRemovedFields, TYPENAME, type Caller } from "./operation-filter.js";
import { readRequirements } from "./requirements.js";

const SDL = `
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @policy(policies: [[String!]!]!) on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  directive @authenticated on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM
  type Query {
    tenants: [Tenant!]!
    secret: String @requiresScopes(scopes: [["role:COORDINATOR"]])
    people: [Person!]!
  }
  type Tenant {
    id: ID!
    name: String @requiresScopes(scopes: [["role:SDV"], ["role:CORPORATION"]])
    arrears: Arrears @requiresScopes(scopes: [["role:SDV"]])
    city: String
  }
  type Arrears { amountCents: Int }
  interface Person { id: ID! label: String }
  type Worker implements Person { id: ID! label: String }
  type Client implements Person { id: ID! label: String @requiresScopes(scopes: [["role:SDV"]]) }
  type Audit @policy(policies: [["auditors"]]) { id: ID! }
`;
const schema = buildSchema(SDL);
const requirements = readRequirements(SDL);
const as = (role: string, policies: string[] = []): Caller => ({ authenticated: true, scopes: new Set([`role:${role}`]), policy: (name) => policies.includes(name) });
const filter = (query: string, caller: Caller, operationName?: string) => filterOperation(schema, parse(query), operationName, requirements, caller);
/** The removals without their type chains, for readable expectations. */
const run = (query: string, caller: Caller, operationName?: string) => {
  const result = filter(query, caller, operationName);
  return { ...result, removed: result.removed.map(({ types: _types, ...rest }) => rest) };
};

describe("taking forbidden fields out of an operation", () => {
  it("leaves an operation the caller may fully read untouched", () => {
    const query = `{ tenants { id name arrears { amountCents } } }`;
    const result = run(query, as("SDV"));
    expect(result.removed).toEqual([]);
    expect(print(result.document)).toBe(print(parse(query)));
  });

  it("removes a forbidden field and reports its path and coordinate", () => {
    const result = run(`{ tenants { id name city } }`, as("ANALYST"));
    expect(result.removed).toEqual([{ path: ["tenants", "name"], coordinate: "Tenant.name" }]);
    expect(print(result.document)).not.toContain("name");
    expect(print(result.document)).toContain("city");
  });

  it("follows aliases: the path names the alias the caller chose", () => {
    const result = run(`{ list: tenants { who: name whoAgain: name } }`, as("ANALYST"));
    expect(result.removed.map((r) => r.path)).toEqual([
      ["list", "who"],
      ["list", "whoAgain"],
    ]);
  });

  it("sees through named fragments, even one spread in two places", () => {
    const result = run(`query Q { tenants { ...T } again: tenants { ...T } } fragment T on Tenant { id name arrears { amountCents } }`, as("CORPORATION"), "Q");
    expect(result.removed.map((r) => r.path)).toEqual([
      ["tenants", "arrears"],
      ["again", "arrears"],
    ]);
    expect(print(result.document)).not.toMatch(/fragment|arrears/);
  });

  it("applies an implementation's rule to a field read through an interface, and only to that type", () => {
    const viaInterface = run(`{ people { id label } }`, as("ANALYST"));
    expect(viaInterface.removed).toEqual([{ path: ["people", "label"], coordinate: "Person.label" }]);
    const viaFragment = run(`{ people { id ... on Client { label } ... on Worker { label } } }`, as("ANALYST"));
    expect(viaFragment.removed).toEqual([{ path: ["people", "label"], coordinate: "Client.label", onType: "Client" }]);
    expect(print(viaFragment.document)).toContain(`${TYPENAME}: __typename`);
  });

  it("replaces a selection left empty with a placeholder, and removes a forbidden root field", () => {
    const result = run(`{ secret tenants { name } }`, as("ANALYST"));
    expect(result.removed.map((r) => r.coordinate)).toEqual(["Query.secret", "Tenant.name"]);
    expect(print(result.document)).toContain(`${PLACEHOLDER}: __typename`);
  });

  it("keeps variables and directives of the fields it keeps", () => {
    const result = run(`query($skip: Boolean!) { tenants { name city @skip(if: $skip) } }`, as("ANALYST"));
    expect(print(result.document)).toContain("city @skip(if: $skip)");
  });

  it("enforces a type-level @policy only for callers the policy admits", () => {
    const sdl = `${SDL} extend type Query { audit: Audit }`;
    const withAudit = buildSchema(sdl);
    const rules = readRequirements(sdl);
    expect(filterOperation(withAudit, parse(`{ audit { id } }`), undefined, rules, as("COORDINATOR")).removed).toHaveLength(1);
    expect(filterOperation(withAudit, parse(`{ audit { id } }`), undefined, rules, as("COORDINATOR", ["auditors"])).removed).toHaveLength(0);
  });
});

describe("restoring the answer", () => {
  it("puts null where the removed field was asked, through lists, and strips the helper aliases", () => {
    const { removed } = filter(`{ tenants { id city name } people { id ... on Client { label } ... on Worker { label } } }`, as("ANALYST"));
    const data: Record<string, unknown> = {
      tenants: [
        { id: "1", city: "Haarlem" },
        { id: "2", city: "Zandvoort" },
      ],
      people: [
        { id: "a", [TYPENAME]: "Client" },
        { id: "b", label: "kept", [TYPENAME]: "Worker" },
      ],
    };
    expect(restoreRemovedFields(data, removed, schema)).toEqual({
      tenants: [
        { id: "1", city: "Haarlem", name: null },
        { id: "2", city: "Zandvoort", name: null },
      ],
      people: [
        { id: "a", label: null },
        { id: "b", label: "kept" },
      ],
    });
  });

  it("makes the parent null when the removed field may not be null, as GraphQL does", () => {
    const sdl = `${SDL} type Case { id: ID! status: String! notes: [String!]! @requiresScopes(scopes: [["role:SWT"]]) } extend type Query { cases: [Case] case: Case! }`;
    const withCases = buildSchema(sdl);
    const rules = readRequirements(sdl);
    const list = filterOperation(withCases, parse(`{ cases { id status notes } }`), undefined, rules, as("SDV"));
    expect(
      restoreRemovedFields(
        {
          cases: [
            { id: "1", status: "OPEN" },
            { id: "2", status: "CLOSED" },
          ],
        },
        list.removed,
        withCases,
      ),
    ).toEqual({ cases: [null, null] });
    const root = filterOperation(withCases, parse(`{ case { id notes } }`), undefined, rules, as("SDV"));
    expect(restoreRemovedFields({ case: { id: "1" } }, root.removed, withCases)).toBeNull();
  });
});
