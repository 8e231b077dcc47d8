import { forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";

/**
 * Who may read tenants' addresses for the DDAS-Vroegsignalering export: the municipality's SDV and
 * the coordinator, through the sdv subgraph, which checks that the municipality is the caller's own
 * and asks on their behalf while it builds the delivery to
 * CBS. The TenantPolicy shows the coordinator no tenant; this is the one exception the national
 * standard needs, and it is narrow: postcode, house number and the day the arrears began, never a
 * name, birth date, phone or e-mail, only through a query hidden from the public graph, and every
 * tenant answered about is written to the access log.
 */
export class DdasClientPolicy {
  constructor(private readonly identity: Identity) {}

  assertMayExport(): void {
    if (this.identity.role !== "COORDINATOR" && this.identity.role !== "SDV") {
      throw forbidden(`Your role (${this.identity.role}) may not read addresses for the DDAS export; only the municipality's SDV and the coordinator deliver it.`);
    }
  }
}
