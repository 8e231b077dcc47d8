import { Field, ID, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar } from "../../../shared/src/scalars.js";

/**
 * Feedback (terugkoppeling, Art. 5.5) as the partners read it. The corporation reads it on its own
 * tenants, SDV reads it, the holding team writes it. Privacy limit: when a case was not taken up for
 * another reason the corporation learns only that (`notTakenUpForOtherReason`); why
 * (`reasonNotTakenUp`) stays with the SWT and the budget coach.
 */
@ObjectType({
  description: "The team's feedback to the corporation on a case (terugkoppeling, Art. 5.5): its four elements, and whether the case was not taken up for another reason.",
})
export class Feedback {
  @Field(() => ID)
  id: string;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { description: "The day the feedback was given." })
  givenOn: string;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "Whether contact with the household was made." })
  contactMade: boolean;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "Whether the case is taken into treatment." })
  takenIntoTreatment: boolean;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "Whether the corporation can suspend collection." })
  collectionCanBeSuspended: boolean;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { nullable: true, description: "The agreed day on which current rent payments resume." })
  paymentsResumeOn: string | null;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field(() => String, { nullable: true, description: "The arrangement agreed for paying off the arrears." })
  arrearsArrangement: string | null;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "Not taken up for another reason: the corporation may learn that, never why." })
  notTakenUpForOtherReason: boolean;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => String, { nullable: true, description: "Why the case was not taken up. For the SWT and the budget coach only; never shown to a corporation." })
  reasonNotTakenUp: string | null;
}
