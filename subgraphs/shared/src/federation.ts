import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/index.js";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { parse, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import { roleAuthChecker } from "./authorization.js";
import { applyRegisteredSelections, SELECTS_SPEC_URL, selectsDirective } from "./selection-rules.js";

/** Federation spec version and the directives every subgraph may use. */
export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@authenticated", "@requiresScopes", "@policy", "@inaccessible", "@composeDirective"])' +
  // `@selects` (what a filter or group-by reads) is composed into the supergraph for the gateway.
  ` @link(url: "${SELECTS_SPEC_URL}", import: ["@selects"]) @composeDirective(name: "@selects")`;

/**
 * type-graphql's federation recipe: build the schema from the decorated classes, print it with its
 * directives, and let @apollo/subgraph add `_entities`/`_service`. Reference resolvers
 * (`__resolveReference`) are merged per type.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, "skipCheck">,
  referenceResolvers: GraphQLResolverMap<unknown> = {},
): Promise<{ schema: GraphQLSchema; sdl: string }> {
  const schema = await buildSchema({ authChecker: roleAuthChecker as never, ...options, directives: [...(options.directives ?? []), selectsDirective], skipCheck: true });
  applyRegisteredSelections(schema);
  const sdl = `${FEDERATION_LINK}\n\n${printSchemaWithDirectives(schema)}`;
  const resolvers = createResolversMap(schema) as GraphQLResolverMap<unknown>;
  for (const [typeName, extra] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(extra as object) } as never;
  }
  return { schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]), sdl };
}
