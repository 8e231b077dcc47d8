import { forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";

/**
 * Who may make the DDAS-Vroegsignalering export: the covenant's coordinator alone, who delivers the
 * municipalities' figures to CBS. The export is the one answer that identifies households to the
 * coordinator (postcode and house number, as the national standard requires), so it reads sdv's
 * signals past the SignalPolicy, which shows the coordinator counts only: of one municipality, one
 * period, and only inside this export. Every other role is refused, also where the field rule
 * (`ReadableBy`) would already have refused it.
 */
export class DdasExportPolicy {
  constructor(private readonly identity: Identity) {}

  assertMayExport(): void {
    if (this.identity.role !== "COORDINATOR") {
      throw forbidden(`Your role (${this.identity.role}) may not make the DDAS export; only the coordinator delivers it.`);
    }
  }
}
