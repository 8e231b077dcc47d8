import type { ApolloServerPlugin } from "@apollo/server";
import {
  GraphQLError,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type ValueNode,
} from "graphql";

/**
 * What every text a caller sends must look like, checked once for the whole schema before any
 * resolver runs: at the gateway against the public schema, and again in every subgraph (so a call
 * that reaches a subgraph directly is held to the same rules).
 *
 * - A String is one line of at most 200 characters (names, references, addresses, filters):
 *   letters of every script are welcome; control characters (C0, DEL, C1) and the bidirectional
 *   embedding, override and isolate characters (U+202A-U+202E, U+2066-U+2069), which can make a
 *   name or reference display as something else, are refused.
 * - The free-text fields in FREE_TEXT may span lines: they allow line feed and tab, and their own
 *   maximum length.
 * - An ID is a uuid, except the ids of corporations and teams (SLUG_IDS), which are short names
 *   such as `elan-wonen`. In a list of ids ("unknown ids are left out") an id that is no uuid is
 *   merely unknown, so there only the length and character rules apply.
 * - A cursor (`after`) is what a connection returned: base64url, at most 2,048 characters.
 * - Any other scalar written as text (dates, months, instants) is at most 64 characters.
 * - Text must be well-formed Unicode (no lone surrogates).
 */
export const MAX_LINE_LENGTH = 200;
export const MAX_ID_LENGTH = 64;
export const MAX_CURSOR_LENGTH = 2_048;
export const MAX_SCALAR_TEXT_LENGTH = 64;

/** Multi-line free text, by schema coordinate, with its maximum length in characters. */
export const FREE_TEXT: Readonly<Record<string, number>> = {
  "CaseNoteInput.text": 4_000,
  "FeedbackInput.arrearsArrangement": 2_000,
  "FeedbackInput.reasonNotTakenUp": 2_000,
  "RegisterEntryInput.reason": 500,
  "SetThresholdInput.reason": 2_000,
  "Mutation.overridePriority(reason:)": 2_000,
};

/** Single-line texts allowed to be longer than MAX_LINE_LENGTH. */
export const LONG_LINES: Readonly<Record<string, number>> = {
  // RFC 5321 allows 254 characters in an address.
  "TenantInput.email": 254,
};

/** Ids that are names, not uuids: corporations and teams. Everything else typed ID is a uuid. */
export const SLUG_IDS = new Set(["Query.corporation(id:)", "Query.team(id:)"]);
const SLUG_ID_NAMES = new Set(["corporationId", "teamId"]);
/** A team named by its role in the call (`toTeamId`, `fromTeamId`) is a team's id all the same. */
const isSlugIdName = (name: string) => SLUG_ID_NAMES.has(name) || /^[a-z]+TeamId$/.test(name);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SLUG = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const CURSOR = /^[A-Za-z0-9_-]*={0,2}$/;
// C0 controls, DEL and C1 controls; the free-text variant lets tab (U+0009) and line feed (U+000A) through.
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
const CONTROL_IN_FREE_TEXT = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Ids of tenants, signals and cases are uuids. Checking the shape first keeps a malformed id from
 * reaching PostgreSQL, where casting it to uuid would fail the whole batch it came in.
 */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

function codePoint(text: string, pattern: RegExp): string {
  const index = text.search(pattern);
  return `U+${text.codePointAt(index)!.toString(16).toUpperCase().padStart(4, "0")} at position ${index + 1}`;
}

/** Where a value sits: the argument path as the caller wrote it, and the schema coordinate of the field. */
interface Place {
  path: string;
  coordinate: string;
  /** The name of the argument or input field. */
  name: string;
  inList: boolean;
}

function refuse(place: Place, problem: string): GraphQLError {
  return new GraphQLError(`${place.path} ${problem}`, {
    // As everywhere in the graph: `argument` names an argument, `field` the path to an input field in one.
    extensions: { code: "BAD_USER_INPUT", [place.coordinate.endsWith(":)") ? "argument" : "field"]: place.path, http: { status: 400 } },
  });
}

