import { GraphQLError, GraphQLScalarType, Kind, isScalarType, print, type GraphQLSchema, type ValueNode } from "graphql";
import { badInput } from "./errors.js";

/**
 * The graph's own scalars, with the range each accepts. Every date, month and instant a caller can
 * send is checked here, where the value is parsed, whether it is written in the query or passed as
 * a variable; a value outside the range is refused with BAD_USER_INPUT before any resolver (or, at
 * the gateway, any subgraph) sees it. The subgraphs build their schemas with these scalars and the
 * gateway gives the same parsing to the supergraph's scalars of the same names
 * (`applyScalarParsing`), so the two can never disagree.
 *
 * The ranges: from 1900, so that a tenant's birth date fits, up to and including 2099, far beyond any
 * term or deadline of the covenant (which started on 2021-04-01). Values that come *out* of the graph
 * are only checked for their form, never refused for their range.
 */
export const DATE_RANGE = { from: "1900-01-01", to: "2099-12-31" } as const;
export const MONTH_RANGE = { from: "1900-01", to: "2099-12" } as const;
export const INSTANT_RANGE = { from: "1900-01-01T00:00:00.000Z", to: "2099-12-31T23:59:59.999Z" } as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** True for a real calendar date written as YYYY-MM-DD (any year 0000-9999; no range check). */
export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** A value written in the query itself that is not a string, kept as the caller wrote it. */
class Literal {
  constructor(readonly text: string) {}
}

function show(value: unknown): string {
  if (value instanceof Literal) return value.text.length > 40 ? `${value.text.slice(0, 40)}…` : value.text;
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === undefined) return "nothing";
  try {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 40 ? `${text.slice(0, 40)}…` : text;
  } catch {
    return typeof value;
  }
}

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) {
    throw badInput(`A Date is a calendar date written as YYYY-MM-DD, e.g. 2026-03-01; got ${show(value)}.`);
  }
  if (!isIsoDate(value)) throw badInput(`${show(value)} is not a day of the calendar (that month has no such day); give a real date written as YYYY-MM-DD.`);
  if (value < DATE_RANGE.from || value > DATE_RANGE.to) {
    throw badInput(`A Date must lie between ${DATE_RANGE.from} and ${DATE_RANGE.to}; got ${show(value)}.`);
  }
  return value;
}

/**
 * The literal parser of a scalar written as a string (anything else is refused by `parse` itself).
 * A refusal carries the value's place in the query, so that the answer can name its argument.
 */
function literal(parse: (value: unknown) => unknown) {
  return (ast: ValueNode) => {
    try {
      return parse(ast.kind === Kind.STRING ? ast.value : new Literal(print(ast)));
    } catch (error) {
      if (error instanceof GraphQLError) throw new GraphQLError(error.message, { nodes: [ast], extensions: error.extensions });
      throw error;
    }
  };
}

/** A calendar date without time or zone (YYYY-MM-DD), as PostgreSQL's `date`. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: `A calendar date without time or zone, written as YYYY-MM-DD, from ${DATE_RANGE.from} up to and including ${DATE_RANGE.to}.`,
  serialize: (value) => {
    if (value instanceof Date) return value.toISOString().slice(0, 10);
    if (typeof value === "string" && isIsoDate(value)) return value;
    throw new TypeError(`Date cannot represent ${show(value)}.`);
  },
  parseValue: parseDate,
  parseLiteral: literal(parseDate),
});

const INSTANT_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-](\d{2}):(\d{2}))$/;

function parseDateTime(value: unknown): Date {
  const match = typeof value === "string" ? INSTANT_PATTERN.exec(value) : null;
  if (!match) {
    throw badInput(`A DateTime is an ISO 8601 instant with a zone, e.g. 2026-03-01T09:30:00Z; got ${show(value)}.`);
  }
  const [, , , , hour, minute, second = "00", , zone, zoneHours = "00", zoneMinutes = "00"] = match;
  const date = `${match[1]}-${match[2]}-${match[3]}`;
  if (!isIsoDate(date) || Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59 || Number(zoneHours) > 23 || Number(zoneMinutes) > 59) {
    throw badInput(`${show(value)} is not a moment of the calendar (no such day, hour, minute or offset).`);
  }
  const instant = new Date(value as string);
  if (Number.isNaN(instant.getTime()) || zone === undefined) throw badInput(`${show(value)} is not a moment of the calendar.`);
  const iso = instant.toISOString();
  if (iso < INSTANT_RANGE.from || iso > INSTANT_RANGE.to) {
    throw badInput(`A DateTime must lie between ${INSTANT_RANGE.from} and ${INSTANT_RANGE.to}; got ${show(value)}.`);
  }
  return instant;
}

/** An instant in time with zone (ISO 8601), as PostgreSQL's `timestamptz`. */
export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: `An instant in time, ISO 8601 with zone, e.g. 2026-03-01T09:30:00.000Z, from ${INSTANT_RANGE.from} up to and including ${INSTANT_RANGE.to}.`,
  serialize: (value) => {
    const instant = value instanceof Date ? value : typeof value === "string" ? new Date(value) : new Date(NaN);
    if (Number.isNaN(instant.getTime())) throw new TypeError(`DateTime cannot represent ${show(value)}.`);
    return instant.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral: literal(parseDateTime),
});

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

function parseMonth(value: unknown): string {
  if (typeof value !== "string" || !MONTH_PATTERN.test(value)) {
    throw badInput(`A YearMonth is a calendar month written as YYYY-MM, e.g. 2026-03; got ${show(value)}.`);
  }
  if (value < MONTH_RANGE.from || value > MONTH_RANGE.to) {
    throw badInput(`A YearMonth must lie between ${MONTH_RANGE.from} and ${MONTH_RANGE.to}; got ${show(value)}.`);
  }
  return value;
}

/** A calendar month (YYYY-MM), e.g. the reporting month of a signal. */
export const YearMonthScalar = new GraphQLScalarType({
  name: "YearMonth",
  description: `A calendar month, written as YYYY-MM, from ${MONTH_RANGE.from} up to and including ${MONTH_RANGE.to}.`,
  serialize: (value) => {
    if (typeof value === "string" && MONTH_PATTERN.test(value)) return value;
    throw new TypeError(`YearMonth cannot represent ${show(value)}.`);
  },
  parseValue: parseMonth,
  parseLiteral: literal(parseMonth),
});

/** The graph's own scalars, by name. */
export const GRAPH_SCALARS: readonly GraphQLScalarType[] = [DateScalar, DateTimeScalar, YearMonthScalar];

/**
 * Gives the scalars of a schema built from SDL (the supergraph at the gateway, whose custom scalars
 * otherwise accept anything) the parsing and ranges of the graph's own scalars of the same name. It
 * changes the schema's scalar types in place, so that every holder of that schema (the gateway's
 * validation of literals and its coercion of variables alike) refuses the same values the subgraphs
 * refuse. Serializing is left as it was: the gateway passes the subgraphs' answers through.
 */
export function applyScalarParsing(schema: GraphQLSchema): GraphQLSchema {
  for (const scalar of GRAPH_SCALARS) {
    const type = schema.getType(scalar.name);
    if (!isScalarType(type)) continue;
    type.parseValue = scalar.parseValue;
    type.parseLiteral = scalar.parseLiteral;
    type.description ??= scalar.description;
  }
  return schema;
}
