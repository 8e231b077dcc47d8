import type { GatewayExecutionResult, GatewayGraphQLRequestContext, GatewayGraphQLResponse } from "@apollo/server-gateway-interface";
import type { Experimental_DidResolveQueryPlanCallback, GraphQLDataSource, GraphQLDataSourceProcessOptions } from "@apollo/gateway";
import {
  getNamedType,
  isAbstractType,
  isEnumType,
  isObjectType,
  Kind,
  parse,
  print,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLObjectType,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";
import { getVariableValues } from "graphql/execution/values.js";
import { Lru } from "../../subgraphs/shared/src/lru.js";
import { countShortcutFetch } from "./metrics.js";
import { traceSubgraphFetch } from "../../subgraphs/shared/src/tracing.js";

/** Operations remembered, each with its one fetch or the finding that it has none to take directly. */
const REMEMBERED_OPERATIONS = 2_000;

/** A query whose plan is one fetch, of the operation as the caller wrote it, from one subgraph. */
interface DirectFetch {
  service: string;
  operation: string;
  operationName: string | undefined;
  document: DocumentNode | undefined;
  variableUsages: readonly string[];
}

/** What @apollo/gateway hands `experimental_didResolveQueryPlan` before it executes a plan. */
type ResolvedPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0];
type QueryPlan = ResolvedPlan["queryPlan"];
type FetchNode = Extract<NonNullable<QueryPlan["node"]>, { kind: "Fetch" }>;

type Execute = (requestContext: GatewayGraphQLRequestContext) => Promise<GatewayExecutionResult>;

/**
 * Serves a query whose plan is a single fetch of the caller's own operation from one subgraph with
 * the subgraph's answer as it came, instead of through @apollo/gateway's execution of the plan.
 *
 * For such a plan the gateway's execution builds a federation `Operation` of the query, sends the
 * fetch, and then copies the answer into a new object field by field against that operation
 * (result shaping), checking every value: for a list of 20 signals about a fifth of the gateway's
 * CPU. When the fetch asks the subgraph for an answer of the very shape the caller asked (the same
 * response names in the same order, each with the same field and arguments, as graphql-js collects
 * them: fragments on the same type written out, a name asked twice merged; see `shapeOf`), with no
 * directive, no interface or union and no enum with values hidden from the public schema, the
 * subgraph's graphql-js has already given the answer that shape, and its schema holds these fields
 * with the same types: the copy changes nothing. An answer with errors, or without data, goes on to @apollo/gateway's execution with the
 * answer already received (see `take`), so errors are reported exactly as before and nothing is
 * asked twice. Mutations always go through @apollo/gateway.
 *
 * Which operations qualify is learnt from @apollo/gateway's own plan the first time an operation is
 * executed (`learn`, its `experimental_didResolveQueryPlan` hook), per query hash and operation
 * name, and forgotten when the schema changes.
 */
export class SingleFetchShortcut {
  private readonly plans = new Lru<string, DirectFetch | null>(REMEMBERED_OPERATIONS);
  private readonly dataSources = new Map<string, GraphQLDataSource>();
  private readonly received = new WeakMap<object, { service: string; operation: string; response: Promise<GatewayGraphQLResponse> }>();
  private readonly hiddenEnumValues: ReadonlySet<string>;

  /**
   * @param enumsWithHiddenValues the enums of the supergraph with a value marked @inaccessible: the
   *   subgraph may answer such a value, which @apollo/gateway turns into null and an error.
   */
  constructor(enumsWithHiddenValues: Iterable<string>) {
    this.hiddenEnumValues = new Set(enumsWithHiddenValues);
  }

  /** The data source that calls `service`; the shortcut sends its fetch through it. */
  register(service: string, dataSource: GraphQLDataSource): void {
    this.dataSources.set(service, dataSource);
  }

  /** Forgets every operation learnt: a new schema may plan them differently. */
  clear(): void {
    this.plans.clear();
  }

  /** Learns from @apollo/gateway's plan of an operation whether the shortcut may serve it. */
  learn({ queryPlan, requestContext, operationContext }: ResolvedPlan): void {
    const key = keyOf(requestContext);
    if (key === undefined || this.plans.get(key) !== undefined) return;
    this.plans.set(key, this.directFetchOf(queryPlan, operationContext));
  }

