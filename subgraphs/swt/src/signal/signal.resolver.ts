import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CaseEntity } from "../case/case.entity.js";
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
    return ctx.loaders.caseOfSignal.load(signal.id);
  }
}

/** Case.signal and Case.signals are declared here, with the signal, so that case/ does not depend on signal/. */
@Resolver(() => Case)
export class CaseSignalsResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @FieldResolver(() => Signal, { description: "The signal that opened the case." })
  async signal(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    const [first] = await ctx.loaders.signalIdsOfCase.load(kase.id);
    return first ? { id: first } : null;
  }

  @ReadableBy("SWT", "BUDGET_COACH")
  @FieldResolver(() => [Signal], { description: "Every signal of the household bundled in this case, the opening one first." })
  async signals(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return (await ctx.loaders.signalIdsOfCase.load(kase.id)).map((id) => ({ id }));
  }
}
