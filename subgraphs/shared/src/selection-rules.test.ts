import { buildSchema, parse } from "graphql";
import { describe, expect, it } from "vitest";
import { readRequirements } from "./field-requirements.js";
import { assertSelectionsResolve, readSelections, refusedSelections, type SelectionCaller } from "./selection-rules.js";

// A small schema in the shape of the graph's: a list with a nested filter, a sort and a count
// grouped by enum values, each pointing at the field it reads.
const SDL = `
  directive @requiresScopes(scopes: [[String!]!]!) on FIELD_DEFINITION | OBJECT
  directive @selects(fields: [String!]!) on ARGUMENT_DEFINITION | INPUT_FIELD_DEFINITION | ENUM_VALUE
  type Query {
    items(filter: ItemFilter, orderBy: [ItemOrder!], owner: ID @selects(fields: ["Item.owner"])): [Item!]!
    counts(groupBy: [ItemGroup!]!): [Cell!]!
    wrapped(input: Wrapper, first: Int): [Item!]!
    plain(first: Int, ids: [ID!]): [Item!]!
  }
  input Wrapper { inner: Wrapper note: String orders: [ItemOrder!] }
  type Item {
    id: ID!
    owner: String @requiresScopes(scopes: [["role:SDV"], ["role:CORPORATION"]])
    secret: Detail @requiresScopes(scopes: [["role:SDV"]])
  }
  type Detail { level: String @requiresScopes(scopes: [["role:SDV"], ["role:SWT"]]) note: String }
  type Cell { level: String @requiresScopes(scopes: [["role:ANALYST"]]) owner: String households: Int }
  input ItemFilter { level: String @selects(fields: ["Item.secret.level"]) owner: String @selects(fields: ["Item.owner"]) and: [ItemFilter!] }
  enum ItemOrder { OWNER @selects(fields: ["Item.owner"]) LEVEL @selects(fields: ["Item.secret.level"]) }
  enum ItemGroup { LEVEL @selects(fields: ["Cell.level"]) OWNER @selects(fields: ["Cell.owner"]) }
`;
const schema = buildSchema(SDL);
const requirements = readRequirements(SDL);
const selections = readSelections(SDL);
const caller = (role: string): SelectionCaller => ({ authenticated: true, scopes: new Set([`role:${role}`]), policy: () => false });
const refused = (role: string, query: string, variables?: Record<string, unknown>) =>
  refusedSelections(schema, parse(query), undefined, variables, requirements, selections, caller(role));

describe("a filter, sort or group-by obeys the rule of the field it reads", () => {
  it("refuses a filter by a field the role may not read, naming the argument and the field", () => {
    expect(refused("CORPORATION", `{ items(filter: { level: "III" }) { id } }`)).toEqual([{ field: "Query.items", argument: "filter.level", selects: "Item.secret" }]);
    expect(refused("SWT", `{ items(filter: { level: "III" }) { id } }`)).toEqual([{ field: "Query.items", argument: "filter.level", selects: "Item.secret" }]);
    expect(refused("SDV", `{ items(filter: { level: "III" }) { id } }`)).toEqual([]);
  });

  it("lets a role filter by what it may read", () => {
    expect(refused("CORPORATION", `{ items(filter: { owner: "x" }) { id } }`)).toEqual([]);
    expect(refused("CORPORATION", `{ items(owner: "x") { id } }`)).toEqual([]);
    expect(refused("SWT", `{ items(owner: "x") { id } }`)).toEqual([{ field: "Query.items", argument: "owner", selects: "Item.owner" }]);
  });

  it("finds the selection in variables, nested input objects and lists, behind aliases and fragments", () => {
    const expected = [{ field: "Query.items", argument: "filter.and.level", selects: "Item.secret" }];
    expect(refused("CORPORATION", `query($f: ItemFilter) { items(filter: $f) { id } }`, { f: { and: [{ owner: "a" }, { level: "I" }] } })).toEqual(expected);
    expect(refused("CORPORATION", `query($l: String) { a: items(filter: { and: [{ level: $l }] }) { id } }`, { l: "II" })).toEqual(expected);
    expect(refused("CORPORATION", `query { ...F } fragment F on Query { items(filter: { and: { level: "I" } }) { id } }`)).toEqual(expected);
    // A variable left null or out selects nothing.
    expect(refused("CORPORATION", `query($l: String) { items(filter: { level: $l }) { id } }`, {})).toEqual([]);
    expect(refused("CORPORATION", `query($f: ItemFilter) { items(filter: $f) { id } }`, { f: { level: null } })).toEqual([]);
  });

  it("refuses sort keys and group-bys, as literals and as variables, by the rule of the field each value reads", () => {
    expect(refused("CORPORATION", `{ items(orderBy: [OWNER, LEVEL]) { id } }`)).toEqual([{ field: "Query.items", argument: "orderBy: LEVEL", selects: "Item.secret" }]);
    expect(refused("CORPORATION", `query($o: [ItemOrder!]) { items(orderBy: $o) { id } }`, { o: "LEVEL" })).toEqual([
      { field: "Query.items", argument: "orderBy: LEVEL", selects: "Item.secret" },
    ]);
    expect(refused("SDV", `query($g: [ItemGroup!]!) { counts(groupBy: $g) { households } }`, { g: ["OWNER", "LEVEL"] })).toEqual([
      { field: "Query.counts", argument: "groupBy: LEVEL", selects: "Cell.level" },
    ]);
    expect(refused("ANALYST", `{ counts(groupBy: [OWNER, LEVEL]) { households } }`)).toEqual([]);
  });

  it("refuses at start a @selects that names no field, rather than letting it through", () => {
    const broken = SDL.replace('"Cell.owner"', '"Cell.ownerId"');
    expect(() => assertSelectionsResolve(buildSchema(broken), readRequirements(broken), readSelections(broken))).toThrow(/ItemGroup.OWNER: @selects names Cell.ownerId/);
    expect(() => assertSelectionsResolve(schema, requirements, selections)).not.toThrow();
  });

  it("walks a document asked again with other variables, and a selection reached only through nested inputs", () => {
    const query = parse(`query($w: Wrapper) { wrapped(input: $w) { id } }`);
    const ask = (variables: Record<string, unknown>) => refusedSelections(schema, query, undefined, variables, requirements, selections, caller("CORPORATION"));
    expect(ask({ w: { note: "x" } })).toEqual([]);
    expect(ask({ w: { inner: { inner: { orders: ["LEVEL"] } } } })).toEqual([{ field: "Query.wrapped", argument: "input.inner.inner.orders: LEVEL", selects: "Item.secret" }]);
    expect(ask({ w: { note: "y" } })).toEqual([]);
  });

  it("finds nothing to refuse in a document whose arguments select by nothing, whatever the variables", () => {
    const query = parse(`query($n: Int, $ids: [ID!]) { plain(first: $n, ids: $ids) { id owner } }`);
    expect(refusedSelections(schema, query, undefined, { n: 3, ids: ["a"] }, requirements, selections, caller("SWT"))).toEqual([]);
    // The same field name under an alias, beside one that does select, is still walked.
    const mixed = parse(`query($o: [ItemOrder!]) { plain(first: 1) { id } x: items(orderBy: $o) { id } }`);
    expect(refusedSelections(schema, mixed, undefined, { o: ["OWNER"] }, requirements, selections, caller("SWT"))).toEqual([
      { field: "Query.items", argument: "orderBy: OWNER", selects: "Item.owner" },
    ]);
  });
});
