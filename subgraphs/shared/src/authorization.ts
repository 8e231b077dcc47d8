import { GraphQLError } from "graphql";
import { Authorized, Directive, type AuthChecker } from "type-graphql";
import type { Role } from "./identity.js";

/**
 * Field-level authorization, declared once per field and enforced twice:
 *  - `@requiresScopes` goes into the supergraph; the gateway removes the field from an operation of
 *    a caller without one of the scopes, before anything is fetched (layer 1);
 *  - type-graphql's `@Authorized` makes the subgraph refuse it too, should a request ever get past
 *    the gateway (layer 2, defence in depth).
 * A caller's scopes are `role:<ROLE>` of its role.
 */
export function scopeOf(role: Role): string {
  return `role:${role}`;
}

export function scopesOf(identity: { role: Role }): string[] {
  return [scopeOf(identity.role)];
}

/** The field may be read only by these roles. Row rules (own tenants, own team) are the policies'. */
export function ReadableBy(...roles: Role[]): PropertyDecorator & MethodDecorator {
  if (roles.length === 0) throw new Error("ReadableBy needs at least one role; use NeverReadable for none.");
  const scopes = roles.map((role) => `["${scopeOf(role)}"]`).join(", ");
  const directive = Directive(`@requiresScopes(scopes: [${scopes}])`);
  const authorized = Authorized(...roles);
  return ((target: object, key: string | symbol, descriptor?: PropertyDescriptor) => {
    directive(target, key as string, descriptor as never);
    authorized(target, key as string, descriptor as never);
  }) as PropertyDecorator & MethodDecorator;
}

/** Refuses a field with FORBIDDEN when the caller's role is not among those the field names. */
export const roleAuthChecker: AuthChecker<{ identity: { role: Role } }, Role> = ({ context, info }, roles) => {
  if (roles.includes(context.identity.role)) return true;
  throw new GraphQLError(`Your role (${context.identity.role}) may not read ${info.parentType.name}.${info.fieldName}.`, {
    extensions: { code: "FORBIDDEN" },
  });
};

/** Cells of an aggregate counting fewer households than this are suppressed (AVG: no one is identifiable). */
export const SUPPRESSION_THRESHOLD = 5;

/** A count as published: null (and suppressed) when it counts fewer than SUPPRESSION_THRESHOLD households. */
export function suppressSmall(count: number): { count: number | null; suppressed: boolean } {
  return count < SUPPRESSION_THRESHOLD && count > 0 ? { count: null, suppressed: true } : { count, suppressed: false };
}
