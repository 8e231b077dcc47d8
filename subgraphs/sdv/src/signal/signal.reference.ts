import type { SdvContext } from "../context.js";

/** A signal reached from another subgraph goes through the same loader, and so the same policy. */
export const signalReference = {
  Signal: {
    __resolveReference: (ref: { id: string }, ctx: SdvContext) => ctx.loaders.signal.load(ref.id),
  },
};
