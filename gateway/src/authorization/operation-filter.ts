import {
  getNamedType,
  isAbstractType,
  isListType,
  isNonNullType,
  isInterfaceType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type InlineFragmentNode,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from "graphql";
import { satisfies, type Requirement, type Requirements } from "./requirements.js";

/** The caller as field rules see it. */
export interface Caller {
  authenticated: boolean;
  scopes: ReadonlySet<string>;
  policy: (name: string) => boolean;
}

/** A field taken out of an operation: where it was asked (response keys) and which field it was. */
export interface RemovedField {
  path: string[];
  /** The declared type of each field along the path; the last is the removed field's. */
  types: GraphQLOutputType[];
  coordinate: string;
  /** Set when the field was asked in a fragment on a type narrower than its parent field's type. */
  onType?: string;
}

export interface FilteredOperation {
  document: DocumentNode;
  removed: RemovedField[];
}

/** Aliases the filter adds; they never reach the caller. */
export const PLACEHOLDER = "__authorization_placeholder";
export const TYPENAME = "__authorization_typename";

const placeholderField = (alias: string): FieldNode => ({
  kind: Kind.FIELD,
  alias: { kind: Kind.NAME, value: alias },
  name: { kind: Kind.NAME, value: "__typename" },
});

/**
 * Named fragments become inline fragments at every place they are spread, so that each field has
 * one path through the operation and a rule cannot be dodged by spreading a fragment elsewhere.
 * The operation is valid (the server validated it), so fragments are not cyclic.
 */
function inlineFragments(operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>): OperationDefinitionNode {
  const inline = (selectionSet: SelectionSetNode): SelectionSetNode => ({
    ...selectionSet,
    selections: selectionSet.selections.map((selection): SelectionNode => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments.get(selection.name.value);
        if (!fragment) throw new Error(`Unknown fragment ${selection.name.value}`);
        const node: InlineFragmentNode = {
          kind: Kind.INLINE_FRAGMENT,
          typeCondition: fragment.typeCondition,
          directives: selection.directives,
          selectionSet: inline(fragment.selectionSet),
        };
        return node;
      }
      if (selection.selectionSet) return { ...selection, selectionSet: inline(selection.selectionSet) };
      return selection;
    }),
  });
  return { ...operation, selectionSet: inline(operation.selectionSet) };
}

/** Every rule that decides whether `parentName.fieldName` may be read: the field's, its type's, its value type's. */
export function requirementsOf(schema: GraphQLSchema, requirements: Requirements, parentName: string, fieldName: string, returnTypeName: string): Requirement[] {
  const found: Requirement[] = [];
  const push = (key: string) => {
    const requirement = requirements.get(key);
    if (requirement) found.push(requirement);
  };
  push(`${parentName}.${fieldName}`);
  push(parentName);
  push(returnTypeName);
  // A field read through an interface may resolve on any implementation: each one's rule applies.
  const parent = schema.getType(parentName);
  if (parent && isInterfaceType(parent)) {
    for (const implementation of schema.getPossibleTypes(parent)) {
      push(`${implementation.name}.${fieldName}`);
      push(implementation.name);
    }
  }
  return found;
}

/**
 * Takes out of an operation every field the caller may not read, before the operation is planned,
 * so that nothing unauthorized is ever fetched. Returns the operation to execute and the fields
 * removed (which the response then carries as null, each with a FORBIDDEN error).
 */
