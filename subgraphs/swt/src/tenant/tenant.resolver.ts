import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { Case } from "../case/case.type.js";
import type { SwtContext } from "../context.js";
import { HouseholdProfile } from "../household-profile/household-profile.type.js";
import { Tenant } from "./tenant.type.js";

@Resolver(() => Tenant)
export class TenantResolver {
  @FieldResolver(() => [Case], { description: "The household's cases you may see, newest opened first." })
  cases(@Root() tenant: Tenant, @Ctx() ctx: SwtContext) {
    return ctx.loaders.casesOfTenant.load(tenant.id);
  }

  @FieldResolver(() => HouseholdProfile, {
    nullable: true,
    description: "What the SWT knows of the household; null when nothing, or when it is not yours to see.",
  })
  householdProfile(@Root() tenant: Tenant, @Ctx() ctx: SwtContext) {
    return ctx.loaders.householdProfile.load(tenant.id);
  }
}
