import { createRequire } from "node:module";

/** pg's own parser (postgres-date), for every text the fast path below does not take. */
const parseAnyTimestamp = createRequire(import.meta.url)("postgres-date") as (text: string) => Date | number | null;

const ZERO = 48;

/** The number written by the digits of `text` from `start` to `end`; -1 when one is no digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - ZERO;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

/**
 * A `timestamptz` as PostgreSQL writes it in the ISO date style, `2026-12-01 09:30:00.123456+01`
 * (the fraction and the offset's minutes and seconds only when they are not zero), read without
 * regular expressions: list reads turn several of them into a Date per row, and pg's general parser
 * was a visible share of a subgraph's CPU. Years 1000 to 9999 only; any other text (BC, infinity,
 * another date style) goes to pg's parser, so the answer is always the same as pg's.
 */
export function parseTimestamptz(text: string): Date | number | null {
  const length = text.length;
  if (length < 22 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 32 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) {
    return parseAnyTimestamp(text);
  }
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 7);
  const day = digits(text, 8, 10);
  const hour = digits(text, 11, 13);
  const minute = digits(text, 14, 16);
  const second = digits(text, 17, 19);
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 24 || minute < 0 || minute > 59 || second < 0 || second > 60) {
    return parseAnyTimestamp(text);
  }
  let at = 19;
  let milliseconds = 0;
  if (text.charCodeAt(at) === 46) {
    // A fraction of 1 to 6 digits; pg keeps it to the millisecond with its fractions (a float).
    let end = at + 1;
    while (end < length && end - at <= 6) {
      const digit = text.charCodeAt(end) - ZERO;
      if (digit < 0 || digit > 9) break;
      end++;
    }
    if (end === at + 1) return parseAnyTimestamp(text);
    milliseconds = 1000 * parseFloat(text.slice(at, end));
    at = end;
  }
  const sign = text.charCodeAt(at);
  if (sign !== 43 && sign !== 45) return parseAnyTimestamp(text);
  // ±HH, ±HH:MM or ±HH:MM:SS, and nothing after.
  const rest = length - at - 1;
  if (rest !== 2 && rest !== 5 && rest !== 8) return parseAnyTimestamp(text);
  const offsetHours = digits(text, at + 1, at + 3);
  const offsetMinutes = rest >= 5 && text.charCodeAt(at + 3) === 58 ? digits(text, at + 4, at + 6) : rest >= 5 ? -1 : 0;
  const offsetSeconds = rest === 8 && text.charCodeAt(at + 6) === 58 ? digits(text, at + 7, at + 9) : rest === 8 ? -1 : 0;
  if (offsetHours < 0 || offsetMinutes < 0 || offsetSeconds < 0) return parseAnyTimestamp(text);
  const offset = (sign === 45 ? -1 : 1) * ((offsetHours * 60 + offsetMinutes) * 60 + offsetSeconds) * 1000;
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, milliseconds) - offset);
}