export function filterOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  requirements: Requirements,
  caller: Caller,
): FilteredOperation {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
    if (definition.kind === Kind.OPERATION_DEFINITION) operations.push(definition);
  }
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return { document, removed: [] }; // the server reports the missing operation
  const inlined = inlineFragments(operation, fragments);

  const removed: RemovedField[] = [];
  const path: string[] = [];
  // For each open field, the named type it returns; a fragment inside may narrow it.
  const fieldTypes: string[] = [];
  const declaredTypes: GraphQLOutputType[] = [];
  const typeInfo = new TypeInfo(schema);
  // Selection sets in the order entered, and those that belong to a field (not to an inline fragment).
  const openSets: SelectionSetNode[] = [];
  const fieldSets: SelectionSetNode[] = [];
  const needsTypename = new WeakSet<SelectionSetNode>();

  const filtered = visit(
    inlined,
    visitWithTypeInfo(typeInfo, {
      SelectionSet: {
        enter(node, _key, parent) {
          openSets.push(node);
          if (!parent || (parent as { kind?: string }).kind !== Kind.INLINE_FRAGMENT) fieldSets.push(node);
        },
        leave(node, _key, parent) {
          const original = openSets.pop()!;
          if (!parent || (parent as { kind?: string }).kind !== Kind.INLINE_FRAGMENT) fieldSets.pop();
          let selections = node.selections;
          // A selection set left empty would be invalid: ask for __typename instead (stripped later).
          if (selections.length === 0) selections = [placeholderField(PLACEHOLDER)];
          if (needsTypename.has(original)) selections = [...selections, placeholderField(TYPENAME)];
          return selections === node.selections ? undefined : { ...node, selections };
        },
      },
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType();
          const fieldDef = typeInfo.getFieldDef();
          const key = node.alias?.value ?? node.name.value;
          const returnType = fieldDef ? getNamedType(fieldDef.type).name : "";
          if (parent && fieldDef && !node.name.value.startsWith("__")) {
            const rules = requirementsOf(schema, requirements, parent.name, node.name.value, returnType);
            if (rules.some((rule) => !satisfies(rule, caller))) {
              const staticType = fieldTypes.at(-1) ?? parent.name;
              const narrowed = staticType !== parent.name;
              removed.push({
                path: [...path, key],
                types: [...declaredTypes, fieldDef.type],
                coordinate: `${parent.name}.${node.name.value}`,
                ...(narrowed ? { onType: parent.name } : {}),
              });
              // In a fragment on a narrower type, the answer must show which objects it applied to.
              if (narrowed && fieldSets.length > 0) needsTypename.add(fieldSets.at(-1)!);
              return null;
            }
          }
          path.push(key);
          fieldTypes.push(returnType);
          declaredTypes.push(fieldDef?.type ?? (null as never));
          return undefined;
        },
        leave() {
          path.pop();
          fieldTypes.pop();
          declaredTypes.pop();
        },
      },
    }),
  );
  if (removed.length === 0) return { document, removed };
  return { document: { kind: Kind.DOCUMENT, definitions: [filtered] }, removed };
}

/**
 * Puts the caller's answer back in the shape asked: null where a removed field was asked (only on
 * objects of the fragment's type, where it was asked in one), and the helper aliases taken out.
 * As in any GraphQL answer, a null where the schema promises a value (a non-null field) makes its
 * parent null instead, up to the nearest field that may be null. Returns the data, which is null
 * when even a root field could not be null.
 */
export function restoreRemovedFields(data: Record<string, unknown> | null | undefined, removed: RemovedField[], schema: GraphQLSchema): Record<string, unknown> | null {
  if (!data) return data ?? null;
  for (const field of removed) {
    if (nullField(data, 0, field, schema) === PROPAGATE) return null;
  }
  stripHelpers(data);
  return data;
}

const PROPAGATE = Symbol("propagate");
type Outcome = typeof PROPAGATE | undefined;

/** At `object[path[depth]]`: null the removed field, or descend; report when `object` itself must become null. */
function nullField(object: Record<string, unknown>, depth: number, field: RemovedField, schema: GraphQLSchema): Outcome {
  const key = field.path[depth]!;
  const type = field.types[depth]!;
  if (depth === field.path.length - 1) {
    if (field.onType) {
      const typename = object[TYPENAME];
      if (typeof typename !== "string" || !appliesTo(schema, field.onType, typename)) return undefined;
    }
    object[key] = null;
    return isNonNullType(type) ? PROPAGATE : undefined;
  }
  if (descend(object[key], isNonNullType(type) ? type.ofType : type, depth, field, schema) === PROPAGATE) {
    object[key] = null;
    return isNonNullType(type) ? PROPAGATE : undefined;
  }
  return undefined;
}

function descend(value: unknown, type: GraphQLOutputType, depth: number, field: RemovedField, schema: GraphQLSchema): Outcome {
  if (value === null || value === undefined) return undefined;
  if (isListType(type) && Array.isArray(value)) {
    const itemType = type.ofType as GraphQLOutputType;
    for (let i = 0; i < value.length; i++) {
      if (descend(value[i], isNonNullType(itemType) ? itemType.ofType : itemType, depth, field, schema) === PROPAGATE) {
        value[i] = null;
        if (isNonNullType(itemType)) return PROPAGATE;
      }
    }
    return undefined;
  }
  if (typeof value !== "object") return undefined;
  return nullField(value as Record<string, unknown>, depth + 1, field, schema);
}

function appliesTo(schema: GraphQLSchema, condition: string, typename: string): boolean {
  if (condition === typename) return true;
  const type = schema.getType(condition);
  const concrete = schema.getType(typename);
  return !!type && !!concrete && isAbstractType(type) && "getFields" in concrete && schema.isSubType(type, concrete as never);
}

function stripHelpers(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) stripHelpers(item);
    return;
  }
  if (value === null || typeof value !== "object") return;
  const object = value as Record<string, unknown>;
  delete object[PLACEHOLDER];
  delete object[TYPENAME];
  for (const child of Object.values(object)) if (child !== null && typeof child === "object") stripHelpers(child);
}
