import { GraphQLError, GraphQLScalarType, Kind } from "graphql";

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written as YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

function parseDate(value: unknown): string {
  if (typeof value !== "string" || !isIsoDate(value)) {
    throw new GraphQLError(`Date must be a calendar date written as YYYY-MM-DD, got ${JSON.stringify(value)}.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return value;
}

/** A calendar date without time or zone (YYYY-MM-DD), as PostgreSQL's `date`. */
export const DateScalar = new GraphQLScalarType({
  name: "Date",
  description: "A calendar date without time or zone, written as YYYY-MM-DD.",
  serialize: (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : parseDate(value)),
  parseValue: parseDate,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDate(ast.value) : parseDate(undefined)),
});

function parseDateTime(value: unknown): Date {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date;
  }
  throw new GraphQLError(
    `DateTime must be an ISO 8601 instant with a zone, e.g. 2026-03-01T09:30:00Z, got ${JSON.stringify(value)}.`,
    { extensions: { code: "BAD_USER_INPUT" } },
  );
}

/** An instant in time with zone (ISO 8601), as PostgreSQL's `timestamptz`. */
export const DateTimeScalar = new GraphQLScalarType({
  name: "DateTime",
  description: "An instant in time, ISO 8601 with zone, e.g. 2026-03-01T09:30:00.000Z.",
  serialize: (value) => (value instanceof Date ? value.toISOString() : parseDateTime(value).toISOString()),
  parseValue: parseDateTime,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseDateTime(ast.value) : parseDateTime(undefined)),
});

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

function parseMonth(value: unknown): string {
  if (typeof value !== "string" || !MONTH_PATTERN.test(value)) {
    throw new GraphQLError(`YearMonth must be written as YYYY-MM, got ${JSON.stringify(value)}.`, {
      extensions: { code: "BAD_USER_INPUT" },
    });
  }
  return value;
}

/** A calendar month (YYYY-MM), e.g. the reporting month of a signal. */
export const YearMonthScalar = new GraphQLScalarType({
  name: "YearMonth",
  description: "A calendar month, written as YYYY-MM.",
  serialize: parseMonth,
  parseValue: parseMonth,
  parseLiteral: (ast) => (ast.kind === Kind.STRING ? parseMonth(ast.value) : parseMonth(undefined)),
});