  /** Executes `requestContext` by the shortcut when its operation qualifies, else by `execute`. */
  async execute(requestContext: GatewayGraphQLRequestContext, execute: Execute): Promise<GatewayExecutionResult> {
    const key = keyOf(requestContext);
    const fetch = key === undefined ? undefined : this.plans.get(key);
    const dataSource = fetch ? this.dataSources.get(fetch.service) : undefined;
    if (!fetch || !dataSource) return execute(requestContext);
    // @apollo/gateway checks the variables against the public schema before it plans: a value it
    // refuses (a hidden input field, say) is refused there, without a fetch, as before.
    const definitions = requestContext.operation?.variableDefinitions;
    if (definitions?.length && getVariableValues(requestContext.schema, definitions, requestContext.request.variables ?? {}).errors) return execute(requestContext);
    const variables: Record<string, unknown> = Object.create(null);
    const provided = requestContext.request.variables;
    for (const name of fetch.variableUsages) {
      if (provided && Object.hasOwn(provided, name) && provided[name] !== undefined) variables[name] = provided[name];
    }
    const options: GraphQLDataSourceProcessOptions = {
      // GraphQLDataSourceRequestKind.INCOMING_OPERATION, an enum @apollo/gateway does not export.
      kind: "incoming operation" as never,
      request: { query: fetch.operation, variables, operationName: fetch.operationName },
      incomingRequestContext: requestContext,
      context: requestContext.context,
      document: fetch.document,
      pathInIncomingRequest: [],
    } as GraphQLDataSourceProcessOptions;
    const response = traceSubgraphFetch(fetch.service, () => dataSource.process(options));
    const answer = await response.catch(() => undefined);
    const data = answer?.data;
    if (answer && !answer.errors && data !== null && typeof data === "object" && !Array.isArray(data)) {
      countShortcutFetch("served");
      return { data };
    }
    countShortcutFetch("handed_on");
    // Errors, or a failed call: @apollo/gateway reports them, from this very answer.
    this.received.set(requestContext.context, { service: fetch.service, operation: fetch.operation, response });
    return execute(requestContext);
  }

  /**
   * The answer the shortcut already received for this request's fetch of `operation` from
   * `service`, once: @apollo/gateway's execution takes it instead of sending the fetch again.
   */
  take(context: object, service: string, operation: string | undefined): Promise<GatewayGraphQLResponse> | undefined {
    const kept = this.received.get(context);
    if (!kept || kept.service !== service || kept.operation !== operation) return undefined;
    this.received.delete(context);
    return kept.response;
  }

  private directFetchOf(queryPlan: QueryPlan, operationContext: ResolvedPlan["operationContext"]): DirectFetch | null {
    const node = queryPlan.node;
    const { operation, fragments, schema } = operationContext;
    const queryType = schema.getQueryType();
    if (node?.kind !== "Fetch" || operation.operation !== "query" || !isPlainFetch(node) || !queryType) return null;
    const asked = shapeOf(operation.selectionSet, queryType, { fragments, hiddenEnumValues: this.hiddenEnumValues, budget: MAX_SELECTIONS });
    if (asked === undefined) return null;
    const document = node.operationDocumentNode ?? parse(node.operation);
    const sent = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const sentFragments: Record<string, FragmentDefinitionNode> = {};
    for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) sentFragments[d.name.value] = d;
    const fetched = sent && shapeOf(sent.selectionSet, queryType, { fragments: sentFragments, hiddenEnumValues: this.hiddenEnumValues, budget: MAX_SELECTIONS });
    if (fetched !== asked) return null;
    return {
      service: node.serviceName,
      operation: node.operation,
      operationName: node.operationName,
      document: node.operationDocumentNode,
      variableUsages: node.variableUsages ?? [],
    };
  }
}

/** Selections looked at, at most, to find the shape of an operation (fragments spread again and again grow it). */
const MAX_SELECTIONS = 10_000;

