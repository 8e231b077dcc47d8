import { registerEnumType } from "type-graphql";

/** Collection phase of the arrears, shared with the corporations subgraph (Art. 5.2). */
export { Phase } from "../../../shared/src/covenant/phase.enum.js";

export enum SignalChannel {
  VPS = "VPS",
  EMAIL = "EMAIL",
}
registerEnumType(SignalChannel, {
  name: "SignalChannel",
  description: "How a signal reached sdv (Art. 5.1).",
  valuesConfig: {
    VPS: { description: "Through Vindplaats van Schulden, BKR's portal: mandatory, the only channel from 2021-07-01." },
    EMAIL: { description: "By e-mail: the older PHU signals, allowed only in covenant phase I (2021-04-01 to 2021-06-30)." },
  },
});

export enum SignalStatus {
  RECEIVED = "RECEIVED",
  FORWARDED = "FORWARDED",
  WITHDRAWN = "WITHDRAWN",
  CLOSED = "CLOSED",
}
registerEnumType(SignalStatus, {
  name: "SignalStatus",
  description: "Where a signal stands in sdv.",
  valuesConfig: {
    RECEIVED: { description: "Received and accepted by sdv; not yet forwarded." },
    FORWARDED: { description: "Forwarded to an SWT team or the budget coach; the feedback term runs." },
    WITHDRAWN: {
      description: "Withdrawn because the tenant objected to the data exchange (Art. 3.4); the municipality's copies are to be erased.",
    },
    CLOSED: { description: "Needs no further action: handled, or led to no case; the retention period runs." },
  },
});
