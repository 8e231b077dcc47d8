import { isCorporationId } from "../../../shared/src/covenant/organisations.js";
import { forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";

/**
 * The corporation a batch is submitted for. Only a corporation submits signals, and only its own; a
 * token may name several corporations (a shared service desk), and then the input must say which.
 */
export function corporationForSubmission(identity: Identity, requested: string | null | undefined): string {
  if (identity.role !== "CORPORATION") throw forbidden(`Only a corporation can submit signals; your role is ${identity.role}.`);
  const own = identity.orgs.filter(isCorporationId);
  if (requested) {
    if (!own.includes(requested as never)) {
      throw forbidden(`You act for ${own.join(", ") || "no corporation"}; you cannot submit signals for corporation "${requested}".`);
    }
    return requested;
  }
  if (own.length !== 1) throw forbidden("Your token names several corporations (or none): set corporationId to the one you submit for.");
  return own[0]!;
}
