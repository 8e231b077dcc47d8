import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { PageArgs } from "../../../shared/src/pagination.js";
import type { SdvContext } from "../context.js";
import { SignalConnection } from "../signal/signal.type.js";
import { Team } from "../team/team.type.js";
import type { RoutingAreaEntity } from "./routing-area.entity.js";
import {
  RemoveRoutingAreaArgs,
  RerouteSignalArgs,
  RerouteSignalResult,
  RoutingArea,
  RoutingAreaChange,
  RoutingAreaChangesArgs,
  RoutingAreaRemoval,
  SetRoutingAreaArgs,
  SetRoutingAreaResult,
} from "./routing.type.js";

@Resolver(() => RoutingArea)
export class RoutingResolver {
  @ReadableBy("SDV", "COORDINATOR")
  @Query(() => [RoutingArea], { description: "The routing table of the municipalities you serve: which SWT team covers each postcode area, by municipality and area." })
  routingAreas(@Ctx() ctx: SdvContext) {
    return ctx.services.routing.list();
  }

  @ReadableBy("SDV", "COORDINATOR")
  @Query(() => [RoutingAreaChange], { description: "Changes of the routing table in the municipalities you serve, newest first." })
  routingAreaChanges(@Args() args: RoutingAreaChangesArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.routing.changes(args);
  }

  @ReadableBy("SDV")
  @Query(() => SignalConnection, {
    description:
      "Signals of priority I-III that wait for a team because no routing area covers their municipality and postcode area, longest waiting first. Route them with setRoutingArea or rerouteSignal.",
  })
  unroutedSignals(@Args() args: PageArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.signals.unrouted(args);
  }

  @ReadableBy("SDV", "COORDINATOR")
  @Mutation(() => SetRoutingAreaResult, {
    description:
      "Points a postcode area of a municipality you serve at an SWT team of that municipality; the change is kept (routingAreaChanges). Signals of priority I-III of that municipality and area that were waiting for a team are forwarded to it.",
  })
  setRoutingArea(@Args() args: SetRoutingAreaArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.routing.set(args.postcodeArea, args.teamId, args.municipalityCode);
  }

  @ReadableBy("SDV", "COORDINATOR")
  @Mutation(() => RoutingAreaRemoval, {
    description:
      "Removes a postcode area of a municipality you serve from the routing table; the change is kept. Signals already forwarded stay where they are; later ones of priority I-III wait, listed in unroutedSignals.",
  })
  removeRoutingArea(@Args() args: RemoveRoutingAreaArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.routing.remove(args.municipalityCode, args.postcodeArea);
  }

  @ReadableBy("SDV")
  @Mutation(() => RerouteSignalResult, {
    description:
      "Forwards a signal of a municipality you serve by hand to another SWT team of that municipality, with a reason: a waiting signal, or one at the wrong team. Its case moves: closed as TRANSFERRED at the old team, opened at the new one with a feedback term from the new forwarding day.",
  })
  async rerouteSignal(@Args() args: RerouteSignalArgs, @Ctx() ctx: SdvContext) {
    const { signal, referral } = await ctx.services.routing.reroute(args.signalId, args.teamId, args.reason);
    return { signal, forwarding: referral };
  }

  @FieldResolver(() => Team)
  team(@Root() area: RoutingAreaEntity): Team {
    return { id: area.teamId };
  }
}
