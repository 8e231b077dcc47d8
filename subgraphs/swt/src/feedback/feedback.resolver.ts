import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { Feedback, GiveFeedbackArgs } from "./feedback.type.js";

@Resolver(() => Feedback)
export class FeedbackResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => Feedback, {
    description:
      "Gives the feedback to the corporation on a case you hold (terugkoppeling, Art. 5.5), once: sending the same feedback again answers it; different feedback is refused (FEEDBACK_ALREADY_GIVEN), since feedback is final once given: correct a mistake with correctFeedback, add later news with addFeedbackUpdate.",
  })
  async giveFeedback(@Args() args: GiveFeedbackArgs, @Ctx() ctx: SwtContext) {
    const feedback = await ctx.services.feedback.give(args.caseId, args.feedback);
    ctx.loaders.feedback.clear(feedback.caseId).prime(feedback.caseId, feedback);
    ctx.loaders.case.clear(feedback.caseId);
    ctx.loaders.feedbackOfTenant.clearAll();
    return feedback;
  }
}
