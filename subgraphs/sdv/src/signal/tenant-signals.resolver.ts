import { Arg, Ctx, Directive, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { Signal, SIGNAL_READERS } from "./signal.type.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { sdvVisibleTenantIds } from "../../../shared/src/contracts/sdv.js";
import { Tenant } from "../tenant/tenant.type.js";

/** What sdv adds to the federated Tenant: the signals of a tenant, and which tenants have a live signal. */
@Resolver(() => Tenant)
export class TenantResolver {
  @ReadableBy(...SIGNAL_READERS)
  @FieldResolver(() => [Signal], { description: "The tenant's signals you may see, newest received first." })
  signals(@Root() tenant: Tenant, @Ctx() ctx: SdvContext) {
    return ctx.loaders.tenantSignals.load(tenant.id);
  }

  // Not part of the public graph: the corporations subgraph asks it directly, with a token the gateway
  // made for this request, to learn whose contact data the caller may read ("a live signal"). swt
  // answers a field of the same name from its cases; @shareable only lets both declare it, since the
  // gateway never plans an inaccessible field.
  @Directive("@shareable")
  @Directive("@inaccessible")
  @ReadableBy(...SIGNAL_READERS)
  @Query(() => [ID], {
    description:
      "Of the given tenant ids (all when null), those with a live signal (RECEIVED or FORWARDED) that the caller may see. For the corporations subgraph only.",
  })
  visibleTenantIds(@Arg("ids", () => [ID], { nullable: true }) ids: string[] | null | undefined, @Ctx() ctx: SdvContext): Promise<AnswerOf<typeof sdvVisibleTenantIds>> {
    return ctx.services.signals.visibleTenantIds(ids ?? null);
  }
}
