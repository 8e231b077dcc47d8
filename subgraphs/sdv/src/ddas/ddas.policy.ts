import { userError } from "../../../shared/src/errors.js";
import type { Identity, Role } from "../../../shared/src/identity.js";

/** The roles that deliver a municipality's DDAS export to CBS (DDAS v1.2). */
export const DDAS_EXPORTERS: Role[] = ["COORDINATOR", "SDV"];

/**
 * Who may make the DDAS-Vroegsignalering export of a municipality: the municipality's debt service
 * (SDV), whose task the delivery to CBS is, and the covenant's coordinator, who delivers it for the
 * municipalities; each only for a municipality among its own organisations (Haarlem's SDV also
 * serves Zandvoort). The export is the one answer that identifies households to the coordinator
 * (postcode and house number, as the national standard requires), so it reads sdv's signals past
 * the SignalPolicy, which shows the coordinator counts only: of one municipality, one period, and
 * only inside this export. Every other role is refused, also where the field rule (`ReadableBy`)
 * would already have refused it.
 */
export class DdasExportPolicy {
  constructor(private readonly identity: Identity) {}

  assertMayExport(municipalityCode: string): void {
    if (!DDAS_EXPORTERS.includes(this.identity.role)) {
      throw userError("FORBIDDEN", `Your role (${this.identity.role}) may not make the DDAS export; the municipality's SDV and the coordinator deliver it.`);
    }
    if (!this.identity.orgs.includes(municipalityCode)) {
      throw userError("FORBIDDEN", `You may make the DDAS export only of your own municipalities (${this.identity.orgs.join(", ") || "none"}), not of ${municipalityCode}.`, {
        argument: "municipalityCode",
      });
    }
  }
}
