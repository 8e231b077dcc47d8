import { CalendarNotCoveredError, feedbackDueOn } from "../../../shared/src/covenant/working-days.js";
import type { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { badInput } from "../../../shared/src/errors.js";
import { todayInNetherlands } from "../../../shared/src/clock.js";

/**
 * The day feedback (terugkoppeling) on a signal forwarded on `forwardedOn` in `phase` is due (Art.
 * 5.4): 5 working days in collection or with the bailiff, 10 otherwise. A day outside the working-day
 * calendar is the caller's to fix (or the calendar's to extend), so it comes back as BAD_USER_INPUT
 * with the calendar's own message, naming `field`.
 */
export function dueDateOf(forwardedOn: string, phase: Phase, field = "forwardedOn"): string {
  try {
    return feedbackDueOn(forwardedOn, phase);
  } catch (error) {
    if (error instanceof CalendarNotCoveredError) throw badInput(error.message, { field });
    throw error;
  }
}

/** Where a case stands with its feedback: the facts the Case fields and the list filter share. */
export interface FeedbackDeadlineFacts {
  feedbackDueOn: string;
  /** The day the feedback was given; null while none was. */
  givenOn: string | null;
}

/** No feedback yet and the due day has passed (today in the Netherlands lies after it). */
export function isFeedbackOverdue(facts: FeedbackDeadlineFacts, today: string = todayInNetherlands()): boolean {
  return facts.givenOn === null && today > facts.feedbackDueOn;
}

/** Null until feedback is given; then whether it was given on or before the due day. */
export function wasFeedbackOnTime(facts: FeedbackDeadlineFacts): boolean | null {
  return facts.givenOn === null ? null : facts.givenOn <= facts.feedbackDueOn;
}
