import type { SwtContext } from "../context.js";

/** A case reached from another subgraph goes through the same loader, and so the same policy. */
export const caseReference = {
  Case: {
    __resolveReference: (ref: { id: string }, ctx: SwtContext) => ctx.loaders.case.load(ref.id),
  },
};
