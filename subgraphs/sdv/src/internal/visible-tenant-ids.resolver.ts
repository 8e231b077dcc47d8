import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { sdvVisibleTenantIds } from "../../../shared/src/contracts/sdv.js";
import type { SdvContext } from "../context.js";
import { SIGNAL_READERS } from "../signal/signal.type.js";

/** Which tenants have a live signal the caller may see, for the corporations subgraph's tenant policy. */
@Resolver()
export class VisibleTenantIdsResolver {
  // Not part of the public graph: the corporations subgraph asks it directly, with a token the gateway
  // made for this request, to learn whose contact data the caller may read ("a live signal"). swt
  // answers a field of the same name from its cases; @shareable only lets both declare it, since the
  // gateway never plans an inaccessible field.
  @Directive("@shareable")
  @Directive("@inaccessible")
  @ReadableBy(...SIGNAL_READERS)
  @Query(() => [ID], {
    description: "Of the given tenant ids (all when null), those with a live signal (RECEIVED or FORWARDED) that the caller may see. For the corporations subgraph only.",
  })
  visibleTenantIds(@Arg("ids", () => [ID], { nullable: true }) ids: string[] | null | undefined, @Ctx() ctx: SdvContext): Promise<AnswerOf<typeof sdvVisibleTenantIds>> {
    return ctx.services.signals.visibleTenantIds(ids ?? null);
  }
}
