import { BeforeCovenantError, covenantCalendar } from "../../../shared/src/covenant/covenant-calendar.js";
import { badInput } from "../../../shared/src/errors.js";
import { today } from "../validation.js";
import type { CovenantCalendar, CovenantEvaluationKind, CovenantPhaseCode } from "./covenant.type.js";

/** The covenant's calendar (Art. 6.1-6.3); the agreement itself is data in the shared covenant module. */
export class CovenantService {
  /** The calendar on `on`, or today in the Netherlands. */
  calendar(on?: string | null): CovenantCalendar {
    const day = on ?? today();
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
      evaluations: calendar.evaluations
        .map((e) => ({ ...e, kind: e.kind as CovenantEvaluationKind }))
        .sort((a, b) => a.on.localeCompare(b.on)),
      phase: phase(calendar.phase),
      phases: calendar.phases.map(phase),
    };
  }
}
