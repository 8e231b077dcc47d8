import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CaseEntity } from "../case/case.entity.js";
import { Case } from "../case/case.type.js";
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

/** Case.feedback is declared here, with the feedback, so that case/ does not depend on feedback/. */
@Resolver(() => Case)
export class CaseFeedbackResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @FieldResolver(() => Feedback, { nullable: true, description: "The feedback to the corporation (Art. 5.5), once given." })
  feedback(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.feedback.load(kase.id);
  }
}
