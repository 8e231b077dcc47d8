import { BeforeCovenantError, COVENANT, covenantCalendar } from "../../../shared/src/covenant/covenant-calendar.js";
import { badInput } from "../../../shared/src/errors.js";
import { today } from "../validation.js";
import type { CovenantCalendar, CovenantEvaluationKind, CovenantPhaseCode } from "./covenant.type.js";

/**
 * How far after its start the calendar may be asked about. The terms are counted one year at a
 * time, so a day in the year 9999 would cost thousands of steps, and a term ending past 9999 cannot
 * be written as a date at all: a century is far more than any tacit renewal will run.
 */
export const HORIZON_YEARS = 100;

/** The covenant's calendar (Art. 6.1-6.3); the agreement itself is data in the shared covenant module. */
export class CovenantService {
  /** The calendar on `on`, or today in the Netherlands. */
  calendar(on?: string | null): CovenantCalendar {
    const day = on ?? today();
    const horizon = `${Number(COVENANT.startsOn.slice(0, 4)) + HORIZON_YEARS}-01-01`;
    if (day >= horizon) {
      throw badInput(`on ${day} lies too far ahead; ask for a day before ${horizon}, ${HORIZON_YEARS} years after the covenant's start.`, { argument: "on" });
    }
    let calendar: ReturnType<typeof covenantCalendar>;
    try {
      calendar = covenantCalendar(day);
    } catch (error) {
      if (error instanceof BeforeCovenantError) {
        throw badInput(`on ${day} lies before the covenant started on ${error.startsOn}; ask for a day on or after it.`, { field: "on" });
      }
      throw error;
    }
    const phase = (p: (typeof calendar.phases)[number]) => ({ ...p, code: p.code as CovenantPhaseCode });
    return {
      asOf: calendar.on,
      startsOn: calendar.startsOn,
      currentTerm: calendar.term,
      nextRenewalOn: calendar.nextRenewalOn,
      lastDayForNotice: calendar.lastDayForNotice,
      noticeStillPossible: calendar.noticeStillPossible,
      evaluations: calendar.evaluations.map((e) => ({ ...e, kind: e.kind as CovenantEvaluationKind })).sort((a, b) => a.on.localeCompare(b.on)),
      phase: phase(calendar.phase),
      phases: calendar.phases.map(phase),
    };
  }
}
