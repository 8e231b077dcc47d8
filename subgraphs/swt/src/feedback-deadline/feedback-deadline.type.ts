import { CALENDAR_RANGE } from "../../../shared/src/covenant/working-days.js";
import { ArgsType, Field, registerEnumType } from "type-graphql";
import { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { DateScalar } from "../../../shared/src/scalars.js";

/**
 * Where a case stands with its feedback to the corporation (Art. 5.4), measured against its due day
 * and today in the Netherlands:
 *  AWAITED   not given yet, and the due day has not passed;
 *  OVERDUE   not given yet, and the due day has passed;
 *  ON_TIME   given on or before the due day;
 *  LATE      given after the due day.
 */
export enum FeedbackState {
  AWAITED = "AWAITED",
  OVERDUE = "OVERDUE",
  ON_TIME = "ON_TIME",
  LATE = "LATE",
}
registerEnumType(FeedbackState, {
  name: "FeedbackState",
  description: "Where a case stands with its feedback to the corporation (Art. 5.4), against its due day and today in the Netherlands.",
  valuesConfig: {
    AWAITED: { description: "Not given yet; the due day has not passed." },
    OVERDUE: { description: "Not given yet; the due day has passed." },
    ON_TIME: { description: "Given on or before the due day." },
    LATE: { description: "Given after the due day." },
  },
});

@ArgsType()
export class FeedbackDueDateArgs {
  @Field(() => DateScalar, {
    description: `The day the signal was forwarded to the team (doorgezet). The working-day calendar answers for ${CALENDAR_RANGE.from} to ${CALENDAR_RANGE.to} (the years whose decree days are recorded); a term that ends outside it is refused with BAD_USER_INPUT.`,
  })
  forwardedOn: string;

  @Field(() => Phase, { description: "The collection phase of the signal as delivered." })
  phase: Phase;
}
