import type { Identity, Role } from "../../../shared/src/identity.js";

/** Who reads the covenant's monitoring (Art. 5.3, 6.3, 6.4): analysts, the coordinator and the SDV. */
export const MONITORING_READERS: Role[] = ["ANALYST", "COORDINATOR", "SDV"];

/**
 * Whose monitoring a caller reads: analysts and the coordinator every municipality of the covenant,
 * an SDV the municipalities it serves. Everyone else reads none: the monitoring months that reach
 * them by reference come back without counts.
 */
export class MonitoringPolicy {
  constructor(private readonly identity: Identity) {}

  mayRead(municipalityCode: string): boolean {
    const { role, orgs } = this.identity;
    if (role === "ANALYST" || role === "COORDINATOR") return true;
    return role === "SDV" && orgs.includes(municipalityCode);
  }
}
