import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CaseEntity } from "../case/case.entity.js";
import { Case } from "../case/case.type.js";
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

/** Case.contactAttempts is declared here, with the attempts, so that case/ does not depend on contact-attempt/. */
@Resolver(() => Case)
export class CaseContactAttemptsResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @FieldResolver(() => [ContactAttempt], { description: "The team's attempts to reach the household, oldest first." })
  contactAttempts(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.contactAttempts.load(kase.id);
  }
}
