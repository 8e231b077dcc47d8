import { MUNICIPALITIES } from "../../../shared/src/covenant/organisations.js";
import { forbidden } from "../../../shared/src/errors.js";
import type { Identity, Role } from "../../../shared/src/identity.js";

/** Who reads the covenant's monitoring (Art. 5.3, 6.3, 6.4): analysts, the coordinator and the SDV. */
export const MONITORING_READERS: Role[] = ["ANALYST", "COORDINATOR", "SDV"];

/**
 * Whose monitoring a caller reads: analysts and the coordinator every municipality of the covenant,
 * an SDV the municipalities it serves. Partners that work with rows (corporations, SWT, the budget
 * coach) read none: the root query refuses them, and a monitoring month reached by reference is absent.
 */
export class MonitoringPolicy {
  constructor(private readonly identity: Identity) {}

  /** The covenant's municipalities whose monitoring the caller reads; FORBIDDEN for other roles. */
  municipalities(): string[] {
    const { role } = this.identity;
    if (!MONITORING_READERS.includes(role)) throw forbidden(`Your role (${role}) gets no monitoring; it is for analysts, the coordinator and the SDV.`);
    return MUNICIPALITIES.map((municipality) => municipality.code).filter((code) => this.mayRead(code));
  }

  mayRead(municipalityCode: string): boolean {
    const { role, orgs } = this.identity;
    if (role === "ANALYST" || role === "COORDINATOR") return true;
    return role === "SDV" && orgs.includes(municipalityCode);
  }
}
