import { Field, ID, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";

export enum ReferralTarget {
  SWT = "SWT",
  BUDGET_COACH = "BUDGET_COACH",
}
registerEnumType(ReferralTarget, {
  name: "ReferralTarget",
  description: "Where a signal is forwarded: priorities I-III to an SWT team, IV to the budget coach.",
  valuesConfig: {
    SWT: { description: "The social neighbourhood team (Sociaal Wijkteam) that covers the tenant's address." },
    BUDGET_COACH: { description: "The budget coach, for arrears under the threshold (priority IV)." },
  },
});

/** The forwarding (doorverwijzing) of a signal to an SWT team or the budget coach. */
@ObjectType({ description: "The forwarding of a signal (doorverwijzing) to an SWT team or the budget coach." })
export class Referral {
  @Field(() => ID)
  id: string;

  @Field(() => ReferralTarget)
  target: ReferralTarget;

  @Field(() => String, { description: "Slug of the team: an SWT team such as haarlem-schalkwijk, or budget-coach." })
  teamId: string;

  @Field(() => DateScalar, {
    description: "The day of forwarding, day zero of the feedback term (Art. 5.4): the day of receipt when that is a working day, else the next working day.",
  })
  forwardedOn: string;

  @Field(() => DateTimeScalar)
  forwardedAt: Date;
}

/** What a change of priority did to a signal's referral; sdv reports it rather than doing it silently. The schema keeps the name ForwardingChange. */
@ObjectType("ForwardingChange", {
  description: "What a changed priority did to a signal's forwarding: between I-III and IV the target changes (Art. 5.3); within I-III the team keeps it.",
})
export class ReferralChange {
  @Field({ description: "False when the new level calls for another target that could not be reached (no team covers the area)." })
  changed: boolean;

  @Field(() => ReferralTarget, { nullable: true, description: "Where the signal was forwarded before; null when it was not forwarded." })
  fromTarget: ReferralTarget | null;

  @Field(() => String, { nullable: true })
  fromTeamId: string | null;

  @Field(() => ReferralTarget, { nullable: true, description: "Where it is forwarded now; null when it could not be forwarded." })
  toTarget: ReferralTarget | null;

  @Field(() => String, { nullable: true })
  toTeamId: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The new day zero of the feedback term, when the signal was forwarded anew." })
  forwardedOn: string | null;

  @Field()
  message: string;
}

export enum ReferralKind {
  RECEIPT = "RECEIPT",
  ROUTING_AREA = "ROUTING_AREA",
  PRIORITY = "PRIORITY",
  REROUTE = "REROUTE",
  HAND_OVER = "HAND_OVER",
}
registerEnumType(ReferralKind, {
  name: "ForwardingKind",
  description:
    "Why a signal was forwarded: RECEIPT at intake; ROUTING_AREA when a routing area was set for it while it waited; PRIORITY when its level moved between I-III and IV; REROUTE by an SDV worker; HAND_OVER by the team that held its case.",
});

/** One referral of a signal, as kept in its history; ForwardingRecord in the schema. */
@ObjectType("ForwardingRecord", { description: "One forwarding of a signal, kept for good: from where to where, on which day, why, by whom." })
export class ReferralRecord {
  @Field(() => ReferralKind)
  kind: ReferralKind;

  @Field(() => String, { nullable: true, description: "The team it came from; null the first time." })
  fromTeamId: string | null;

  @Field(() => String, { description: "The team it went to: an SWT team, or budget-coach." })
  toTeamId: string;

  @Field(() => DateScalar, { description: "Day zero of that holder's feedback term." })
  forwardedOn: string;

  @Field(() => DateTimeScalar)
  forwardedAt: Date;

  @Field({ description: "Who forwarded it: the corporation's integration at intake, an SDV worker, the coordinator or a team's worker." })
  forwardedBy: string;

  @Field(() => String, { nullable: true, description: "The reason given with a reroute or hand-over." })
  reason: string | null;
}
