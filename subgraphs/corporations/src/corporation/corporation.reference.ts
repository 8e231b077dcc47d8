import { findCorporation } from "./corporation.resolver.js";

export const corporationReference = {
  Corporation: {
    __resolveReference: (ref: { id: string }) => findCorporation(ref.id) ?? null,
  },
};
