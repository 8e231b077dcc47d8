import type { SwtContext } from "../context.js";

export const teamReference = {
  Team: {
    __resolveReference: (ref: { id: string }, ctx: SwtContext) => ctx.loaders.team.load(ref.id),
  },
};
