import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { Threshold } from "../threshold/threshold.type.js";
import {
  OverridePriorityArgs,
  OverridePriorityResult,
  PriorityRecomputationPreview,
  PriorityRecomputationResult,
  PriorityRevision,
  RecomputePrioritiesArgs,
} from "./priority-change.type.js";
import type { PriorityEntity } from "./priority.entity.js";
import { effectiveLevel } from "./priority.service.js";
import { Priority, PriorityLevel } from "./priority.type.js";

@Resolver(() => Priority)
export class PriorityResolver {
  // Its roles are those declared on Priority.effectiveLevel.
  @FieldResolver(() => PriorityLevel)
  effectiveLevel(@Root() priority: PriorityEntity): PriorityLevel {
    return effectiveLevel(priority) as PriorityLevel;
  }

  @ReadableBy("SDV")
  @FieldResolver(() => Threshold, { description: "The threshold that applied when the priority was computed." })
  threshold(@Root() priority: PriorityEntity, @Ctx() ctx: SdvContext) {
    return ctx.loaders.threshold.load(priority.thresholdId);
  }

  @ReadableBy("SDV")
  @FieldResolver(() => [PriorityRevision], {
    description: "What this priority replaced (recomputations and overrides), newest first; empty when it is the first.",
  })
  history(@Root() priority: PriorityEntity, @Ctx() ctx: SdvContext) {
    return ctx.loaders.priorityHistory.load(priority.signalId);
  }

  @ReadableBy("SDV")
  @Mutation(() => OverridePriorityResult, {
    description:
      "Sets a signal's priority level by hand, with a required reason; the computed level stays beside it and what stood before is kept in Priority.history. Between I-III and IV the signal is forwarded anew, as the answer reports.",
  })
  overridePriority(@Args() args: OverridePriorityArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.priorities.override(args.signalId, args.level, args.reason);
  }

  @ReadableBy("SDV")
  @Query(() => PriorityRecomputationPreview, {
    description:
      "The open signals (RECEIVED or FORWARDED, not overridden) whose level would change under a threshold (default: the one valid today), with the level now and the level then. Writes nothing.",
  })
  previewPriorityRecomputation(@Arg("thresholdId", () => ID, { nullable: true }) thresholdId: string | null | undefined, @Ctx() ctx: SdvContext) {
    return ctx.services.priorities.preview(thresholdId);
  }

  @ReadableBy("SDV")
  @Mutation(() => PriorityRecomputationResult, {
    description:
      "Recomputes the priorities of the signals listed, and of no other, under a threshold (default: the one valid today). The priority replaced is kept in Priority.history; a change between I-III and IV moves the forwarding, as each item reports.",
  })
  recomputePriorities(@Args() args: RecomputePrioritiesArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.priorities.recompute(args.signalIds, args.thresholdId);
  }
}
