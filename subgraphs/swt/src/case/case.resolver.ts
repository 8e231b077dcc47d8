import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { isFeedbackOverdue, wasFeedbackOnTime } from "../feedback-deadline/feedback-deadline.js";
import type { CaseEntity } from "./case.entity.js";
import { Case, CaseConnection, CasesArgs, CloseCaseArgs } from "./case.type.js";

@Resolver(() => Case)
export class CaseResolver {
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Query(() => CaseConnection, { description: "The cases you may see, newest opened first." })
  cases(@Args() args: CasesArgs, @Ctx() ctx: SwtContext) {
    return ctx.services.cases.list(args);
  }

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Query(() => Case, { nullable: true, description: "One case, or null when it does not exist or is not yours to see." })
  case(@Arg("id", () => ID) id: string, @Ctx() ctx: SwtContext) {
    return ctx.loaders.case.load(id);
  }

  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => Case, {
    description: "Takes an OPEN case into treatment (in behandeling genomen, Art. 5.5): it becomes IN_TREATMENT. Idempotent; a closed case is refused (CASE_CLOSED).",
  })
  async takeCaseIntoTreatment(@Arg("caseId", () => ID) caseId: string, @Ctx() ctx: SwtContext) {
    return primed(ctx, await ctx.services.casework.takeIntoTreatment(caseId));
  }

  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => Case, {
    description:
      "Closes a case with its DDAS outcome on closedOn (default: today in the Netherlands; not before the case opened, not in the future), and tells sdv so that the case's signals close too. Closing again with the same values answers the case; other values are refused (CASE_ALREADY_CLOSED).",
  })
  async closeCase(@Args() args: CloseCaseArgs, @Ctx() ctx: SwtContext) {
    return primed(ctx, await ctx.services.casework.close(args.caseId, args.outcome, args.closedOn));
  }

  @FieldResolver()
  async feedbackOverdue(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    const feedback = await ctx.loaders.feedback.load(kase.id);
    return isFeedbackOverdue({ feedbackDueOn: kase.feedbackDueOn, givenOn: feedback?.givenOn ?? null });
  }

  @FieldResolver()
  async feedbackOnTime(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    const feedback = await ctx.loaders.feedback.load(kase.id);
    return wasFeedbackOnTime({ feedbackDueOn: kase.feedbackDueOn, givenOn: feedback?.givenOn ?? null });
  }

  @FieldResolver()
  team(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.team.load(kase.teamId);
  }
}

/** A case a mutation changed replaces whatever this request's loader held of it. */
function primed(ctx: SwtContext, kase: CaseEntity): CaseEntity {
  ctx.loaders.case.clear(kase.id).prime(kase.id, kase);
  return kase;
}
