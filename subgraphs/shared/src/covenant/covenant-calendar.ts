/**
 * The covenant's own calendar (Art. 6.1-6.3): its term, its tacit renewal, the last day on which a
 * party can still give notice, the two evaluation moments of a covenant year, and its phases.
 * What the covenant agrees is data (`COVENANT`); the functions below only read it, so that a change
 * of the agreement is a change of that object, not of the arithmetic.
 */

export type CovenantPhaseCode = "I" | "II";

export interface CovenantPhaseData {
  code: CovenantPhaseCode;
  /** The first day of the phase. */
  startsOn: string;
  /** The last day of the phase; null for a phase without an end. */
  endsOn: string | null;
  description: string;
}

/** From where an evaluation moment is counted, in whole months (negative: before). */
export type EvaluationAnchor = "TERM_START" | "LAST_DAY_FOR_NOTICE";
export type EvaluationKind = "MID_TERM" | "BEFORE_NOTICE_DEADLINE";

export interface CovenantData {
  /** The first day of the covenant. */
  startsOn: string;
  /** The length of the first term, in months. */
  initialTermMonths: number;
  /** The length of each tacit renewal (stilzwijgende verlenging), in months. */
  renewalTermMonths: number;
  /** Written notice (opzegging) must be given this many months before a renewal. */
  noticeMonths: number;
  evaluations: readonly { kind: EvaluationKind; anchor: EvaluationAnchor; months: number; description: string }[];
  phases: readonly CovenantPhaseData[];
}

/**
 * The covenant as agreed: one year from 2021-04-01, renewed tacitly by a year at a time unless a
 * party gives written notice three months before the renewal (Art. 6.1), in two phases (Art. 5.1,
 * 6.2), with two evaluation moments a year (Art. 6.3).
 *
 * The covenant does not fix the evaluation moments. They are set at six months into the covenant
 * year, and one month before the last day for notice, so that the second evaluation can still
 * inform a decision to give notice.
 *
 * The text ends phase I "up to and including 1 July" and starts phase II "from 1 July"; one day
 * cannot be in both, and phase II wins on 1 July 2021.
 */
export const COVENANT: CovenantData = {
  startsOn: "2021-04-01",
  initialTermMonths: 12,
  renewalTermMonths: 12,
  noticeMonths: 3,
  evaluations: [
    { kind: "MID_TERM", anchor: "TERM_START", months: 6, description: "Halfway through the covenant year." },
    {
      kind: "BEFORE_NOTICE_DEADLINE",
      anchor: "LAST_DAY_FOR_NOTICE",
      months: -1,
      description: "A month before the last day for notice, so that the evaluation can inform a decision to give notice.",
    },
  ],
  phases: [
    {
      code: "I",
      startsOn: "2021-04-01",
      endsOn: "2021-06-30",
      description: "Implementation: signals through VPS (mandatory) and optionally the older PHU signals by e-mail; the threshold amount is chosen.",
    },
    { code: "II", startsOn: "2021-07-01", endsOn: null, description: "Regular operation: signals through VPS only." },
  ],
};

/** The covenant takes effect (Art. 6.1): no signal can be made, and no threshold applies, before it. */
export const COVENANT_START = COVENANT.startsOn;

export interface CovenantTermData {
  /** 1 for the first term, 2 for the first renewal, and so on. */
  number: number;
  startsOn: string;
  /** The term's last day; the next term starts the day after. */
  endsOn: string;
}

/** The covenant's calendar as it stands on one day. */
export interface CovenantCalendarDay {
  /** The day asked about. */
  on: string;
  startsOn: string;
  term: CovenantTermData;
  /** The day the covenant renews tacitly unless notice is given: the day after the current term. */
  nextRenewalOn: string;
  /** The last day on which written notice prevents the next renewal. */
  lastDayForNotice: string;
  /** Whether, on the day asked about, notice can still prevent the next renewal. */
  noticeStillPossible: boolean;
  /** The evaluation moments of the current covenant year, in the order of `COVENANT.evaluations`. */
  evaluations: { kind: EvaluationKind; on: string; description: string }[];
  /** The phase the covenant is in on that day. */
  phase: CovenantPhaseData;
  phases: readonly CovenantPhaseData[];
}

