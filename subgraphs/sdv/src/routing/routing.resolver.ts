import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { Team } from "../team/team.type.js";
import type { RoutingAreaEntity } from "./routing-area.entity.js";
import { RoutingArea, SetRoutingAreaArgs, SetRoutingAreaResult } from "./routing.type.js";

@Resolver(() => RoutingArea)
export class RoutingResolver {
  @ReadableBy("SDV", "COORDINATOR")
  @Query(() => [RoutingArea], { description: "The routing table: which SWT team covers each postcode area, by area." })
  routingAreas(@Ctx() ctx: SdvContext) {
    return ctx.services.routing.list();
  }

  @ReadableBy("SDV", "COORDINATOR")
  @Mutation(() => SetRoutingAreaResult, {
    description:
      "Points a postcode area at an SWT team (SDV: teams of the municipalities it serves; the coordinator: any). Signals of priority I-III of that area that were waiting for a team are forwarded to it.",
  })
  setRoutingArea(@Args() args: SetRoutingAreaArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.routing.set(args.postcodeArea, args.teamId);
  }

  @FieldResolver(() => Team)
  team(@Root() area: RoutingAreaEntity): Team {
    return { id: area.teamId };
  }
}
