import { Arg, Ctx, Directive, Int, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { recordHandOvers } from "../../../shared/src/contracts/sdv.js";
import { HandOverInput } from "../hand-over/hand-over.type.js";

@Resolver()
export class HandOverResolver {
  /** For the swt subgraph, which calls it when a team hands a case over; hidden from the public graph. */
  @Directive("@inaccessible")
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => Int, {
    description:
      "Records that teams handed cases over: each signal is forwarded to the new team with its case, and the forwarding is kept with the reason. Only the caller's own signals, to a team of the signal's municipality or the budget coach. Returns how many signals were recorded; sending it again records nothing twice. For the swt subgraph only.",
  })
  recordHandOvers(@Arg("handOvers", () => [HandOverInput]) handOvers: HandOverInput[], @Ctx() ctx: SdvContext): Promise<AnswerOf<typeof recordHandOvers>> {
    return ctx.services.handOvers.record(handOvers);
  }
}
