import { forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";

/**
 * Who may read cases for the DDAS-Vroegsignalering export: the municipality's SDV and the
 * coordinator, through the sdv subgraph, which checks that the municipality is the caller's own and
 * asks on their behalf while it builds the delivery to CBS. The
 * CasePolicy shows the coordinator no case row; this is the one exception, narrow by design: only the
 * facts DDAS reports (signals, end result, day taken up, contact attempts), never the tenant, team,
 * notes or feedback, and only through a query hidden from the public graph.
 */
export class DdasCasePolicy {
  constructor(private readonly identity: Identity) {}

  assertMayExport(): void {
    if (this.identity.role !== "COORDINATOR" && this.identity.role !== "SDV") {
      throw forbidden(`Your role (${this.identity.role}) may not read cases for the DDAS export; only the municipality's SDV and the coordinator deliver it.`);
    }
  }
}
