import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { Case } from "../case/case.type.js";
import type { SwtContext } from "../context.js";
import { Signal } from "./signal.type.js";

@Resolver(() => Signal)
export class SignalResolver {
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => Case, {
    nullable: true,
    description: "The case that holds this signal; null when there is none or it is not yours to see.",
  })
  async case(@Root() signal: Signal, @Ctx() ctx: SwtContext) {
    const caseId = await ctx.loaders.caseIdOfSignal.load(signal.id);
    return caseId ? ctx.loaders.case.load(caseId) : null;
  }
}
