import { Field, ObjectType, type ClassType, Directive, Int, ArgsType } from "type-graphql";
import type { ObjectLiteral, SelectQueryBuilder } from "typeorm";
import { GraphQLError, Kind, getNamedType, type ASTVisitor, type ValidationContext } from "graphql";
import { badInput } from "./errors.js";
import { isUuid } from "./input-rules.js";
import { isIsoDate } from "./scalars.js";

/** Relay page information. Every subgraph defines it identically, hence shareable. */
@Directive("@shareable")
@ObjectType({ description: "Where a page of a connection stands (Relay)." })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

/** `first` and `after` of a Relay connection. */
@ArgsType()
export class PageArgs {
  @Field(() => Int, { defaultValue: 50, description: "How many rows to return, 1 to 500." })
  first: number;

  @Field(() => String, { nullable: true, description: "The endCursor of the previous page." })
  after?: string | null;
}

export const MAX_PAGE_SIZE = 500;

export interface Edge<T> {
  node: T;
  cursor: string;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

/** Makes the Connection and Edge types for one node type: `<Name>Connection`, `<Name>Edge`. */
export function connectionOf<T extends object>(name: string, node: ClassType<T>) {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field(() => node)
    node: T;

    @Field()
    cursor: string;
  }

  @ObjectType(`${name}Connection`, { description: `A page of ${name} rows (Relay connection).` })
  class ConnectionType {
    @Field(() => [EdgeType])
    edges: EdgeType[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}

type CursorValue = string | number;

function encodeCursor(values: CursorValue[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

/** What a cursor's parts must be, read from the columns the list is sorted by. */
interface CursorShape {
  sortType: string;
  idIsUuid: boolean;
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

function fitsColumn(value: CursorValue, type: string): boolean {
  if (type === "date") return typeof value === "string" && isIsoDate(value);
  if (type.startsWith("timestamp")) return typeof value === "string" && INSTANT.test(value) && !Number.isNaN(Date.parse(value));
  if (["int", "integer", "smallint", "bigint"].includes(type)) return typeof value === "number" && Number.isSafeInteger(value);
  return typeof value === "string" && value.length <= 1_000 && !value.includes("\u0000");
}

/**
 * A cursor is [sort value, id] as encodeCursor wrote it. Anything else (not base64url JSON, other
 * parts, a sort value the column could not hold, an id that is no uuid) is the caller's error:
 * it must never reach the database, where it would fail as an internal error.
 */
function decodeCursor(cursor: string, shape: CursorShape): CursorValue[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(values) && values.length === 2 && fitsColumn(values[0], shape.sortType) && typeof values[1] === "string" && (!shape.idIsUuid || isUuid(values[1]))) {
      return values as CursorValue[];
    }
  } catch {
    // fall through
  }
  throw badInput(`The cursor "${cursor.slice(0, 100)}" is not one this list returned; pass the endCursor of the previous page.`, {
    argument: "after",
  });
}

function pageSizeProblem(first: number): string | null {
  return Number.isInteger(first) && first >= 1 && first <= MAX_PAGE_SIZE ? null : `first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}.`;
}

function cursorShape<T extends ObjectLiteral>(query: SelectQueryBuilder<T>, property: string): CursorShape {
  const metadata = query.expressionMap.mainAlias!.metadata;
  const typeOf = (name: string) => {
    const type = metadata.findColumnWithPropertyName(name)?.type;
    if (typeof type === "string") return type;
    if (type === Date) return "timestamp";
    if (type === Number) return "integer";
    return "text";
  };
  return { sortType: typeOf(property), idIsUuid: typeOf("id") === "uuid" };
}

export function checkPageSize(first: number): void {
  const problem = pageSizeProblem(first);
  if (problem) throw badInput(problem, { argument: "first" });
}

/**
 * For the gateway: a page size written in the query itself is refused while the operation is
 * validated, with the same range as `checkPageSize`, before its cost is estimated from it (a
 * `first: 2000000000` would otherwise come back as a cost refusal that does not say what to fix).
 * One passed as a variable reaches the subgraph, whose `checkPageSize` refuses it.
 */
export function PageSizeRule(context: ValidationContext): ASTVisitor {
  return {
    Argument(node) {
      if (node.name.value !== "first" || node.value.kind !== Kind.INT) return;
      const field = context.getFieldDef();
      if (!field || !getNamedType(field.type).name.endsWith("Connection")) return;
      const first = Number(node.value.value);
      // An Int overflow is graphql-js's own refusal; one error per value is enough.
      if (Math.abs(first) > 2_147_483_647) return;
      const problem = pageSizeProblem(first);
      if (problem) context.reportError(new GraphQLError(problem, { nodes: [node.value], extensions: { code: "BAD_USER_INPUT", argument: "first" } }));
    },
  };
}

/**
 * Keyset pagination on (sort column, id): stable under inserts and as fast on page 1,000 as on page 1.
 * `sort` names an entity property that is never null; `id` breaks ties.
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  query: SelectQueryBuilder<T>,
  args: { first: number; after?: string | null },
  sort: { property: keyof T & string; direction: "ASC" | "DESC" },
): Promise<Page<T>> {
  checkPageSize(args.first);
  const alias = query.alias;
  const column = `${alias}.${sort.property}`;
  if (args.after) {
    const [value, id] = decodeCursor(args.after, cursorShape(query, sort.property));
    const op = sort.direction === "ASC" ? ">" : "<";
    query.andWhere(`(${column}, ${alias}.id) ${op} (:cursorValue, :cursorId)`, { cursorValue: value, cursorId: id });
  }
  const rows = await query
    .orderBy(column, sort.direction)
    .addOrderBy(`${alias}.id`, sort.direction)
    .take(args.first + 1)
    .getMany();
  const page = rows.slice(0, args.first);
  const edges = page.map((node) => ({ node, cursor: encodeCursor([cursorPart(node[sort.property]), node.id]) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > args.first, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

function cursorPart(value: unknown): CursorValue {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "number" || typeof value === "string") return value;
  return String(value);
}
