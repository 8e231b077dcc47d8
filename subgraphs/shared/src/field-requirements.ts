import { Kind, parse, type ConstDirectiveNode, type ConstValueNode, type DocumentNode } from "graphql";

/**
 * What a field (or a whole type) requires, read from the supergraph's federation authorization
 * directives: `@authenticated`, `@requiresScopes(scopes: [[...]])`, `@policy(policies: [[...]])`.
 * The outer lists are alternatives (OR), the inner ones all required (AND).
 */
export interface Requirement {
  authenticated: boolean;
  scopes: string[][];
  policies: string[][];
}

export type Requirements = Map<string, Requirement>;

function stringMatrix(value: ConstValueNode | undefined): string[][] {
  if (!value || value.kind !== Kind.LIST) return [];
  return value.values.map((inner) =>
    inner.kind === Kind.LIST ? inner.values.flatMap((v) => (v.kind === Kind.STRING ? [v.value] : [])) : inner.kind === Kind.STRING ? [inner.value] : [],
  );
}

function requirementOf(directives: readonly ConstDirectiveNode[] | undefined): Requirement | undefined {
  let requirement: Requirement | undefined;
  for (const directive of directives ?? []) {
    const name = directive.name.value;
    if (name !== "authenticated" && name !== "requiresScopes" && name !== "policy") continue;
    requirement ??= { authenticated: false, scopes: [], policies: [] };
    if (name === "authenticated") requirement.authenticated = true;
    const argument = directive.arguments?.[0]?.value;
    if (name === "requiresScopes") requirement.scopes.push(...stringMatrix(argument));
    if (name === "policy") requirement.policies.push(...stringMatrix(argument));
  }
  return requirement;
}

/**
 * Reads every requirement of the supergraph once, keyed "Type.field" for fields and "Type" for
 * types. Directives from several subgraphs on one field are all kept (each must hold).
 */
export function readRequirements(supergraphSdl: string | DocumentNode): Requirements {
  const document = typeof supergraphSdl === "string" ? parse(supergraphSdl) : supergraphSdl;
  const requirements: Requirements = new Map();
  const add = (key: string, requirement: Requirement | undefined) => {
    if (!requirement) return;
    const existing = requirements.get(key);
    if (!existing) return void requirements.set(key, requirement);
    existing.authenticated ||= requirement.authenticated;
    // Both must hold: every alternative of one combined with every alternative of the other.
    existing.scopes = combine(existing.scopes, requirement.scopes);
    existing.policies = combine(existing.policies, requirement.policies);
  };
  for (const definition of document.definitions) {
    switch (definition.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        add(definition.name.value, requirementOf(definition.directives));
        for (const field of definition.fields ?? []) add(`${definition.name.value}.${field.name.value}`, requirementOf(field.directives));
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_DEFINITION:
        add(definition.name.value, requirementOf(definition.directives));
        break;
      default:
        break;
    }
  }
  return requirements;
}

function combine(a: string[][], b: string[][]): string[][] {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  return a.flatMap((left) => b.map((right) => [...new Set([...left, ...right])]));
}

/** Whether a caller with these scopes, for whom these policies hold, meets a requirement. */
export function satisfies(requirement: Requirement, caller: { authenticated: boolean; scopes: ReadonlySet<string>; policy: (name: string) => boolean }): boolean {
  if (requirement.authenticated && !caller.authenticated) return false;
  if (requirement.scopes.length > 0 && !requirement.scopes.some((all) => all.every((scope) => caller.scopes.has(scope)))) return false;
  if (requirement.policies.length > 0 && !requirement.policies.some((all) => all.every((name) => caller.policy(name)))) return false;
  return true;
}
