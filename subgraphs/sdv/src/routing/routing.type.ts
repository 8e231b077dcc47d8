import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../shared/src/scalars.js";
import { Team } from "../team/team.type.js";

/** One row of the routing table (werkgebied): which SWT team covers a postcode area. */
@ObjectType({ description: "Which SWT team covers a four-digit postcode area: signals of priority I-III there are forwarded to it." })
export class RoutingArea {
  @Field({ description: "Four digits, e.g. 2033." })
  postcodeArea: string;

  @Field({ description: "Slug of the SWT team, e.g. haarlem-oost." })
  teamId: string;

  @Field(() => Team, { description: "The team; its name and municipality come from the swt subgraph." })
  team: Team;

  @Field({ description: 'Who set the row: a user of SDV or the coordinator, or "covenant" for the initial table.' })
  updatedBy: string;

  @Field(() => DateTimeScalar)
  updatedAt: Date;
}

@ObjectType({ description: "The routing area as set, and what setting it did to signals that were waiting for a team." })
export class SetRoutingAreaResult {
  @Field(() => RoutingArea)
  routingArea: RoutingArea;

  @Field(() => Int, {
    description: "Signals of priority I-III in this area that had been received without a team to forward them to, and are now forwarded to it.",
  })
  forwardedWaitingSignals: number;
}

@ArgsType()
export class SetRoutingAreaArgs {
  @Field({ description: "The four digits of a postcode area, e.g. 2033." })
  postcodeArea: string;

  @Field(() => ID, { description: "The SWT team that is to cover it, e.g. haarlem-oost." })
  teamId: string;
}
