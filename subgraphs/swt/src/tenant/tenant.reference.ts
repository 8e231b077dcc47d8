/** swt holds nothing of a tenant but its id; the fields it adds resolve from that. */
export const tenantReference = {
  Tenant: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
