import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import type { TenantEntity } from "../tenant/tenant.entity.js";
import { Tenant } from "../tenant/tenant.type.js";
import type { CollectionStepEntity } from "./collection-step.entity.js";
import { CollectionStep, CollectionStepInput } from "./collection-step.type.js";

@Resolver(() => CollectionStep)
export class CollectionStepResolver {
  @FieldResolver(() => Tenant, { description: "The tenant the step was taken with." })
  tenant(@Root() step: CollectionStepEntity, @Ctx() ctx: CorporationsContext) {
    return ctx.loaders.tenant.load(step.tenantId);
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => CollectionStep, {
    description: "Records a collection step by the corporation's own reference; repeating the call updates it and never adds a second one.",
  })
  async upsertCollectionStep(@Arg("input", () => CollectionStepInput) input: CollectionStepInput, @Ctx() ctx: CorporationsContext) {
    const step = await ctx.services.collectionSteps.upsert(input);
    // The answer must show what was just written, not what this request read before.
    ctx.loaders.collectionSteps.clear(step.tenantId);
    return step;
  }
}

@Resolver(() => Tenant)
export class TenantCollectionStepsResolver {
  /** The corporation's own steps, and the SDV's check that a signal was preceded by them (Art. 3.3). */
  @ReadableBy("CORPORATION", "SDV")
  @FieldResolver(() => [CollectionStep], { description: "The collection steps taken with the tenant, oldest first." })
  collectionSteps(@Root() tenant: TenantEntity, @Ctx() ctx: CorporationsContext) {
    return ctx.loaders.collectionSteps.load(tenant.id);
  }
}