/** Raised for a day before the covenant started: it has no term, phase or renewal then. */
export class BeforeCovenantError extends RangeError {
  constructor(
    readonly on: string,
    readonly startsOn: string,
  ) {
    super(`${on} lies before the covenant started on ${startsOn}.`);
    this.name = "BeforeCovenantError";
  }
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function parts(date: string): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  if (!match || new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10) !== date) {
    throw new RangeError(`${JSON.stringify(date)} is not a calendar date written as YYYY-MM-DD.`);
  }
  return [year, month, day];
}

function format(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * The same day `months` months later (earlier when negative). A day the target month lacks becomes
 * that month's last day (31 May minus three months is 28 February, not 3 March), the usual reading
 * of a period in months: it never runs into the month after.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = parts(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  return format(targetYear, targetMonth, Math.min(day, lastDay));
}

function dayBefore(date: string): string {
  const [year, month, day] = parts(date);
  return new Date(Date.UTC(year, month - 1, day - 1)).toISOString().slice(0, 10);
}

/** The first day of term `number` (1-based); every boundary is counted from the start, so a month-end start never drifts. */
function termStart(covenant: CovenantData, number: number): string {
  if (number === 1) return covenant.startsOn;
  return addMonths(covenant.startsOn, covenant.initialTermMonths + (number - 2) * covenant.renewalTermMonths);
}

/**
 * The last day for notice before a renewal: the date `noticeMonths` months before it, that date
 * itself included. Notice given on that day still leaves the full three months until the renewal
 * (notice on 1 January, renewal on 1 April: January, February and March), so the covenant's
 * requirement is met; ending the period a day earlier would take a day from the party giving notice
 * that the text does not ask for, and in doubt the reading that keeps their right open longest
 * protects them. The day is not moved off a weekend or holiday: moving it later would shorten the
 * three months the other parties are owed, moving it earlier would again cut the notice-giver short.
 */
export function lastDayForNotice(renewalOn: string, covenant: CovenantData = COVENANT): string {
  return addMonths(renewalOn, -covenant.noticeMonths);
}

/** The most terms the calendar counts: more than there are months from 2021 to the end of 2099. */
const MAX_TERMS = 1_000;

/** The covenant's calendar on day `on` (YYYY-MM-DD); refuses a day before the covenant started. */
export function covenantCalendar(on: string, covenant: CovenantData = COVENANT): CovenantCalendarDay {
  parts(on);
  if (on < covenant.startsOn) throw new BeforeCovenantError(on, covenant.startsOn);

  // Terms are one year, so this runs once per year since the start; bounded all the same (a Date
  // ends in 2099, and a term is at least a month long).
  let number = 1;
  while (termStart(covenant, number + 1) <= on) {
    number += 1;
    if (number > MAX_TERMS) throw new RangeError(`${on} lies more than ${MAX_TERMS} terms after the covenant started.`);
  }
  const startsOn = termStart(covenant, number);
  const nextRenewalOn = termStart(covenant, number + 1);
  const noticeDeadline = lastDayForNotice(nextRenewalOn, covenant);

  const anchors: Record<EvaluationAnchor, string> = { TERM_START: startsOn, LAST_DAY_FOR_NOTICE: noticeDeadline };
  const evaluations = covenant.evaluations.map(({ kind, anchor, months, description }) => ({
    kind,
    on: addMonths(anchors[anchor], months),
    description,
  }));

  const phase = covenant.phases.find((p) => p.startsOn <= on && (p.endsOn === null || on <= p.endsOn));
  if (!phase) throw new RangeError(`The covenant's phases do not cover ${on}; every day from ${covenant.startsOn} must fall in one phase.`);

  return {
    on,
    startsOn: covenant.startsOn,
    term: { number, startsOn, endsOn: dayBefore(nextRenewalOn) },
    nextRenewalOn,
    lastDayForNotice: noticeDeadline,
    noticeStillPossible: on <= noticeDeadline,
    evaluations,
    phase,
    phases: covenant.phases,
  };
}
