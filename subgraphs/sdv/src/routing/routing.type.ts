import { ArgsType, Field, ID, Int, ObjectType } from "type-graphql";
import { DateTimeScalar } from "../../../shared/src/scalars.js";
import { Referral } from "../referral/referral.type.js";
import { Signal } from "../signal/signal.type.js";
import { Team } from "../team/team.type.js";

/** One row of the routing table (werkgebied): which SWT team covers a postcode area. */
@ObjectType({
  description:
    "Which SWT team covers a four-digit postcode area of a municipality: signals of priority I-III with an address there are forwarded to it. An area can straddle a municipal border (2116, Bentveld), so the municipality is part of the key.",
})
export class RoutingArea {
  @Field({ description: "CBS code of the municipality: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;

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

  @Field(() => ID, { description: "The SWT team that is to cover it, e.g. haarlem-oost: a team of the area's municipality." })
  teamId: string;

  @Field(() => String, {
    nullable: true,
    description: "CBS code of the municipality whose addresses in the area are routed (one you serve); default the team's municipality.",
  })
  municipalityCode?: string | null;
}

@ArgsType()
export class RemoveRoutingAreaArgs {
  @Field({ description: "CBS code of the municipality (one you serve)." })
  municipalityCode: string;

  @Field({ description: "The four digits of the postcode area, e.g. 2033." })
  postcodeArea: string;
}

@ObjectType({ description: "What removing a routing area did: its signals of priority I-III wait from now on, listed in unroutedSignals." })
export class RoutingAreaRemoval {
  @Field()
  municipalityCode: string;

  @Field()
  postcodeArea: string;

  @Field(() => ID, { nullable: true, description: "The team that covered the area; null when the area was not in the table (nothing changed)." })
  removedTeamId: string | null;
}

@ObjectType({ description: "A change of the routing table, kept for good: who pointed which area from which team to which, and when." })
export class RoutingAreaChange {
  @Field()
  municipalityCode: string;

  @Field()
  postcodeArea: string;

  @Field(() => ID, { nullable: true, description: "The team that covered it before; null when the area was added." })
  fromTeamId: string | null;

  @Field(() => ID, { nullable: true, description: "The team that covers it since; null when the area was removed." })
  toTeamId: string | null;

  @Field({ description: 'Who changed it: a user of SDV or the coordinator, or "covenant" for the initial table.' })
  changedBy: string;

  @Field(() => DateTimeScalar)
  changedAt: Date;
}

@ArgsType()
export class RoutingAreaChangesArgs {
  @Field(() => String, { nullable: true, description: "Only this municipality (one you serve)." })
  municipalityCode?: string | null;

  @Field(() => String, { nullable: true, description: "Only this postcode area." })
  postcodeArea?: string | null;

  @Field(() => Int, { defaultValue: 100, description: "How many changes, newest first: 1 to 500." })
  first: number;
}

@ArgsType()
export class RerouteSignalArgs {
  @Field(() => ID)
  signalId: string;

  @Field(() => ID, { description: "The SWT team of the signal's municipality that is to have it." })
  teamId: string;

  @Field({ description: "Why (wrong neighbourhood, moved house, ...); kept with the forwarding. At most 2000 characters." })
  reason: string;
}

@ObjectType({ description: "A signal forwarded by hand to another team; its case moves there with a new feedback term." })
export class RerouteSignalResult {
  @Field(() => Signal)
  signal: Signal;

  @Field(() => Referral, { description: "The forwarding now in force." })
  forwarding: Referral;
}
