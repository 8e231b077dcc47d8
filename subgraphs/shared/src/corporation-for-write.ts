import { isCorporationId } from "./covenant/organisations.js";
import { forbidden } from "./errors.js";
import type { Identity } from "./identity.js";

/**
 * The corporation a write is made for, the one rule for every subgraph a corporation writes into
 * (its tenant data and registers in corporations, its signals in sdv). Only a corporation writes,
 * and only its own data; a token may name several corporations (a shared service desk), and then
 * the input must say which one.
 *
 * @param activity completes "Only a corporation can ..." in the refusal ("submit signals").
 * @param forOther completes "you cannot ..." for a corporation the token does not name.
 */
export function corporationForWrite(
  identity: Identity,
  requested: string | undefined | null,
  activity: string,
  forOther: (corporationId: string) => string = (corporationId) => `write data of corporation "${corporationId}"`,
): string {
  if (identity.role !== "CORPORATION") {
    throw forbidden(`Only a corporation can ${activity}; your role is ${identity.role}.`);
  }
  const own = identity.orgs.filter(isCorporationId);
  if (requested) {
    if (!own.includes(requested as never)) {
      throw forbidden(`You act for ${own.join(", ") || "no corporation"}; you cannot ${forOther(requested)}.`);
    }
    return requested;
  }
  if (own.length !== 1) {
    throw forbidden("Your token names several corporations (or none): set corporationId to the one you submit for.");
  }
  return own[0]!;
}
