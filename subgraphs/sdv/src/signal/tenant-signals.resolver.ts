import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { Signal, SIGNAL_READERS } from "./signal.type.js";
import { Tenant } from "../tenant/tenant.type.js";

/** What sdv adds to the federated Tenant: the signals of a tenant (which tenants have a live signal: internal/visible-tenant-ids.resolver.ts). */
@Resolver(() => Tenant)
export class TenantResolver {
  @ReadableBy(...SIGNAL_READERS)
  @FieldResolver(() => [Signal], { description: "The tenant's signals you may see, newest received first." })
  signals(@Root() tenant: Tenant, @Ctx() ctx: SdvContext) {
    return ctx.loaders.tenantSignals.load(tenant.id);
  }
}
