import { forbidden } from "../../../shared/src/errors.js";
import type { Identity } from "../../../shared/src/identity.js";
import { isCorporationId } from "../../../shared/src/covenant/organisations.js";

/**
 * The corporation a write is made for. Only a corporation writes into this subgraph, and only its
 * own data; a token may name several corporations (a shared service desk), and then the input must
 * say which one. `activity` completes "Only a corporation can ..." in the refusal.
 */
export function corporationForWrite(identity: Identity, requested: string | undefined | null, activity: string): string {
  if (identity.role !== "CORPORATION") {
    throw forbidden(`Only a corporation can ${activity}; your role is ${identity.role}.`);
  }
  const own = identity.orgs.filter(isCorporationId);
  if (requested) {
    if (!own.includes(requested as never)) {
      throw forbidden(`You act for ${own.join(", ") || "no corporation"}; you cannot write data of corporation "${requested}".`);
    }
    return requested;
  }
  if (own.length !== 1) {
    throw forbidden("Your token names several corporations (or none): set corporationId to the one you submit for.");
  }
  return own[0]!;
}
