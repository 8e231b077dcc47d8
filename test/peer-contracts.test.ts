import "reflect-metadata";
import { parse, validate, type GraphQLSchema } from "graphql";
import { beforeAll, describe, expect, it } from "vitest";
import * as corporationsContracts from "../subgraphs/shared/src/contracts/corporations.js";
import * as sdvContracts from "../subgraphs/shared/src/contracts/sdv.js";
import * as swtContracts from "../subgraphs/shared/src/contracts/swt.js";
import type { PeerContract } from "../subgraphs/shared/src/contracts/contract.js";
import type { SubgraphName } from "../subgraphs/shared/src/database.js";
import { corporationsSubgraph } from "../subgraphs/corporations/src/index.js";
import { sdvSubgraph } from "../subgraphs/sdv/src/index.js";
import { swtSubgraph } from "../subgraphs/swt/src/index.js";

/**
 * Every contract of the peer mesh is asked of the subgraph that answers it: its operation must be
 * valid against that subgraph's own schema (field, arguments, input types, selection), and the field
 * must be hidden from the public graph. The types tie the caller and the resolver to the answer;
 * this ties the operation text to the SDL.
 */
const exported: unknown[] = [...Object.values(corporationsContracts), ...Object.values(sdvContracts), ...Object.values(swtContracts)];
const contracts = exported.filter(
  (value): value is PeerContract<string, unknown, unknown> => typeof value === "object" && value !== null && "operation" in value && "peer" in value,
);
const definitions = { corporations: corporationsSubgraph, sdv: sdvSubgraph, swt: swtSubgraph };

describe("the peer contracts fit the subgraphs that answer them", () => {
  const schemas = {} as Record<SubgraphName, GraphQLSchema>;
  beforeAll(async () => {
    for (const [name, definition] of Object.entries(definitions)) schemas[name as SubgraphName] = (await definition.createSchema()).schema;
  });

  it("there is a contract for each of the ten internal endpoints, eleven with visibleTenantIds at both sdv and swt", () => {
    expect(contracts.map((c) => `${c.peer}.${c.field}`).sort()).toEqual([
      "corporations.ddasClients",
      "corporations.intakeFacts",
      "sdv.recordCaseClosures",
      "sdv.recordHandOvers",
      "sdv.visibleTenantIds",
      "sdv.withdrawSignalsOfTenants",
      "swt.ddasCases",
      "swt.eraseHouseholdsOfTenants",
      "swt.householdFacts",
      "swt.openCasesForReferrals",
      "swt.visibleTenantIds",
    ]);
  });

  it.each(contracts.map((c) => [`${c.peer}.${c.field}`, c] as const))(
    "%s: the operation is valid against the answering subgraph's schema, and the field is @inaccessible",
    (_name, contract) => {
      const schema = schemas[contract.peer];
      expect(validate(schema, parse(contract.operation)).map((e) => e.message)).toEqual([]);
      const root = contract.operation.trimStart().startsWith("mutation") ? schema.getMutationType() : schema.getQueryType();
      const field = root?.getFields()[contract.field];
      expect(field, `${contract.peer} has no root field ${contract.field}`).toBeDefined();
      expect(field!.astNode?.directives?.map((d) => d.name.value) ?? [], "hidden from the public graph").toContain("inaccessible");
    },
  );
});
