import { badInput } from "../../shared/src/errors.js";
import { todayInNetherlands as today } from "../../shared/src/clock.js";

export { today };

/** A trimmed text that must not be empty; the refusal names the input field. */
export function requiredText(value: string | undefined | null, field: string, maxLength = 200): string {
  const trimmed = (value ?? "").trim();
  if (!trimmed) throw badInput(`${field} must not be empty.`, { field });
  if (trimmed.length > maxLength) throw badInput(`${field} is longer than ${maxLength} characters.`, { field });
  return trimmed;
}

/** A date that has already happened: facts are recorded after the event, never ahead of it. */
export function notInFuture(date: string, field: string): string {
  const now = today();
  if (date > now) throw badInput(`${field} ${date} lies in the future (today is ${now}); record it on or after the day it happened.`, { field });
  return date;
}

/** A CBS municipality code: four digits, e.g. 0392 for Haarlem. */
export function municipalityCode(value: string, field: string): string {
  const trimmed = value.trim();
  if (!/^\d{4}$/.test(trimmed)) {
    throw badInput(`${field} "${value}" must be a four-digit CBS code, e.g. 0392 for Haarlem or 0473 for Zandvoort.`, { field });
  }
  return trimmed;
}
