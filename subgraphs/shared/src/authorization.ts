import { GraphQLError } from "graphql";
import { Directive, Extensions, type AuthChecker } from "type-graphql";
import type { Role } from "./identity.js";

/**
 * Field-level authorization, declared once per field and enforced twice:
 *  - `@requiresScopes` goes into the supergraph; the gateway removes the field from an operation of
 *    a caller without one of the scopes, before anything is fetched (layer 1);
 *  - the subgraph refuses it too, should a request ever get past the gateway (layer 2, defence in
 *    depth): the roles go on the field's extensions (READABLE_BY), and the subgraph schema checks
 *    them before the field's resolver runs (federation.ts).
 * A caller's scopes are `role:<ROLE>` of its role.
 */
export function scopeOf(role: Role): string {
  return `role:${role}`;
}

export function scopesOf(identity: { role: Role }): string[] {
  return [scopeOf(identity.role)];
}

/** The extension of a field that names the roles that may read it (see ReadableBy). */
export const READABLE_BY = "readableBy";

/** The field may be read only by these roles. Row rules (own tenants, own team) are the policies'. */
export function ReadableBy(...roles: Role[]): PropertyDecorator & MethodDecorator {
  if (roles.length === 0) throw new Error("ReadableBy needs at least one role; use NeverReadable for none.");
  const scopes = roles.map((role) => `["${scopeOf(role)}"]`).join(", ");
  const directive = Directive(`@requiresScopes(scopes: [${scopes}])`);
  const readable = Extensions({ [READABLE_BY]: roles });
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key as string, descriptor as never);
    readable(target, key as string, descriptor as never);
  }) as PropertyDecorator & MethodDecorator;
}

/** Refuses a field with FORBIDDEN when the caller's role is not among those the field names. */
export function checkReadable(context: { identity: { role: Role } }, info: { parentType: { name: string }; fieldName: string }, roles: readonly Role[]): true {
  if (roles.includes(context.identity.role)) return true;
  throw new GraphQLError(`Your role (${context.identity.role}) may not read ${info.parentType.name}.${info.fieldName}.`, {
    extensions: { code: "FORBIDDEN" },
  });
}

/** The same check for type-graphql's `@Authorized`, which nothing here uses any more: kept so that one would be checked alike. */
export const roleAuthChecker: AuthChecker<{ identity: { role: Role } }, Role> = ({ context, info }, roles) => checkReadable(context, info, roles);

/** Cells of an aggregate counting fewer households than this are suppressed (AVG: no one is identifiable). */
export const SUPPRESSION_THRESHOLD = 5;

/** Every published count is a multiple of this. */
export const ROUNDING_BASE = 5;

/**
 * A count as published, the one rule for every count the graph gives out (count cells, the
 * threshold analysis, the covenant's monitoring): 0 stays 0; 1 to 4 is withheld (null, suppressed;
 * never shown as 0); 5 and more is rounded *up* to a multiple of 5, each count on its own, totals
 * as much as cells (rounding as statistics offices publish tables, CBS and ONS among them).
 *
 * Why: with exact counts, a suppressed cell is a total minus the visible cells, of the same answer
 * or of a second query grouped or filtered otherwise. Once every count is rounded, such a
 * difference only bounds the cell: each published count above 5 stands for five values. A
 * withheld 2 or 3 can then never be pinned; a withheld 1 or 4 only when every count in the
 * difference sits at the edge of its window at once. Rounding up rather than to the nearest
 * multiple makes that rare: a lone withheld cell can only be pinned at 1, and only when the total
 * is an exact multiple of 5 and four (or nine, ...) visible cells of 10 or more all lie one above
 * a multiple of 5.
 */
export function publishCount(count: number): { count: number | null; suppressed: boolean } {
  if (!Number.isFinite(count) || count <= 0) return { count: 0, suppressed: false };
  if (count < SUPPRESSION_THRESHOLD) return { count: null, suppressed: true };
  return { count: Math.ceil(count / ROUNDING_BASE) * ROUNDING_BASE, suppressed: false };
}

/**
 * A cell of households as published: households by publishCount; the other counts of the cell
 * (signals, say) are rounded the same way, and withheld with it when the households are.
 */
export function publishCell(households: number): { households: number | null; suppressed: boolean };
export function publishCell<K extends string>(households: number, others: Record<K, number>): { households: number | null; suppressed: boolean } & Record<K, number | null>;
export function publishCell(households: number, others: Record<string, number> = {}): Record<string, unknown> {
  const published = publishCount(households);
  const rest = Object.fromEntries(Object.entries(others).map(([key, value]) => [key, published.suppressed ? null : publishCount(value).count]));
  return { ...rest, households: published.count, suppressed: published.suppressed };
}
