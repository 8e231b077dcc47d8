import type { Identity } from "../../../shared/src/identity.js";
import { forbidden } from "../../../shared/src/errors.js";

/**
 * Who may erase swt data after an objection (bezwaar, Art. 3.4): only a corporation, and only the
 * cases whose feedback goes to it (case.corporationId among its organisations), the signals it sent.
 * A case of another corporation, or one that names no corporation, is never the caller's to erase.
 * The corporations subgraph asks this on the corporation's behalf, right after the objection is
 * recorded; no other role has an objection to act on.
 */
export class ErasurePolicy {
  constructor(private readonly identity: Identity) {}

  /** The corporations whose cases the caller may erase; every role but CORPORATION is refused. */
  corporationsErasableByCaller(): string[] {
    if (this.identity.role !== "CORPORATION") {
      throw forbidden("Only a corporation erases a household's cases, after its tenant objected (Art. 3.4).");
    }
    return [...this.identity.orgs];
  }
}
