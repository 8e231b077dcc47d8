import { Arg, Ctx, Directive, ID, Int, Mutation, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { withdrawSignalsOfTenants } from "../../../shared/src/contracts/sdv.js";
import type { SdvContext } from "../context.js";

@Resolver()
export class WithdrawalResolver {
  /**
   * For the corporations subgraph, which calls it right after a tenant's objection is recorded (with
   * the token the gateway made for the corporation's request); hidden from the public graph.
   */
  @Directive("@inaccessible")
  @ReadableBy("CORPORATION")
  @Mutation(() => Int, {
    description:
      "Withdraws the signals of tenants who objected to the data exchange (Art. 3.4): erases every signal of these tenants that your corporation submitted, with its priority, history and forwarding, and their refused intake items. Returns the number of signals erased; a second call erases none. For the corporations subgraph only.",
  })
  withdrawSignalsOfTenants(@Arg("tenantIds", () => [ID]) tenantIds: string[], @Ctx() ctx: SdvContext): Promise<AnswerOf<typeof withdrawSignalsOfTenants>> {
    return ctx.services.withdrawal.withdrawSignalsOfTenants(tenantIds);
  }
}
