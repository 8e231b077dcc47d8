import { Args, Ctx, Directive, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { openCasesForReferrals } from "../../../shared/src/contracts/swt.js";
import { OpenCasesForReferralsArgs, OpenedCase } from "../case/case-opening.type.js";

@Resolver(() => OpenedCase)
export class CaseOpeningResolver {
  /**
   * For the sdv subgraph, which calls it after it forwarded signals: on behalf of the corporation
   * whose intake forwarded them, or of the SDV worker who re-forwarded them. Hidden from the public
   * graph. Idempotent by signal.
   */
  @Directive("@inaccessible")
  @ReadableBy("CORPORATION", "SDV", "COORDINATOR")
  @Mutation(() => [OpenedCase], {
    description:
      "Puts forwarded signals into cases: a signal already in a case answers it; a household with a case that is not closed gets the signal in that case; otherwise a new OPEN case for the team, with its feedback due day. At most 20,000 referrals.",
  })
  openCasesForReferrals(@Args() args: OpenCasesForReferralsArgs, @Ctx() ctx: SwtContext): Promise<AnswerOf<typeof openCasesForReferrals>> {
    return ctx.services.caseOpening.open(args.referrals);
  }
}
