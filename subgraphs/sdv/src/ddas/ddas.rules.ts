import { isCovenantMunicipality, MUNICIPALITIES } from "../../../shared/src/covenant/organisations.js";
import { badInput } from "../../../shared/src/errors.js";

/** What an export is asked for: one municipality and a period of signal dates, both ends included. */
export interface DdasExportRequest {
  municipalityCode: string;
  from: string;
  to: string;
}

/**
 * The most signals one export may hold (those of the period and those their cases hold). The peers
 * are asked about all of them in one call each; a year of the covenant stays far below this.
 */
export const MAX_EXPORTED_SIGNALS = 100_000;

/** The last day of a period of at most one year that starts on `from` (2026-01-01 → 2026-12-31). */
export function lastDayOfYearFrom(from: string): string {
  const [year, month, day] = from.split("-").map(Number) as [number, number, number];
  // The same calendar day a year later, minus one day; from 29 February that is 28 February.
  const next = new Date(Date.UTC(year + 1, month - 1, day));
  if (next.getUTCDate() !== day) next.setUTCDate(0);
  else next.setUTCDate(next.getUTCDate() - 1);
  return next.toISOString().slice(0, 10);
}

/** Refuses a request that cannot make a delivery: an unknown municipality, a reversed or over-long period. */
export function checkExportRequest({ municipalityCode, from, to }: DdasExportRequest): void {
  if (!isCovenantMunicipality(municipalityCode)) {
    const known = MUNICIPALITIES.map((m) => `${m.code} (${m.name})`).join(" or ");
    throw badInput(`municipalityCode "${municipalityCode}" is not a municipality of the covenant; use the CBS code ${known}.`, {
      field: "municipalityCode",
    });
  }
  if (from > to) {
    throw badInput(`from (${from}) lies after to (${to}); the period runs from its first to its last day, so swap them.`, { field: "from" });
  }
  const last = lastDayOfYearFrom(from);
  if (to > last) {
    throw badInput(`The period ${from} to ${to} is longer than a year; export at most one year at a time (from ${from}, to ${last} at the latest).`, {
      field: "to",
    });
  }
}
