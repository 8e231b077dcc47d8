import { buildSubgraphSchema } from "@apollo/subgraph";
import type { GraphQLResolverMap } from "@apollo/subgraph/dist/schema-helper/index.js";
import { printSchemaWithDirectives } from "@graphql-tools/utils";
import { defaultFieldResolver, isInterfaceType, isObjectType, Kind, parse, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { buildSchema, createResolversMap, type BuildSchemaOptions } from "type-graphql";
import { PERSONAL_DATA, recordingReads, type PersonOf } from "./access-log.js";
import { checkReadable, READABLE_BY, roleAuthChecker, scopeOf } from "./authorization.js";
import type { Role } from "./identity.js";
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
  // After the merge, so that a field resolver handed in beside a reference resolver is checked too.
  guardReadableFields(schema, resolvers);
  return { schema: buildSubgraphSchema([{ typeDefs: parse(sdl), resolvers }]), sdl };
}

/**
 * Layer 2 of field authorization (authorization.ts): every field that names the roles that may read
 * it is checked before its resolver, synchronously. (type-graphql's `@Authorized` did the same in an
 * async middleware: several promises per field and row, a good part of a subgraph's CPU for a long
 * list.) The roles are those of the field's `@requiresScopes`, which ReadableBy writes beside them;
 * a field whose two disagree stops the start, so that no field can lose its check unnoticed. A field
 * of personal data has its reads recorded in the access log (access-log.ts), after the check.
 */
function guardReadableFields(schema: GraphQLSchema, resolvers: GraphQLResolverMap<unknown>): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(isObjectType(type) || isInterfaceType(type)) || type.name.startsWith("__")) continue;
    for (const field of Object.values(type.getFields())) {
      const roles = field.extensions?.[READABLE_BY] as readonly Role[] | undefined;
      const scopes = field.astNode?.directives
        ?.filter((directive) => directive.name.value === "requiresScopes")
        .flatMap((directive) => {
          const value = directive.arguments?.[0]?.value;
          return value?.kind === Kind.LIST ? value.values.flatMap((inner) => (inner.kind === Kind.LIST ? inner.values : [inner])) : [];
        })
        .flatMap((value) => (value.kind === Kind.STRING ? [value.value] : []));
      const expected = (roles ?? []).map(scopeOf).sort().join(" ");
      if (expected !== [...(scopes ?? [])].sort().join(" ")) {
        throw new Error(`${type.name}.${field.name}: its @requiresScopes and the roles its resolver checks differ; use ReadableBy for both.`);
      }
      const personOf = field.extensions?.[PERSONAL_DATA] as PersonOf | undefined;
      if (!roles && !personOf) continue;
      const fields = (resolvers[type.name] ??= {}) as Record<string, unknown>;
      const own = fields[field.name] ?? defaultFieldResolver;
      if (typeof own !== "function") throw new Error(`${type.name}.${field.name}: a field with a subscription cannot be checked here.`);
      // A read of personal data is recorded only once the role check has let it through.
      const resolve: GraphQLFieldResolver<unknown, any> = personOf
        ? recordingReads(own as GraphQLFieldResolver<unknown, any>, personOf)
        : (own as GraphQLFieldResolver<unknown, any>);
      if (!roles) {
        fields[field.name] = resolve;
        continue;
      }
      const guarded: GraphQLFieldResolver<unknown, { identity: { role: Role } }> = (root, args, context, info) => {
        checkReadable(context, info, roles);
        return resolve(root, args, context, info);
      };
      fields[field.name] = guarded;
    }
  }
}
