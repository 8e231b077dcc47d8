import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from "type-graphql";
import { PersonalData } from "../../../shared/src/access-log.js";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import type { TenantEntity } from "../tenant/tenant.entity.js";
import { TENANT_READERS } from "../tenant/tenant.policy.js";
import { Tenant } from "../tenant/tenant.type.js";
import type { ArrearsEntity } from "./arrears.entity.js";
import { Arrears, ArrearsInput, ClearArrearsInput } from "./arrears.type.js";

@Resolver(() => Arrears)
export class ArrearsResolver {
  @FieldResolver(() => Int, { description: "Days since the oldest unpaid due date, as of today; derived, never stored." })
  daysInArrears(@Root() arrears: ArrearsEntity, @Ctx() ctx: CorporationsContext): number {
    return ctx.services.arrears.daysInArrears(arrears);
  }
}

@Resolver(() => Tenant)
export class TenantArrearsResolver {
  /** Arrears are personal data like the contact data: the same readers, and every read is logged. */
  @ReadableBy(...TENANT_READERS)
  @PersonalData()
  @FieldResolver(() => Arrears, { nullable: true, description: "The tenant's current arrears; null when the tenant has none." })
  arrears(@Root() tenant: TenantEntity, @Ctx() ctx: CorporationsContext) {
    return ctx.loaders.arrears.load(tenant.id);
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => Tenant, {
    description: "Records a tenant's current arrears by the tenant's reference; repeating the call changes nothing more. amountCents 0 clears them.",
  })
  async upsertArrears(@Arg("input", () => ArrearsInput) input: ArrearsInput, @Ctx() ctx: CorporationsContext) {
    const tenant = await ctx.services.arrears.upsert(input);
    // The answer must show what was just written, not what this request read before.
    ctx.loaders.arrears.clear(tenant.id);
    return tenant;
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => Tenant, { description: "Records that a tenant's arrears are paid off: Tenant.arrears becomes null. Idempotent." })
  async clearArrears(@Arg("input", () => ClearArrearsInput) input: ClearArrearsInput, @Ctx() ctx: CorporationsContext) {
    const tenant = await ctx.services.arrears.clear(input);
    ctx.loaders.arrears.clear(tenant.id);
    return tenant;
  }
}
