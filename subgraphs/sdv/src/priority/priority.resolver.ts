import { Ctx, FieldResolver, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { Threshold } from "../threshold/threshold.type.js";
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
}
