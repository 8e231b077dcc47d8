import {
  DirectiveLocation,
  getArgumentValues,
  getNamedType,
  getNullableType,
  getVariableValues,
  GraphQLDirective,
  GraphQLList,
  GraphQLNonNull,
  GraphQLString,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  BREAK,
  parse,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type ConstDirectiveNode,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from "graphql";
import { Directive } from "type-graphql";
import { satisfies, type Requirement, type Requirements } from "./field-requirements.js";

/**
 * A filter, sort or group-by obeys the rule of the field it reads. Each argument, input field or
 * enum value that selects rows (or cells) by a field says which one, with `@selects(fields: [...])`:
 * a dotted path from a type, e.g. "Signal.priority.effectiveLevel". The directive is composed into
 * the supergraph, so the gateway reads it there; each subgraph reads it from its own schema. A
 * caller who may not read every field along a path may not select by it either: the operation is
 * refused with FORBIDDEN, naming the argument and the field. The field rules themselves are the
 * `@requiresScopes` of those fields: there is no second list.
 */
export const SELECTS_SPEC_URL = "https://specs.early-warning-graph.example/selects/v0.1";

export const selectsDirective = new GraphQLDirective({
  name: "selects",
  description: "The fields this argument, input field or enum value selects by; a caller must be allowed to read each of them to use it.",
  locations: [DirectiveLocation.ARGUMENT_DEFINITION, DirectiveLocation.INPUT_FIELD_DEFINITION, DirectiveLocation.ENUM_VALUE],
  args: { fields: { type: new GraphQLNonNull(new GraphQLList(new GraphQLNonNull(GraphQLString))) } },
});

const quoted = (paths: string[]) => paths.map((p) => JSON.stringify(p)).join(", ");

/** On an input field: the fields it selects by. */
export function Selects(...paths: string[]): PropertyDecorator {
  if (paths.length === 0) throw new Error("Selects needs at least one field path.");
  return Directive(`@selects(fields: [${quoted(paths)}])`) as PropertyDecorator;
}

/** Enum values and arguments that select by a field, keyed by "Enum.VALUE" or "Type.field(argument:)". */
const registered = new Map<string, string[]>();

/** The fields each value of an enum (a group-by or sort key) selects by. */
export function selectsByEnumValue(enumName: string, values: Record<string, string | string[]>): void {
  for (const [value, paths] of Object.entries(values)) registered.set(`${enumName}.${value}`, [paths].flat());
}

/** The fields each argument of a field (given as "Type.field") selects by. */
export function selectsByArgument(field: string, args: Record<string, string | string[]>): void {
  for (const [arg, paths] of Object.entries(args)) registered.set(`${field}(${arg}:)`, [paths].flat());
}

/**
 * Puts the registered `@selects` on the enum values and arguments of a built schema, where
 * type-graphql has no decorator for them, so that the printed SDL carries them.
 */
export function applyRegisteredSelections(schema: GraphQLSchema): void {
  const directives = (paths: string[]) => ({ selects: [{ fields: paths }] });
  for (const type of Object.values(schema.getTypeMap())) {
    if (isEnumType(type)) {
      for (const value of type.getValues()) {
        const paths = registered.get(`${type.name}.${value.name}`);
        if (paths) value.extensions = { ...value.extensions, directives: directives(paths) };
      }
    }
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        for (const arg of field.args) {
          const paths = registered.get(`${type.name}.${field.name}(${arg.name}:)`);
          if (paths) (arg as { extensions: object }).extensions = { ...arg.extensions, directives: directives(paths) };
        }
      }
    }
  }
}

/** Where each selection is declared: "Input.field", "Enum.VALUE" or "Type.field(argument:)" → paths. */
export type Selections = Map<string, string[]>;

function selectsOf(directives: readonly ConstDirectiveNode[] | undefined): string[] | undefined {
  const directive = directives?.find((d) => d.name.value === "selects");
  const value = directive?.arguments?.find((a) => a.name.value === "fields")?.value;
  if (!value) return undefined;
  if (value.kind === Kind.STRING) return [value.value];
  if (value.kind === Kind.LIST) return value.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : []));
  return undefined;
}

