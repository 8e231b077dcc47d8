import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import type { TenantEntity } from "../tenant/tenant.entity.js";
import { Tenant } from "../tenant/tenant.type.js";
import type { ObjectionEntity } from "./objection.entity.js";
import { Objection, ObjectionInput, ObjectionWithdrawalInput } from "./objection.type.js";

@Resolver(() => Objection)
export class ObjectionResolver {
  @FieldResolver(() => Tenant, { description: "The tenant who objected." })
  tenant(@Root() objection: ObjectionEntity, @Ctx() ctx: CorporationsContext) {
    return ctx.loaders.tenant.load(objection.tenantId);
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => Objection, {
    description: "Records a tenant's objection by the corporation's own reference; repeating the call changes nothing more. Does not undo a withdrawal.",
  })
  async upsertObjection(@Arg("input", () => ObjectionInput) input: ObjectionInput, @Ctx() ctx: CorporationsContext) {
    const objection = await ctx.services.objections.record(input);
    // The answer must show what was just written, not what this request read before.
    ctx.loaders.objections.clear(objection.tenantId);
    return objection;
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => Objection, { description: "Records that the tenant withdrew an objection; repeating the call changes nothing more." })
  async withdrawObjection(@Arg("input", () => ObjectionWithdrawalInput) input: ObjectionWithdrawalInput, @Ctx() ctx: CorporationsContext) {
    const objection = await ctx.services.objections.withdraw(input);
    ctx.loaders.objections.clear(objection.tenantId);
    return objection;
  }
}

@Resolver(() => Tenant)
export class TenantObjectionsResolver {
  /** Only the corporation reads single objections; everyone else gets objectionCounts. */
  @ReadableBy("CORPORATION")
  @FieldResolver(() => [Objection], { description: "The tenant's objections to data exchange, withdrawn ones included, oldest first." })
  objections(@Root() tenant: TenantEntity, @Ctx() ctx: CorporationsContext) {
    return ctx.loaders.objections.load(tenant.id);
  }
}
