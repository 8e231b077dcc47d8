import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import type { CaseEntity } from "./case.entity.js";
import { Case, CaseConnection, CasesArgs } from "./case.type.js";

@Resolver(() => Case)
export class CaseResolver {
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Query(() => CaseConnection, { description: "The cases you may see, newest opened first." })
  cases(@Args() args: CasesArgs, @Ctx() ctx: SwtContext) {
    return ctx.services.cases.list(args);
  }

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Query(() => Case, { nullable: true, description: "One case, or null when it does not exist or is not yours to see." })
  case(@Arg("id", () => ID) id: string, @Ctx() ctx: SwtContext) {
    return ctx.loaders.case.load(id);
  }

  @FieldResolver()
  team(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.team.load(kase.teamId);
  }

  @FieldResolver()
  tenant(@Root() kase: CaseEntity) {
    return { id: kase.tenantId };
  }

  @FieldResolver()
  async signal(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    const [first] = await ctx.loaders.signalIdsOfCase.load(kase.id);
    return first ? { id: first } : null;
  }

  @FieldResolver()
  async signals(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return (await ctx.loaders.signalIdsOfCase.load(kase.id)).map((id) => ({ id }));
  }

  @FieldResolver()
  contactAttempts(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.contactAttempts.load(kase.id);
  }

  @FieldResolver()
  notes(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.notes.load(kase.id);
  }

  @FieldResolver()
  feedback(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.feedback.load(kase.id);
  }
}
