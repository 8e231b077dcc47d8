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

  @Field(() => String, { nullable: true, description: "Slug of the SWT team, e.g. haarlem-schalkwijk; null for the budget coach." })
  teamId: string | null;

  @Field(() => DateScalar, { description: "The day of forwarding: day zero of the feedback term (Art. 5.4)." })
  forwardedOn: string;

  @Field(() => DateTimeScalar)
  forwardedAt: Date;
}
