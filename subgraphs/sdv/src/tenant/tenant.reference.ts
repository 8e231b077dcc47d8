/**
 * sdv holds no tenant rows, only the id other subgraphs send; what it adds (Tenant.signals) applies
 * the signal policy itself, so the reference needs no lookup.
 */
export const tenantReference = {
  Tenant: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
