import { Kind, type GraphQLError, parse, visit, type GraphQLFormattedError, type Source, type ValueNode } from "graphql";

/**
 * Where each value of an operation sits: for a value written in the query, the argument (and the
 * field inside an input object or the index in a list) it was given for; for a variable, the first
 * argument it is used in. Built once per query text, and only when a value was refused.
 */
interface ArgumentIndex {
  values: Map<number, string[]>;
  variables: Map<string, string[]>;
}

const INDEXES = new WeakMap<Source, ArgumentIndex | null>();

function indexOf(source: Source): ArgumentIndex | null {
  if (INDEXES.has(source)) return INDEXES.get(source)!;
  let index: ArgumentIndex | null = { values: new Map(), variables: new Map() };
  try {
    const document = parse(source, { noLocation: false });
    const walk = (value: ValueNode, path: string[]) => {
      if (value.loc) index!.values.set(value.loc.start, path);
      if (value.kind === Kind.VARIABLE) {
        if (!index!.variables.has(value.name.value)) index!.variables.set(value.name.value, path);
      } else if (value.kind === Kind.LIST) {
        value.values.forEach((item, i) => walk(item, [...path.slice(0, -1), `${path.at(-1)}[${i}]`]));
      } else if (value.kind === Kind.OBJECT) {
        for (const field of value.fields) walk(field.value, [...path, field.name.value]);
      }
    };
    visit(document, { Argument: (node) => walk(node.value, [node.name.value]) });
  } catch {
    index = null;
  }
  INDEXES.set(source, index);
  return index;
}

/** `input.signals[0].amountCents` as `{ argument: "input", field: "signals[0].amountCents" }`. */
function naming(label: string): { argument: string; field?: string } {
  const match = /^([^.[]+)\.?(.*)$/.exec(label)!;
  return match[2] ? { argument: match[1]!, field: match[2] } : { argument: match[1]! };
}

const LITERAL_KINDS = new Set<string>([Kind.INT, Kind.FLOAT, Kind.STRING, Kind.BOOLEAN, Kind.NULL, Kind.ENUM, Kind.LIST, Kind.OBJECT]);

/**
 * A value the caller sent that its type refuses (a Date outside its range, an Int that overflows, a
 * number where a date belongs) is bad input, whether it was written in the query or passed as a
 * variable: the answer says BAD_USER_INPUT and names the argument, and the field inside it for an
 * input object. graphql-js reports a value written in the query as a validation failure without
 * saying which argument it was for; this names it. Everything else passes unchanged.
 */
export function nameRefusedArgument(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // Duck-typed: Apollo Server and the caller may hold different copies of graphql-js.
  const nodes = (error as Partial<GraphQLError> | null)?.nodes;
  if (!nodes || nodes.length !== 1) return formatted;
  const node = nodes[0]!;
  const source = node.loc?.source ?? (error as GraphQLError).source;
  const code = formatted.extensions?.code;
  if (!source) return formatted;
  if (code === "GRAPHQL_VALIDATION_FAILED" && LITERAL_KINDS.has(node.kind)) {
    const path = node.loc ? indexOf(source)?.values.get(node.loc.start) : undefined;
    if (!path) return formatted;
    const label = path.join(".");
    const where = naming(label);
    const leaf = path.at(-1)!.replace(/\[\d+\]$/, "");
    return {
      ...formatted,
      // "first must be ..." already says where; "A Date must ..." gets "forwardedOn: " in front.
      message: formatted.message.startsWith(`${leaf} `) ? formatted.message : `${label}: ${formatted.message}`,
      extensions: { ...formatted.extensions, code: "BAD_USER_INPUT", ...where },
    };
  }
  if (code === "BAD_USER_INPUT" && node.kind === Kind.VARIABLE_DEFINITION && formatted.extensions?.argument === undefined) {
    const variable = node.variable.name.value;
    const path = indexOf(source)?.variables.get(variable);
    // graphql-js says where inside the variable the value was refused: `... at "input.since"; ...`.
    const inside =
      new RegExp(`^Variable "\\$${variable}" got invalid value .*? at "${variable}((?:\\.[_A-Za-z][_0-9A-Za-z]*|\\[\\d+\\])+)"; `, "s").exec(formatted.message)?.[1] ?? "";
    return { ...formatted, extensions: { ...formatted.extensions, variable, ...(path ? naming(`${path.join(".")}${inside}`) : {}) } };
  }
  return formatted;
}