interface ShapeContext {
  fragments: Record<string, FragmentDefinitionNode>;
  hiddenEnumValues: ReadonlySet<string>;
  /** Selections that may still be looked at. */
  budget: number;
}

/**
 * The shape of the answer to `selectionSet` on `parentType`, as graphql-js gives it: its response
 * names in the order it collects them (fragments written out, a name asked twice kept at its first
 * place), each with its field and arguments, and the shape of its own selections. Two selection
 * sets of the same shape get answers of the same shape, key for key and in the same order.
 * Undefined for what the shortcut does not take: a directive, a fragment on another type than its
 * parent, a field of an interface or union or of an enum with hidden values, a field the schema
 * does not know, or more than MAX_SELECTIONS selections.
 */
function shapeOf(selectionSet: SelectionSetNode, parentType: GraphQLObjectType, context: ShapeContext, depth = 0): string | undefined {
  if (depth > 64) return undefined;
  const collected = new Map<string, { field: string; selections: SelectionNode[]; hasSelections: boolean }>();
  const collect = (selections: readonly SelectionNode[], nesting: number): boolean => {
    if (nesting > 32) return false;
    context.budget -= selections.length;
    if (context.budget < 0) return false;
    for (const selection of selections) {
      if (selection.directives?.length) return false;
      if (selection.kind === Kind.FIELD) {
        const key = selection.alias?.value ?? selection.name.value;
        const field = `${selection.name.value}(${(selection.arguments ?? []).map((argument) => print(argument)).join(",")})`;
        const known = collected.get(key);
        if (known && known.field !== field) return false;
        const entry = known ?? { field, selections: [], hasSelections: !!selection.selectionSet };
        if (!known) collected.set(key, entry);
        if (selection.selectionSet) entry.selections.push(...selection.selectionSet.selections);
        continue;
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : context.fragments[selection.name.value];
      if (!fragment || fragment.directives?.length) return false;
      if (fragment.typeCondition && fragment.typeCondition.name.value !== parentType.name) return false;
      if (!collect(fragment.selectionSet.selections, nesting + 1)) return false;
    }
    return true;
  };
  if (!collect(selectionSet.selections, 0)) return undefined;
  const parts: string[] = [];
  for (const [key, { field, selections, hasSelections }] of collected) {
    const name = field.slice(0, field.indexOf("("));
    if (name === "__typename") {
      if (hasSelections) return undefined;
      parts.push(`${key}:${field}`);
      continue;
    }
    const definition = parentType.getFields()[name];
    if (!definition) return undefined;
    const type = getNamedType(definition.type);
    if (isAbstractType(type) || (isEnumType(type) && context.hiddenEnumValues.has(type.name))) return undefined;
    if (isObjectType(type) !== hasSelections) return undefined;
    if (!isObjectType(type)) {
      parts.push(`${key}:${field}`);
      continue;
    }
    const inner = shapeOf({ kind: Kind.SELECTION_SET, selections }, type, context, depth + 1);
    if (inner === undefined) return undefined;
    parts.push(`${key}:${field}{${inner}}`);
  }
  return parts.join(" ");
}

/** The key @apollo/gateway plans an operation under: its query hash and operation name. */
function keyOf(requestContext: GatewayGraphQLRequestContext): string | undefined {
  const hash = requestContext.queryHash;
  return hash ? `${hash}\u0000${requestContext.request.operationName ?? ""}` : undefined;
}

/** A fetch with nothing to send along or rename: no entities, no rewrites, no deferred parts. */
function isPlainFetch(node: FetchNode): boolean {
  return !node.requires?.length && !node.inputRewrites?.length && !node.outputRewrites?.length && !node.contextRewrites?.length && !node.hasDefers;
}

/** The enums of a supergraph with at least one value marked @inaccessible. */
export function enumsWithHiddenValues(supergraph: DocumentNode): string[] {
  const names: string[] = [];
  for (const definition of supergraph.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION && definition.kind !== Kind.ENUM_TYPE_EXTENSION) continue;
    if (definition.values?.some((value) => value.directives?.some((directive) => directive.name.value === "inaccessible"))) names.push(definition.name.value);
  }
  return names;
}
