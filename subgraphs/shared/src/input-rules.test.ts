import { buildSchema, parse, type OperationDefinitionNode } from "graphql";
import { describe, expect, it } from "vitest";
import { checkOperationInputs } from "./input-rules.js";

// The server hands the same parsed document to every request with the same query text: the check
// may remember an operation whose arguments are all written in it, and nothing else.
const schema = buildSchema(`
  input Filter { name: String, ids: [ID!] }
  type Query { tenant(id: ID!): String tenants(first: Int, filter: Filter): [String!]! }
`);
const check = (document: ReturnType<typeof parse>, variables?: Record<string, unknown>, against = schema) =>
  checkOperationInputs(against, document, document.definitions[0] as OperationDefinitionNode, variables)?.message;

describe("the input check of an operation asked again and again", () => {
  it("checks the variables of every request, though the same document passed before", () => {
    const document = parse(`query($id: ID!) { tenant(id: $id) }`);
    expect(check(document, { id: "0b6c5a34-8f0e-4a44-9c1e-3d1f7b6c2a10" })).toBeUndefined();
    expect(check(document, { id: "not-an-id" })).toBe(`id "not-an-id" is not an id; ids are uuids, as the graph returns them.`);
  });

  it("checks a variable's default once the same document came with the variable given", () => {
    const document = parse(`query($id: ID! = "not-an-id") { tenant(id: $id) }`);
    expect(check(document, { id: "0b6c5a34-8f0e-4a44-9c1e-3d1f7b6c2a10" })).toBeUndefined();
    expect(check(document, {})).toMatch(/is not an id/);
  });

  it("refuses a bad literal every time, and answers a good one the same every time", () => {
    const bad = parse(`{ tenant(id: "x\\u0007y") }`);
    expect(check(bad)).toMatch(/control character/);
    expect(check(bad)).toMatch(/control character/);
    const good = parse(`{ tenants(first: 20) tenant(id: "0b6c5a34-8f0e-4a44-9c1e-3d1f7b6c2a10") }`);
    expect(check(good)).toBeUndefined();
    expect(check(good)).toBeUndefined();
  });

  it("checks a remembered operation again under another schema, where its arguments may mean other things", () => {
    const document = parse(`{ tenant(id: "elan-wonen") }`);
    const slugs = buildSchema(`type Query { tenant(id: String!): String }`);
    expect(check(document, undefined, slugs)).toBeUndefined();
    expect(check(document)).toMatch(/is not an id/);
  });

  it("checks variables nested in a written list or object at every request, naming where they sit", () => {
    const document = parse(`query($a: ID!, $name: String) { tenants(filter: { name: $name, ids: ["0b6c5a34-8f0e-4a44-9c1e-3d1f7b6c2a10", $a] }) }`);
    const fine = { a: "1b6c5a34-8f0e-4a44-9c1e-3d1f7b6c2a10", name: "Jansen" };
    expect(check(document, fine)).toBeUndefined();
    expect(check(document, { ...fine, name: "Jan\u202Esen" })).toMatch(/^filter\.name holds a bidirectional control character/);
    expect(check(document, { ...fine, a: "a".repeat(65) })).toBe("filter.ids[1] is 65 characters long; at most 64 are allowed.");
    expect(check(document, fine)).toBeUndefined();
  });

  it("answers the first refusal in the order the arguments are written, a variable's before a later literal's", () => {
    const document = parse(`query($id: ID!) { tenant(id: $id) tenants(filter: { name: "a\u0000b" }) }`);
    expect(check(document, { id: "nope" })).toMatch(/^id "nope" is not an id/);
    expect(check(document, { id: "0b6c5a34-8f0e-4a44-9c1e-3d1f7b6c2a10" })).toMatch(/^filter\.name holds a control character \(U\+0000 at position 2\)/);
  });

  it("gives every request an error of its own, so one answer cannot change the next", () => {
    const bad = parse(`{ tenant(id: "x\u0007y") }`);
    const operation = bad.definitions[0] as OperationDefinitionNode;
    const first = checkOperationInputs(schema, bad, operation, undefined);
    const second = checkOperationInputs(schema, bad, operation, undefined);
    expect(first).toBeDefined();
    expect(second).not.toBe(first);
    expect(second?.extensions).toEqual(first?.extensions);
  });
});