/** The first rule a text breaks, as a refusal naming where it was given; undefined when it keeps them all. */
export function checkText(value: string, typeName: string, place: Place): GraphQLError | undefined {
  if (typeName === "String" || typeName === "ID") {
    if (place.name === "after" && typeName === "String") {
      if (value.length > MAX_CURSOR_LENGTH || !CURSOR.test(value)) {
        return refuse(place, "is not a cursor this list returned; pass the endCursor of the previous page.");
      }
      return undefined;
    }
    const freeText = FREE_TEXT[place.coordinate];
    const max = typeName === "ID" ? MAX_ID_LENGTH : (freeText ?? LONG_LINES[place.coordinate] ?? MAX_LINE_LENGTH);
    if (value.length > max) return refuse(place, `is ${value.length} characters long; at most ${max} are allowed.`);
    if (LONE_SURROGATE.test(value)) return refuse(place, "is not well-formed Unicode (it holds a lone surrogate).");
    const control = freeText ? CONTROL_IN_FREE_TEXT : CONTROL;
    if (control.test(value)) {
      const allowed = freeText ? "only line feeds and tabs are allowed" : "it must be a single line of text";
      return refuse(place, `holds a control character (${codePoint(value, control)}); ${allowed}.`);
    }
    if (!freeText && BIDI_CONTROL.test(value)) {
      return refuse(place, `holds a bidirectional control character (${codePoint(value, BIDI_CONTROL)}), which can make it display as something else; remove it.`);
    }
    if (typeName === "ID" && !place.inList) {
      const slug = SLUG_IDS.has(place.coordinate) || isSlugIdName(place.name);
      if (slug && !SLUG.test(value)) return refuse(place, `"${value}" is not an id of the kind asked, e.g. elan-wonen or haarlem-schalkwijk.`);
      if (!slug && !UUID.test(value)) return refuse(place, `"${value}" is not an id; ids are uuids, as the graph returns them.`);
    }
    return undefined;
  }
  if (value.length > MAX_SCALAR_TEXT_LENGTH) return refuse(place, `is ${value.length} characters long; a ${typeName} is at most ${MAX_SCALAR_TEXT_LENGTH}.`);
  if (LONE_SURROGATE.test(value) || CONTROL.test(value) || BIDI_CONTROL.test(value)) return refuse(place, `holds characters no ${typeName} has.`);
  return undefined;
}

/**
 * What an operation's arguments ask of each request, worked out once per operation: the rules a
 * value written in the operation breaks do not change from one request to the next, so only the
 * variables are left to check. In the order the walk meets them, so the first refusal is the same
 * as a walk per request would find.
 */
type InputCheck =
  /** A value written in the operation that breaks a rule: every request with it is refused. */
  | { kind: "refused"; refusal: () => GraphQLError }
  /** A variable: its JSON value is checked, or, when left out, its default (written in the operation). */
  | { kind: "variable"; name: string; type: GraphQLInputType; place: Place; fallback: (() => GraphQLError) | undefined };

/** Collects the checks of a value written in the operation; false once a refusal ends the list. */
function collectLiteral(node: ValueNode, type: GraphQLInputType, place: Place, defaults: ReadonlyMap<string, ValueNode>, checks: InputCheck[]): boolean {
  if (node.kind === Kind.VARIABLE) {
    const name = node.name.value;
    const fallbackNode = defaults.get(name);
    // A default holds no variable: whether it keeps the rules is known now.
    const fallback = fallbackNode ? refusalOf(fallbackNode, type, place) : undefined;
    checks.push({ kind: "variable", name, type, place, fallback });
    return true;
  }
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = node.kind === Kind.LIST ? node.values : [node];
    for (let i = 0; i < items.length; i++) {
      const itemPlace = { ...place, path: node.kind === Kind.LIST ? `${place.path}[${i}]` : place.path, inList: true };
      if (!collectLiteral(items[i]!, inner.ofType, itemPlace, defaults, checks)) return false;
    }
    return true;
  }
  if (isInputObjectType(inner)) {
    if (node.kind !== Kind.OBJECT) return true; // the type check reports it
    const fields = inner.getFields();
    for (const fieldNode of node.fields) {
      const field = fields[fieldNode.name.value];
      if (!field) continue;
      const fieldPlace = { path: `${place.path}.${field.name}`, coordinate: `${inner.name}.${field.name}`, name: field.name, inList: false };
      if (!collectLiteral(fieldNode.value, field.type, fieldPlace, defaults, checks)) return false;
    }
    return true;
  }
  let refused: GraphQLError | undefined;
  if (isScalarType(inner) && node.kind === Kind.STRING) refused = checkText(node.value, inner.name, place);
  // An ID may be written as a number; it is then the text of that number.
  else if (isScalarType(inner) && inner.name === "ID" && node.kind === Kind.INT) refused = checkText(node.value, inner.name, place);
  if (!refused) return true;
  const text = node.kind === Kind.STRING || node.kind === Kind.INT ? node.value : "";
  const typeName = (inner as { name: string }).name;
  // Each request gets an error of its own: an error object may be changed on its way out.
  checks.push({ kind: "refused", refusal: () => checkText(text, typeName, place)! });
  return false;
}

/** The refusal a constant value (a variable's default) earns, as a maker of fresh errors; undefined when it keeps the rules. */
function refusalOf(node: ValueNode, type: GraphQLInputType, place: Place): (() => GraphQLError) | undefined {
  const checks: InputCheck[] = [];
  collectLiteral(node, type, place, new Map(), checks);
  const refused = checks.find((check) => check.kind === "refused");
  return refused?.kind === "refused" ? refused.refusal : undefined;
}

