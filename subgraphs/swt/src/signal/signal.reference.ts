/** swt holds nothing of a signal but its id; the fields it adds resolve from that. */
export const signalReference = {
  Signal: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
  },
};
