import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import { findCorporation } from "../corporation/corporation.resolver.js";
import { Corporation } from "../corporation/corporation.type.js";
import type { TenantEntity } from "./tenant.entity.js";
import { TENANT_READERS } from "./tenant.policy.js";
import { Tenant, TenantConnection, TenantInput, TenantsArgs } from "./tenant.type.js";

@Resolver(() => Tenant)
export class TenantResolver {
  @ReadableBy(...TENANT_READERS)
  @Query(() => TenantConnection, { description: "Tenants the caller may see, by name." })
  tenants(@Args() args: TenantsArgs, @Ctx() ctx: CorporationsContext) {
    return ctx.services.tenants.list(args);
  }

  @ReadableBy(...TENANT_READERS)
  @Query(() => Tenant, { nullable: true, description: "One tenant, or null when it does not exist or is not yours to see." })
  tenant(@Arg("id", () => ID) id: string, @Ctx() ctx: CorporationsContext) {
    return ctx.loaders.tenant.load(id);
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => Tenant, {
    description: "Registers or updates a tenant by the corporation's own reference; repeating the call changes nothing more.",
  })
  upsertTenant(@Arg("input", () => TenantInput) input: TenantInput, @Ctx() ctx: CorporationsContext) {
    return ctx.services.tenants.upsert(input);
  }

  @FieldResolver(() => Corporation)
  corporation(@Root() tenant: TenantEntity): Corporation | undefined {
    return findCorporation(tenant.corporationId);
  }
}
