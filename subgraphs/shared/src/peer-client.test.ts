import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { peersCalledBy, rootFieldsOf, rootFieldsOfText } from "./peer-client.js";

const peersFor = (subgraph: string, role: Parameters<typeof peersCalledBy>[1], text: string) => {
  const { operation, fields } = rootFieldsOf(parse(text));
  return peersCalledBy(subgraph, role, operation, fields);
};

describe("rootFieldsOf", () => {
  it("names the kind and the root fields of the first operation, through fragments at the root", () => {
    const found = rootFieldsOf(
      parse(`query Q { signals(first: 1) { edges { node { id } } } ...More ... on Query { ddasExport { x } } } fragment More on Query { signal(id: "x") { id } ...More }`),
    );
    expect(found).toEqual({ operation: "query", fields: ["signals", "signal", "ddasExport"] });
    expect(rootFieldsOf(parse(`mutation { submitSignals(input: []) { id } }`))).toEqual({ operation: "mutation", fields: ["submitSignals"] });
  });

  it("parses a text once while it is kept, and a new text of the same fields gives the same answer", () => {
    const text = `{ signals { edges { node { id } } } }`;
    expect(rootFieldsOfText(text)).toBe(rootFieldsOfText(text));
    expect(rootFieldsOfText(`query Other ${text}`)).toEqual(rootFieldsOfText(text));
    expect(() => rootFieldsOfText("{ signals")).toThrow(/Syntax Error/);
  });
});

describe("peersCalledBy: the peer tokens the gateway signs for a subgraph fetch", () => {
  it("gives sdv no peer token for a list, a lookup or an entity fetch, and both for the DDAS export", () => {
    expect(peersFor("sdv", "SDV", `{ signals(first: 20) { edges { node { id } } } }`)).toEqual([]);
    expect(peersFor("sdv", "SDV", `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Signal { id } } }`)).toEqual([]);
    expect(peersFor("sdv", "ANALYST", `{ ddasExport(month: "2026-10") { x } }`)).toEqual(["corporations", "swt"]);
    expect(peersFor("sdv", "SDV", `{ signals { edges { node { id } } } ddasExport(month: "2026-10") { x } }`)).toEqual(["corporations", "swt"]);
  });

  it("gives every mutation the peers the subgraph may tell", () => {
    expect(peersFor("sdv", "CORPORATION", `mutation { submitSignals(input: []) { id } }`)).toEqual(["corporations", "swt"]);
    expect(peersFor("swt", "SWT", `mutation { closeCase(id: "x") { id } }`)).toEqual(["sdv"]);
    expect(peersFor("corporations", "CORPORATION", `mutation { registerObjection(input: {}) { id } }`)).toEqual(["sdv", "swt"]);
  });

  it("gives swt no peer token for a query", () => {
    expect(peersFor("swt", "SWT", `{ cases { edges { node { id } } } }`)).toEqual([]);
  });

  it("gives corporations, for any read, the peer that decides which tenants the role sees", () => {
    const entities = `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Tenant { name } } }`;
    expect(peersFor("corporations", "SDV", entities)).toEqual(["sdv"]);
    expect(peersFor("corporations", "BUDGET_COACH", entities)).toEqual(["sdv"]);
    expect(peersFor("corporations", "SWT", entities)).toEqual(["swt"]);
    expect(peersFor("corporations", "ANALYST", entities)).toEqual([]);
    expect(peersFor("corporations", "CORPORATION", `{ tenants { edges { node { id } } } }`)).toEqual([]);
  });
});
