import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { ddasClients } from "../../../shared/src/contracts/corporations.js";
import { DdasClient } from "../ddas/ddas.type.js";

@Resolver(() => DdasClient)
export class DdasClientResolver {
  /**
   * For the sdv subgraph, which asks it on the coordinator's behalf while it builds the
   * DDAS-Vroegsignalering export of a municipality; hidden from the public graph, where the
   * coordinator reads no tenant at all.
   */
  @Directive("@inaccessible")
  @ReadableBy("COORDINATOR", "SDV")
  @Query(() => [DdasClient], {
    description: "The given tenants as DDAS identifies them (postcode, house number, arrears start); unknown ids are left out. Every tenant answered about is access-logged.",
  })
  ddasClients(@Arg("tenantIds", () => [ID]) tenantIds: string[], @Ctx() ctx: CorporationsContext): Promise<AnswerOf<typeof ddasClients>> {
    return ctx.services.ddasClients.byTenantIds(tenantIds);
  }
}
