import { createHash } from "node:crypto";
import type { GatewayExecutor, GatewayGraphQLRequestContext, GatewayInterface, GatewayLoadResult, GatewaySchemaLoadOrUpdateCallback } from "@apollo/server-gateway-interface";
import { getNamedType, GraphQLError, isInterfaceType, isObjectType, Kind, print, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import type { ApolloGateway } from "@apollo/gateway";
import type { SingleFetchShortcut } from "../single-fetch.js";
import { scopesOf } from "../../../subgraphs/shared/src/authorization.js";
import type { Identity } from "../../../subgraphs/shared/src/identity.js";
import { filterOperation, requirementsOf, restoreRemovedFields, type Caller, type FilteredOperation } from "./operation-filter.js";
import { readRequirements, satisfies, type Requirements } from "./requirements.js";
import {
  assertSelectionsResolve,
  readSelections,
  refusalMessage,
  refusedSelections,
  type RefusedSelection,
  type Selections,
} from "../../../subgraphs/shared/src/selection-rules.js";

const FILTER_CACHE_SIZE = 2_000;

/** What is remembered of an operation for one role. */
type CachedFilter = FilteredOperation & {
  queryHash: string;
  operation: OperationDefinitionNode | undefined;
  /** The selection rules' outcome, once known, for an operation that declares no variables. */
  refused?: RefusedSelection[];
};

/**
 * Wraps @apollo/gateway (which composes the authorization directives but does not enforce them)
 * so that every operation is filtered by the supergraph's field rules before it is planned, and
 * the answer carries null plus one FORBIDDEN error per removed field. Filtering depends only on the
 * operation and the caller's scopes, so its result is cached per (operation, scopes).
 */
export class AuthorizingGateway implements GatewayInterface {
  private readonly requirements: Requirements;
  private readonly selections: Selections;
  private readonly cache = new Map<string, CachedFilter>();
  /** The public schema, once loaded. */
  private schema: GraphQLSchema | undefined;

  constructor(
    private readonly inner: ApolloGateway,
    supergraphSdl: string,
    private readonly enforce = true,
    private readonly shortcut?: SingleFetchShortcut,
  ) {
    this.requirements = readRequirements(supergraphSdl);
    this.selections = readSelections(supergraphSdl);
  }

  onSchemaLoadOrUpdate(callback: GatewaySchemaLoadOrUpdateCallback) {
    return this.inner.onSchemaLoadOrUpdate(callback);
  }

  stop() {
    return this.inner.stop();
  }

  async load(options: Parameters<GatewayInterface["load"]>[0]): Promise<GatewayLoadResult> {
    const loaded = await this.inner.load(options);
    const planned = loaded.executor;
    if (!planned) return loaded;
    const shortcut = this.shortcut;
    const execute: GatewayExecutor = shortcut ? (requestContext) => shortcut.execute(requestContext, planned) : planned;
    if (!this.enforce) return { ...loaded, executor: execute };
    assertSelectionsResolve(loaded.schema, this.requirements, this.selections);
    this.schema = loaded.schema;
    this.inner.onSchemaLoadOrUpdate(({ apiSchema }) => {
      this.schema = apiSchema;
      this.cache.clear();
    });
    const executor: GatewayExecutor = async (requestContext) => {
      const identity = (requestContext.context as { identity?: Identity }).identity;
      const apiSchema = this.schema ?? requestContext.schema;
      const filtered = this.filter(apiSchema, requestContext, identity);
      // A filter, sort or group-by obeys the rule of the field it reads: an argument that selects
      // by a field the caller may not read refuses the whole operation, before anything is fetched.
      // An operation that declares no variables selects the same way on every request, so its outcome
      // depends on what the cache entry is keyed by (operation and role) and is worked out once.
      const fixed = !requestContext.operation?.variableDefinitions?.length;
      const refused =
        (fixed ? filtered.refused : undefined) ??
        refusedSelections(
          apiSchema,
          filtered.document,
          requestContext.operationName,
          requestContext.request.variables,
          this.requirements,
          this.selections,
          this.callerOf(identity),
        );
      if (fixed) filtered.refused = refused;
      if (refused.length > 0) {
        return {
          errors: refused.map(
            (refusal) =>
              new GraphQLError(refusalMessage(refusal), { extensions: { code: "FORBIDDEN", field: refusal.field, argument: refusal.argument, selects: refusal.selects } }),
          ),
        } as never;
      }
      if (filtered.removed.length === 0) return execute(requestContext);
      const result = await execute({ ...requestContext, document: filtered.document, queryHash: filtered.queryHash, operation: filtered.operation ?? requestContext.operation });
      const data = restoreRemovedFields(result.data as Record<string, unknown> | null, filtered.removed, apiSchema);
      const forbidden = filtered.removed.map(
        (field) =>
          new GraphQLError(`Your role may not read ${field.coordinate}; it is null in this answer.`, {
            path: field.path,
            extensions: { code: "FORBIDDEN", field: field.coordinate },
          }),
      );
      return { ...result, data, errors: [...forbidden, ...(result.errors ?? [])] as never };
    };
    return { ...loaded, executor };
  }

  /**
   * The fields ("Type.field") of the public schema this caller may not read, by the very rules each
   * operation is filtered with: the explorer marks them, so a rule is learnt before it is met.
   */
  unreadableFields(identity: Identity): string[] {
    const schema = this.schema;
    if (!schema || !this.enforce) return [];
    const caller = this.callerOf(identity);
    const unreadable: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith("__") || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        const rules = requirementsOf(schema, this.requirements, type.name, field.name, getNamedType(field.type).name);
        if (rules.some((rule) => !satisfies(rule, caller))) unreadable.push(`${type.name}.${field.name}`);
      }
    }
    return unreadable.sort();
  }

  private callerOf(identity: Identity | undefined, scopes: string[] = identity ? scopesOf(identity) : []): Caller {
    return {
      authenticated: !!identity,
      scopes: new Set(scopes),
      // The graph names no `@policy` rules: what a role alone cannot decide, the subgraphs' policies
      // decide on the rows. A `@policy` field is therefore never readable through the gateway.
      policy: () => false,
    };
  }

  private filter(schema: GraphQLSchema, requestContext: GatewayGraphQLRequestContext, identity: Identity | undefined): CachedFilter {
    const scopes = identity ? scopesOf(identity) : [];
    const key = `${requestContext.queryHash}\u0000${requestContext.operationName ?? ""}\u0000${identity ? `${identity.role}` : "-"}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const caller = this.callerOf(identity, scopes);
    const filtered = filterOperation(schema, requestContext.document, requestContext.operationName, this.requirements, caller);
    const operation = filtered.document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const entry: CachedFilter = {
      ...filtered,
      operation,
      // The gateway caches query plans by this hash: a filtered operation must not share the plan of the unfiltered one.
      queryHash: filtered.removed.length ? createHash("sha256").update(print(filtered.document)).digest("hex") : requestContext.queryHash,
    };
    if (this.cache.size >= FILTER_CACHE_SIZE) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(key, entry);
    return entry;
  }
}
