import { registerEnumType } from "type-graphql";

/**
 * Collection phase of rent arrears (Art. 5.2): betalingsachterstand, incasso, deurwaarder. The
 * corporations subgraph states a tenant's current phase, sdv the phase as delivered; both publish
 * this one definition, so the two always compose.
 */
export enum Phase {
  ARREARS = "ARREARS",
  COLLECTION = "COLLECTION",
  BAILIFF = "BAILIFF",
}
registerEnumType(Phase, {
  name: "Phase",
  description: "Collection phase of rent arrears (Art. 5.2).",
  valuesConfig: {
    ARREARS: { description: "Payment arrears (betalingsachterstand), before collection." },
    COLLECTION: { description: "With the collection agency (incasso)." },
    BAILIFF: { description: "With the bailiff (deurwaarder)." },
  },
});
