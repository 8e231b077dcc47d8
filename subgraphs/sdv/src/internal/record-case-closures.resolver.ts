import { Arg, Ctx, Directive, Int, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { recordCaseClosures } from "../../../shared/src/contracts/sdv.js";
import { CaseClosureInput } from "../case-closure/case-closure.type.js";

@Resolver()
export class CaseClosureResolver {
  /**
   * For the swt subgraph, which calls it when a team closes a case (with the token the gateway made for
   * that team's request); hidden from the public graph.
   */
  @Directive("@inaccessible")
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => Int, {
    description:
      "Records that cases were closed: their signals become CLOSED with the day of closure, from which the retention period runs. Only signals forwarded to the caller's team (or to the budget coach) are touched. Returns how many of the signals named are recorded closed; sending the same closures again changes nothing. For the swt subgraph only.",
  })
  recordCaseClosures(@Arg("closures", () => [CaseClosureInput]) closures: CaseClosureInput[], @Ctx() ctx: SdvContext): Promise<AnswerOf<typeof recordCaseClosures>> {
    return ctx.services.caseClosures.record(closures);
  }
}
