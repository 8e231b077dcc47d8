import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";

/** A threshold amount (drempelbedrag) with the date it applies from: one entry of its history. */
@ObjectType({
  description: "A threshold amount (drempelbedrag, Art. 5.3): arrears at or above it give priority II, below it IV. One entry of a dated history.",
})
export class Threshold {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: "The amount in euro cents." })
  amountCents: number;

  @Field(() => DateScalar, { description: "The first day on which it applies, to signals received from that day on." })
  validFrom: string;

  @Field({ description: 'Who set it: a user of SDV or the coordinator, or "covenant" for the default.' })
  setBy: string;

  @Field({ description: "Why this amount was chosen." })
  reason: string;

  @Field(() => DateTimeScalar, { description: "When it was recorded." })
  createdAt: Date;
}

@InputType({ description: "A new threshold amount and the day from which it applies." })
export class SetThresholdInput {
  @Field(() => Int, { description: "The amount in euro cents, 1 to 1,000,000 (EUR 10,000)." })
  amountCents: number;

  @Field(() => DateScalar, {
    description: "The first day on which it applies, to signals received from that day on; from 2021-04-01. Stored priorities keep theirs until recomputed.",
  })
  validFrom: string;

  @Field({ description: "Why this amount: the monitoring finding or decision behind it. Required." })
  reason: string;
}