/** Reads every `@selects` of a schema's SDL (a subgraph's or the supergraph). */
export function readSelections(sdl: string | DocumentNode): Selections {
  const document = typeof sdl === "string" ? parse(sdl) : sdl;
  const selections: Selections = new Map();
  const add = (key: string, paths: string[] | undefined) => paths && selections.set(key, paths);
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) add(`${definition.name.value}.${field.name.value}`, selectsOf(field.directives));
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        for (const value of definition.values ?? []) add(`${definition.name.value}.${value.name.value}`, selectsOf(value.directives));
        break;
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
        for (const field of definition.fields ?? []) {
          for (const arg of field.arguments ?? []) add(`${definition.name.value}.${field.name.value}(${arg.name.value}:)`, selectsOf(arg.directives));
        }
        break;
      default:
        break;
    }
  }
  return selections;
}

/**
 * The rules along a path such as "Signal.priority.effectiveLevel": each field's own, its parent
 * type's and the type it returns (as for a field read). Throws when the path does not exist in
 * the schema: a `@selects` that points nowhere must fail at start, not let everything through.
 */
export function requirementsAlong(schema: GraphQLSchema, requirements: Requirements, path: string): { coordinates: string[]; rules: Requirement[] } {
  const [typeName, ...fields] = path.split(".");
  let type: GraphQLNamedType | undefined | null = schema.getType(typeName ?? "");
  if (!type || fields.length === 0) throw new Error(`@selects names ${path}, which is no field of this schema.`);
  const coordinates: string[] = [];
  const rules: Requirement[] = [];
  const push = (key: string) => {
    const rule = requirements.get(key);
    if (rule) rules.push(rule);
  };
  for (const fieldName of fields) {
    if (!type || !(isObjectType(type) || isInterfaceType(type))) throw new Error(`@selects names ${path}, which is no field of this schema.`);
    const field: GraphQLField<unknown, unknown> | undefined = type.getFields()[fieldName];
    if (!field) throw new Error(`@selects names ${path}, which is no field of this schema.`);
    coordinates.push(`${type.name}.${fieldName}`);
    push(`${type.name}.${fieldName}`);
    push(type.name);
    type = getNamedType(field.type);
    push(type.name);
  }
  return { coordinates, rules };
}

/** The caller as field rules see it (the same shape as the gateway's operation filter uses). */
export interface SelectionCaller {
  authenticated: boolean;
  scopes: ReadonlySet<string>;
  policy: (name: string) => boolean;
}

export interface RefusedSelection {
  /** Where the selection was asked: the field's response path and the argument path, e.g. signals(filter.priorityLevel). */
  field: string;
  argument: string;
  /** The field the caller may not read. */
  selects: string;
}

/**
 * The names of the fields whose arguments may select by something (the argument itself, or an input
 * field or enum value it reaches), worked out once per schema and rules.
 */
function fieldNamesThatSelect(schema: GraphQLSchema, selections: Selections): ReadonlySet<string> {
  let bySelections = selectingFieldNames.get(schema);
  if (!bySelections) selectingFieldNames.set(schema, (bySelections = new WeakMap()));
  const names = bySelections.get(selections);
  if (names) return names;
  const reaches = new Map<string, boolean>();
  const typeSelects = (type: GraphQLNamedType): boolean => {
    const known = reaches.get(type.name);
    if (known !== undefined) return known;
    reaches.set(type.name, false); // a type that reaches itself adds nothing by doing so
    let answer = false;
    if (isEnumType(type)) answer = type.getValues().some((value) => selections.has(`${type.name}.${value.name}`));
    else if (isInputObjectType(type)) {
      answer = Object.values(type.getFields()).some((field) => selections.has(`${type.name}.${field.name}`) || typeSelects(getNamedType(field.type)));
    }
    reaches.set(type.name, answer);
    return answer;
  };
  const found = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => selections.has(`${type.name}.${field.name}(${arg.name}:)`) || typeSelects(getNamedType(arg.type)))) found.add(field.name);
    }
  }
  bySelections.set(selections, found);
  return found;
}

const selectingFieldNames = new WeakMap<GraphQLSchema, WeakMap<Selections, ReadonlySet<string>>>();

/**
 * Whether a document may select by anything: it has a field with arguments of a name that does. When
 * it has none (the subgraphs' `_entities` calls, say), no variable can change that, and the walk
 * with the variables is not needed. Remembered per document (Apollo Server keeps one per query text).
 */
function maySelect(schema: GraphQLSchema, document: DocumentNode, selections: Selections): boolean {
  const names = fieldNamesThatSelect(schema, selections);
  const known = documentsThatSelect.get(document);
  if (known?.names === names) return known.answer;
  let answer = false;
  visit(document, {
    Field(node) {
      if (answer) return BREAK;
      if (node.arguments?.length && names.has(node.name.value)) answer = true;
      return undefined;
    },
  });
  documentsThatSelect.set(document, { names, answer });
  return answer;
}

