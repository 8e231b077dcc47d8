import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import type { SdvContext } from "../context.js";
import { Signal } from "../signal/signal.type.js";
import { Tenant } from "./tenant.type.js";

@Resolver(() => Tenant)
export class TenantResolver {
  @FieldResolver(() => [Signal], { description: "The tenant's signals you may see, newest received first." })
  signals(@Root() tenant: Tenant, @Ctx() ctx: SdvContext) {
    return ctx.loaders.tenantSignals.load(tenant.id);
  }
}
