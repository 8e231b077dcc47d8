import type { CorporationsContext } from "../context.js";

/** A tenant reached from another subgraph goes through the same loader, and so the same policy. */
export const tenantReference = {
  Tenant: {
    __resolveReference: (ref: { id: string }, ctx: CorporationsContext) => ctx.loaders.tenant.load(ref.id),
  },
};
