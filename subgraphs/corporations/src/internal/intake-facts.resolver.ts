import { Args, Ctx, Directive, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { intakeFacts } from "../../../shared/src/contracts/corporations.js";
import { IntakeFactsArgs, IntakeTenantFacts } from "../intake/intake.type.js";

@Resolver(() => IntakeTenantFacts)
export class IntakeResolver {
  /**
   * For the sdv subgraph, which asks it on the submitting corporation's behalf (with the token the
   * gateway made for that corporation) while it checks a batch of signals; hidden from the public
   * graph, where a corporation reads its tenants through `tenants`.
   */
  @Directive("@inaccessible")
  @ReadableBy("CORPORATION")
  @Query(() => [IntakeTenantFacts], {
    description:
      "The intake facts of the given tenant references of a corporation: one entry per reference it registered; unknown references are left out. A corporation is answered about its own tenants only; about any other corporation the answer is empty.",
  })
  intakeFacts(@Args() { corporationId, references }: IntakeFactsArgs, @Ctx() ctx: CorporationsContext): Promise<AnswerOf<typeof intakeFacts>> {
    return ctx.services.intake.factsByReferences(corporationId, references);
  }
}