const documentsThatSelect = new WeakMap<DocumentNode, { names: ReadonlySet<string>; answer: boolean }>();

/**
 * Checks an operation's arguments, with its variables, against the rules of the fields they select
 * by. Returns every selection the caller may not make; an empty list when all may be made. The
 * schema is the one the operation was validated against; unknown fields are left to validation.
 */
export function refusedSelections(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  requirements: Requirements,
  selections: Selections,
  caller: SelectionCaller,
): RefusedSelection[] {
  if (selections.size === 0 || !maySelect(schema, document, selections)) return [];
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations.length === 1 ? operations[0] : undefined;
  if (!operation) return [];
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], variables ?? {});
  // Variables that do not fit their types are refused by execution with BAD_USER_INPUT.
  if (coerced.errors) return [];
  const fragments = document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION);

  const refused: RefusedSelection[] = [];
  const allowed = new Map<string, RequirementCheck>();
  const check = (path: string): RequirementCheck => {
    let known = allowed.get(path);
    if (!known) {
      const { coordinates, rules } = requirementsAlong(schema, requirements, path);
      const index = rules.findIndex((rule) => !satisfies(rule, caller));
      known = index < 0 ? { ok: true } : { ok: false, field: coordinates.find((c) => requirements.get(c) === rules[index]) ?? coordinates.at(-1)! };
      allowed.set(path, known);
    }
    return known;
  };
  const refuse = (field: string, argument: string, paths: string[] | undefined) => {
    for (const path of paths ?? []) {
      const result = check(path);
      if (!result.ok && !refused.some((r) => r.field === field && r.argument === argument && r.selects === result.field)) {
        refused.push({ field, argument, selects: result.field });
      }
    }
  };
  // Walks a coerced argument value through its input type: input fields, list items, enum values.
  const walk = (field: string, argument: string, type: GraphQLInputType, value: unknown, depth: number): void => {
    if (value === null || value === undefined || depth > 20) return;
    const nullable = getNullableType(type);
    if (isListType(nullable)) {
      if (Array.isArray(value)) for (const item of value) walk(field, argument, nullable.ofType, item, depth + 1);
      else walk(field, argument, nullable.ofType, value, depth + 1);
      return;
    }
    if (isEnumType(nullable)) {
      const name = nullable.getValues().find((v) => v.value === value)?.name;
      if (name) refuse(field, `${argument}: ${name}`, selections.get(`${nullable.name}.${name}`));
      return;
    }
    if (isInputObjectType(nullable) && typeof value === "object") {
      for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
        const inputField = nullable.getFields()[key];
        if (!inputField || inner === undefined) continue;
        const at = `${argument}.${key}`;
        if (inner !== null) refuse(field, at, selections.get(`${nullable.name}.${key}`));
        walk(field, at, inputField.type, inner, depth + 1);
      }
    }
  };

  const typeInfo = new TypeInfo(schema);
  const visitor = visitWithTypeInfo(typeInfo, {
    Field(node) {
      const parent = typeInfo.getParentType();
      const fieldDef = typeInfo.getFieldDef();
      if (!parent || !fieldDef || fieldDef.args.length === 0 || !node.arguments?.length) return;
      let values: Record<string, unknown>;
      try {
        values = getArgumentValues(fieldDef, node, coerced.coerced);
      } catch {
        return; // an argument that does not coerce is refused by execution
      }
      const field = `${parent.name}.${fieldDef.name}`;
      for (const arg of fieldDef.args) {
        if (!(arg.name in values) || values[arg.name] === null) continue;
        refuse(field, arg.name, selections.get(`${field}(${arg.name}:)`));
        walk(field, arg.name, arg.type, values[arg.name], 0);
      }
    },
  });
  visit(operation, visitor);
  for (const fragment of fragments) visit(fragment, visitor);
  return refused;
}

type RequirementCheck = { ok: true } | { ok: false; field: string };

/** Checks once, at start, that every `@selects` of a schema names a field of it. */
export function assertSelectionsResolve(schema: GraphQLSchema, requirements: Requirements, selections: Selections): void {
  for (const [where, paths] of selections) {
    for (const path of paths) {
      try {
        requirementsAlong(schema, requirements, path);
      } catch (error) {
        throw new Error(`${where}: ${(error as Error).message}`);
      }
    }
  }
}

/** The message of a refused selection, for the caller. */
export function refusalMessage(refusal: RefusedSelection): string {
  return `Your role may not select by ${refusal.selects}, which it may not read: remove ${refusal.argument} from the arguments of ${refusal.field}.`;
}
