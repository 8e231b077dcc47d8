import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestGraph, type GraphQLResponse, type TestGraph } from "../support/graph.js";
import { callerOf, MATRIX, PROBES, renderMatrix, ROLES_IN_ORDER, rowFor, type Check, type Expectation, type Probe } from "./matrix.js";
import { pickTargets, type Targets } from "./targets.js";

function at(value: unknown, path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (Array.isArray(current)) current = current[0];
    if (current === null || current === undefined || typeof current !== "object") return current;
    current = (current as Record<string, unknown>)[key as string];
  }
  return Array.isArray(current) && current.length === 0 ? undefined : current;
}

const isPrefix = (prefix: readonly (string | number)[], path: readonly (string | number)[]) => {
  const named = prefix.filter((p) => typeof p === "string");
  return named.length <= path.length && named.every((key, i) => key === path[i]);
};

/** What actually happened, in the matrix's terms (or a description of anything else). */
function outcome(result: GraphQLResponse, probe: Probe, target: Check["target"]): Expectation | string {
  const forbidden = (result.errors ?? []).filter((e) => e.extensions?.code === "FORBIDDEN" && e.path && isPrefix(e.path, probe.field));
  // FORBIDDEN on other fields of the same probe (asked alongside) is expected; anything else is not.
  const others = (result.errors ?? []).filter((e) => e.extensions?.code !== "FORBIDDEN");
  if (others.length) return `unexpected error: ${others.map((e) => `${e.extensions?.code} ${e.message}`).join("; ")}`;
  if (forbidden.length) return at(result.data, probe.field) == null ? "forbidden" : "FORBIDDEN error but the field has data";
  if (probe.listOwnership) {
    const items = (at(result.data, probe.listOwnership.list.slice(0, -1)) as any)?.[probe.listOwnership.list.at(-1)!] as unknown[] | undefined;
    if (!items) return "no list";
    const own = items.filter((item) => probe.listOwnership!.owner(item) === probe.listOwnership!.own);
    const foreign = items.length - own.length;
    if (target === "other") return foreign === 0 ? "absent" : `${foreign} rows of other organisations visible`;
    return own.length > 0 ? "allowed" : "no own rows";
  }
  if (at(result.data, probe.row) === null) return "absent";
  const value = at(result.data, probe.field);
  if (value === undefined || (value === null && !probe.mayBeNull)) return "field empty: pick a row that has this data";
  return "allowed";
}

describe("who may see what (the covenant matrix), cell by cell, through the gateway", () => {
  let graph: TestGraph;
  let targets: Targets;
  const tokens = new Map<string, string>();

  beforeAll(async () => {
    graph = await startTestGraph({ seedDemo: true });
    targets = pickTargets();
    for (const role of ROLES_IN_ORDER) tokens.set(role, await graph.token(callerOf(role, targets)));
  });
  afterAll(() => graph?.stop());

  for (const row of MATRIX) {
    for (const role of ROLES_IN_ORDER) {
      const summary = row.checks[role].map((check) => `${check.probe}${check.target === "any" ? "" : ` ${check.target}`} ${check.expect}`).join(", ");
      it(`${row.data} · ${role}: ${row.domain[role]} (${summary})`, async () => {
        for (const check of row.checks[role]) {
          const probe: Probe = PROBES[check.probe];
          const id = probe.kind === "none" ? undefined : rowFor(role, probe.kind, check.target, targets);
          const variables = { ...(id ? { id } : {}), ...(id && probe.variables ? probe.variables(id, targets) : {}) };
          const result = await graph.query(tokens.get(role), probe.query, variables);
          expect({ probe: check.probe, target: check.target, outcome: outcome(result, probe, check.target) }).toEqual({
            probe: check.probe,
            target: check.target,
            outcome: check.expect,
          });
        }
      });
    }
  }

  it("the README shows this very table (npm run docs writes it)", () => {
    const readme = readFileSync("README.md", "utf8");
    const shown = /<!-- matrix:start -->\n([\s\S]*?)\n<!-- matrix:end -->/.exec(readme)?.[1];
    expect(shown).toBe(renderMatrix());
  });
});
