import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CaseEntity } from "../case/case.entity.js";
import { Case } from "../case/case.type.js";
import type { SwtContext } from "../context.js";
import { Feedback } from "../feedback/feedback.type.js";
import { HouseholdProfile } from "../household-profile/household-profile.type.js";
import { Tenant } from "./tenant.type.js";

@Resolver(() => Tenant)
export class TenantResolver {
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => [Case], { description: "The household's cases you may see, newest opened first." })
  cases(@Root() tenant: Tenant, @Ctx() ctx: SwtContext) {
    return ctx.loaders.casesOfTenant.load(tenant.id);
  }

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => [Feedback], {
    description:
      "The feedback on the household's cases (Art. 5.5), newest first: for a corporation on its own tenants, for SDV, SWT and the budget coach on the cases they may see.",
  })
  feedback(@Root() tenant: Tenant, @Ctx() ctx: SwtContext) {
    return ctx.loaders.feedbackOfTenant.load(tenant.id);
  }

  @ReadableBy("SWT")
  @FieldResolver(() => HouseholdProfile, {
    nullable: true,
    description: "What the SWT knows of the household; null when nothing, or when it is not yours to see.",
  })
  householdProfile(@Root() tenant: Tenant, @Ctx() ctx: SwtContext) {
    return ctx.loaders.householdProfile.load(tenant.id);
  }
}

/** Case.tenant is declared here, with the tenant, so that case/ does not depend on tenant/. */
@Resolver(() => Case)
export class CaseTenantResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @FieldResolver(() => Tenant, {
    nullable: true,
    description:
      "The household's contact person (owned by the corporations subgraph). Null, with the error WITHHELD_BY_OBJECTION, once the tenant objected to the data exchange (Art. 3.4); a case the household accepted into treatment stays, without the corporation's data.",
  })
  tenant(@Root() kase: CaseEntity) {
    return { id: kase.tenantId };
  }
}
