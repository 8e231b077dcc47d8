import { Args, Ctx, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { CaseHandOver, HandOverCaseArgs } from "./case-handover.type.js";

@Resolver(() => CaseHandOver)
export class CaseHandOverResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => CaseHandOver, {
    description:
      "Hands a case of your team to another team of the case's municipality, or to the budget coach, with a reason (wrong neighbourhood, moved house). Your case closes as TRANSFERRED; its signals go to a case of the new team with a feedback term from today's forwarding day; contact attempts, notes and feedback stay with your case. Sending it again answers the hand-over made.",
  })
  async handOverCase(@Args() args: HandOverCaseArgs, @Ctx() ctx: SwtContext) {
    const result = await ctx.services.caseHandOver.handOver(args.caseId, args.toTeamId, args.reason);
    ctx.loaders.case.clear(result.handedOverCase.id).prime(result.handedOverCase.id, result.handedOverCase);
    return result;
  }
}
