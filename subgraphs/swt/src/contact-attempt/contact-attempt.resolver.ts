import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { ContactAttempt, RecordContactAttemptArgs } from "./contact-attempt.type.js";

@Resolver(() => ContactAttempt)
export class ContactAttemptResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => ContactAttempt, {
    description:
      "Records a try to reach the household of a case you hold. One attempt per kind, day and part of the day: sending it again answers the attempt recorded (CONTACT_ATTEMPT_ALREADY_RECORDED when it says otherwise whether the household was reached).",
  })
  async recordContactAttempt(@Args() args: RecordContactAttemptArgs, @Ctx() ctx: SwtContext) {
    const attempt = await ctx.services.contactAttempts.record(args.caseId, args.attempt);
    ctx.loaders.contactAttempts.clear(attempt.caseId);
    return attempt;
  }
}
