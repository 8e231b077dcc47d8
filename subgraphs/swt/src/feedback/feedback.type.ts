import { Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

@ObjectType({
  description: "The team's feedback to the corporation on a case (terugkoppeling, Art. 5.5): its four elements, and whether the case was not taken up for another reason.",
})
export class Feedback {
  @Field(() => ID)
  id: string;

  @Field(() => DateScalar, { description: "The day the feedback was given." })
  givenOn: string;

  @Field({ description: "Whether contact with the household was made." })
  contactMade: boolean;

  @Field({ description: "Whether the case is taken into treatment." })
  takenIntoTreatment: boolean;

  @Field({ description: "Whether the corporation can suspend collection." })
  collectionCanBeSuspended: boolean;

  @Field(() => DateScalar, { nullable: true, description: "The agreed day on which current rent payments resume." })
  paymentsResumeOn: string | null;

  @Field(() => String, { nullable: true, description: "The arrangement agreed for paying off the arrears." })
  arrearsArrangement: string | null;

  @Field({ description: "Not taken up for another reason: the corporation may learn that, never why." })
  notTakenUpForOtherReason: boolean;

  @Field(() => String, { nullable: true, description: "Why the case was not taken up. For the SWT only; never shown to a corporation." })
  reasonNotTakenUp: string | null;
}
