import { normalisePostcode, teamForPostcode } from "../../../shared/src/covenant/organisations.js";
import { badInput } from "../../../shared/src/errors.js";

/** The key the SWT knows a household by: its address, normalised so that one home has one key. */
export interface HouseholdAddress {
  /** "2033 AB" */
  postcode: string;
  /** 1..99999 */
  houseNumber: number;
  /** House letter and addition, upper case, without separators; "" when none. */
  houseNumberAddition: string;
}

export const MAX_HOUSE_NUMBER = 99_999;
const ADDITION = /^[A-Z0-9]{0,6}$/;

/** An addition as typed ("a", " -2", "bis") in its one form: upper case, separators dropped. */
function normaliseAddition(value: string | null | undefined): string | undefined {
  const addition = (value ?? "").replace(/[\s\-/]+/g, "").toUpperCase();
  return ADDITION.test(addition) ? addition : undefined;
}

/**
 * An address as the SWT worker typed it, checked and normalised; every refusal names the field to
 * fix. `field` is the input's path ("address").
 */
export function householdAddressOf(input: { postcode: string; houseNumber: number; addition?: string | null }, field: string): HouseholdAddress {
  const postcode = normalisePostcode(input.postcode);
  if (!postcode) {
    throw badInput(`${field}.postcode "${input.postcode}" is no Dutch postcode; write four digits and two letters, e.g. "2033 AB".`, { field: `${field}.postcode` });
  }
  if (!Number.isInteger(input.houseNumber) || input.houseNumber < 1 || input.houseNumber > MAX_HOUSE_NUMBER) {
    throw badInput(
      `${field}.houseNumber ${input.houseNumber} is no house number; give a whole number from 1 to ${MAX_HOUSE_NUMBER}, and a letter or addition in ${field}.addition.`,
      {
        field: `${field}.houseNumber`,
      },
    );
  }
  const addition = normaliseAddition(input.addition);
  if (addition === undefined) {
    throw badInput(`${field}.addition "${input.addition}" is no house letter or addition; use at most 6 letters and digits, e.g. "A" or "2".`, { field: `${field}.addition` });
  }
  return { postcode, houseNumber: input.houseNumber, houseNumberAddition: addition };
}

/**
 * The address of a tenant as a corporation registered it ("12", "12a", "12-2", "12 A"), in the SWT's
 * key, or null when it cannot be read as one (then only the tenant link can find the household).
 */
export function householdAddressOfRegistered(postcode: string, houseNumber: string): HouseholdAddress | null {
  const normalised = normalisePostcode(postcode);
  const match = /^\s*(\d{1,5})\s*(.*)$/.exec(houseNumber);
  if (!normalised || !match) return null;
  const number = Number(match[1]);
  const addition = normaliseAddition(match[2]);
  if (number < 1 || addition === undefined) return null;
  return { postcode: normalised, houseNumber: number, houseNumberAddition: addition };
}

/** The covenant municipality an address lies in, by the teams' postcode areas; undefined outside them. */
export function municipalityOfAddress(address: HouseholdAddress): string | undefined {
  return teamForPostcode(address.postcode)?.municipalityCode;
}

export function addressKey(address: HouseholdAddress): string {
  return `${address.postcode}|${address.houseNumber}|${address.houseNumberAddition}`;
}
