import { Field, ID, Int, ObjectType } from "type-graphql";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";

/** A threshold amount (drempelbedrag) with the date it applies from: one entry of its history. */
@ObjectType({
  description:
    "A threshold amount (drempelbedrag, Art. 5.3): arrears at or above it give priority II, below it IV. One entry of a dated history.",
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
