import { normalisePostcode } from "../../../shared/src/covenant/organisations.js";

/** An address as DDAS identifies a client without BSN: postcode, house number and any addition. */
export interface DdasAddress {
  /** Four digits and two capitals without a space, e.g. 2033AB. */
  postcode: string;
  /** The house number's digits (huisnummer). */
  houseNumber: string;
  /** Letter and/or addition after the number (huisnummertoevoeging), e.g. "A" of 12A or "2" of 40-2; null when none. */
  houseNumberAddition: string | null;
}

/**
 * The postcode as DDAS writes it. Addresses keep it normalised as "2033 AB"; an address registered
 * before that normalisation is cleaned the same way (spaces out, letters in capitals).
 */
export function ddasPostcode(postcode: string): string {
  return (normalisePostcode(postcode) ?? postcode).replace(/\s+/g, "").toUpperCase();
}

/**
 * Splits a house number as corporations register it ("12", "12A", "40-2", "7 bis") into the number and
 * the addition DDAS asks for apart. DDAS has no separate house letter, so the letter goes into the
 * addition with whatever follows it; a separator between number and addition is dropped. A house
 * number that does not start with digits is passed on whole, without an addition.
 */
export function ddasHouseNumber(houseNumber: string): Pick<DdasAddress, "houseNumber" | "houseNumberAddition"> {
  const trimmed = houseNumber.trim();
  const match = /^(\d+)\s*[-/\s]?\s*(.*)$/.exec(trimmed);
  if (!match) return { houseNumber: trimmed, houseNumberAddition: null };
  const addition = match[2]!.trim();
  return { houseNumber: match[1]!, houseNumberAddition: addition === "" ? null : addition };
}

export function ddasAddress(address: { postcode: string; houseNumber: string }): DdasAddress {
  return { postcode: ddasPostcode(address.postcode), ...ddasHouseNumber(address.houseNumber) };
}
