import { GraphQLError } from "graphql";

/**
 * A refusal an integrator can act on: a stable `extensions.code` and a message that says what to fix.
 * Infrastructure failures are never thrown as this type.
 */
export function userError(code: string, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } });
}

export function badInput(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return userError("BAD_USER_INPUT", message, details);
}

export function forbidden(message: string): GraphQLError {
  return userError("FORBIDDEN", message);
}
