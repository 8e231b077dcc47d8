import { Args, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import { dueDateOf } from "./feedback-deadline.js";
import { FeedbackDueDateArgs } from "./feedback-deadline.type.js";

@Resolver()
export class FeedbackDeadlineResolver {
  /** The covenant's calendar sum, open to every partner: it says nothing about anyone. */
  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH", "ANALYST", "COORDINATOR")
  @Query(() => DateScalar, {
    description:
      "The day feedback is due (Art. 5.4) on a signal forwarded on forwardedOn in the given phase: 5 working days in COLLECTION or BAILIFF, 10 in ARREARS, the day of forwarding not counted; weekends, public holidays and decree days are no working days.",
  })
  feedbackDueDate(@Args() args: FeedbackDueDateArgs): string {
    return dueDateOf(args.forwardedOn, args.phase);
  }
}