/** Checks a variable's JSON value against the type it is used as. */
function checkJson(value: unknown, type: GraphQLInputType, place: Place): GraphQLError | undefined {
  if (value === null || value === undefined) return undefined;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const error = checkJson(items[i], inner.ofType, { ...place, path: Array.isArray(value) ? `${place.path}[${i}]` : place.path, inList: true });
      if (error) return error;
    }
    return undefined;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== "object" || Array.isArray(value)) return undefined;
    const fields = inner.getFields();
    for (const [name, fieldValue] of Object.entries(value)) {
      const field = fields[name];
      if (!field) continue;
      const error = checkJson(fieldValue, field.type, { path: `${place.path}.${name}`, coordinate: `${inner.name}.${name}`, name, inList: false });
      if (error) return error;
    }
    return undefined;
  }
  if (isScalarType(inner) && typeof value === "string") return checkText(value, inner.name, place);
  if (isScalarType(inner) && inner.name === "ID" && typeof value === "number") return checkText(String(value), inner.name, place);
  return undefined;
}

/**
 * The first argument or input field of the operation that breaks the text rules, as a
 * BAD_USER_INPUT error naming it (extensions.argument: the path as written, extensions.field: the
 * schema coordinate); undefined when all keep them.
 */
export function checkOperationInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  variables: Record<string, unknown> | undefined,
): GraphQLError | undefined {
  const given = variables ?? {};
  for (const check of inputChecksOf(schema, document, operation)) {
    if (check.kind === "refused") return check.refusal();
    const error = Object.hasOwn(given, check.name) ? checkJson(given[check.name], check.type, check.place) : check.fallback?.();
    if (error) return error;
  }
  return undefined;
}

/**
 * The checks of an operation, from a walk of its arguments with their types. Apollo Server keeps one
 * parsed document per query text, so a list asked again and again brings the same operation node,
 * and the walk is done once for it. (A WeakMap: a document the server forgets takes its checks with
 * it; the entry is also bound to the document and schema it was made for.)
 */
function inputChecksOf(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): readonly InputCheck[] {
  const known = inputChecks.get(operation);
  if (known && known.document === document && known.schema === schema) return known.checks;
  // A variable left out takes its default value, written in the operation: that is checked instead.
  const defaults = new Map((operation.variableDefinitions ?? []).flatMap((d) => (d.defaultValue ? [[d.variable.name.value, d.defaultValue] as const] : [])));
  const typeInfo = new TypeInfo(schema);
  const checks: InputCheck[] = [];
  let ended = false;
  const definitions = document.definitions.filter((d) => d === operation || d.kind === Kind.FRAGMENT_DEFINITION);
  visit(
    { kind: Kind.DOCUMENT, definitions },
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        if (ended) return false;
        const argument = typeInfo.getArgument();
        if (!argument) return false;
        const directive = typeInfo.getDirective();
        const field = typeInfo.getFieldDef();
        const parent = typeInfo.getParentType();
        const coordinate = directive ? `@${directive.name}(${argument.name}:)` : `${parent?.name}.${field?.name}(${argument.name}:)`;
        ended = !collectLiteral(node.value, argument.type, { path: argument.name, coordinate, name: argument.name, inList: false }, defaults, checks);
        return false;
      },
    }),
  );
  inputChecks.set(operation, { document, schema, checks });
  return checks;
}

const inputChecks = new WeakMap<OperationDefinitionNode, { document: DocumentNode; schema: GraphQLSchema; checks: readonly InputCheck[] }>();

/**
 * Checks every request before it is executed: an operation must be found (a missing or unknown
 * operationName is the caller's error, answered 400), and every text argument must keep the rules
 * above. Used by the gateway and by every subgraph.
 */
export function inputRulesPlugin<C extends object>(): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, document, schema, request }) {
          if (!operation) {
            const named = request.operationName;
            throw new GraphQLError(
              named
                ? `The document has no operation named "${named}"; set operationName to one of its operations.`
                : "The document holds more than one operation; set operationName to the one to run.",
              { extensions: { code: "OPERATION_RESOLUTION_FAILURE", argument: "operationName", http: { status: 400 } } },
            );
          }
          const error = checkOperationInputs(schema, document, operation, request.variables);
          if (error) throw error;
        },
      };
    },
  };
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

/**
 * The caller's x-request-id when it is a short, safe token (at most 128 of A-Z a-z 0-9 . _ -);
 * otherwise undefined, and the server makes one of its own. The id is logged and passed on to the
 * subgraphs in a header, so an oversized or odd one must never travel further.
 */
export function acceptedRequestId(header: string | undefined): string | undefined {
  return header !== undefined && REQUEST_ID.test(header) ? header : undefined;
}
