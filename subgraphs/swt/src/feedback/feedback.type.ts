import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
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

  // Free text can describe the household's situation: it stays with the municipality's side. The
  // corporation reads the arrangement as structured entries (ARRANGEMENT_AGREED: start day, amount).
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Field(() => String, {
    nullable: true,
    description:
      "The arrangement agreed for paying off the arrears, in the team's words. Not for the corporation: free text may describe the household's situation; it reads ARRANGEMENT_AGREED entries instead.",
  })
  arrearsArrangement: string | null;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "Not taken up for another reason: the corporation may learn that, never why." })
  notTakenUpForOtherReason: boolean;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => String, { nullable: true, description: "Why the case was not taken up. For the SWT and the budget coach only; never shown to a corporation." })
  reasonNotTakenUp: string | null;
}

/**
 * Feedback as the holding team gives it (Art. 5.5). Once given it is final: the corporation acts on
 * it. The privacy limit is part of the input: with `notTakenUpForOtherReason` nothing else may be
 * said that hints why (no treatment, no suspension of collection, no payment date, no arrangement);
 * the reason itself is required then, and stays with the team.
 */
@InputType({ description: "The team's feedback to the corporation on a case (Art. 5.5)." })
export class FeedbackInput {
  @Field({ description: "Whether contact with the household was made." })
  contactMade: boolean;

  @Field({ description: "Whether the case is taken into treatment; true also moves an OPEN case to IN_TREATMENT." })
  takenIntoTreatment: boolean;

  @Field({ description: "Whether the corporation can suspend collection." })
  collectionCanBeSuspended: boolean;

  @Field(() => DateScalar, { nullable: true, description: "The agreed day on which current rent payments resume." })
  paymentsResumeOn?: string | null;

  @Field(() => String, { nullable: true, description: "The arrangement agreed for paying off the arrears, at most 2000 characters." })
  arrearsArrangement?: string | null;

  @Field({
    defaultValue: false,
    description:
      "Not taken up for another reason. The corporation learns only this; then takenIntoTreatment and collectionCanBeSuspended must be false and paymentsResumeOn and arrearsArrangement left out.",
  })
  notTakenUpForOtherReason: boolean;

  @Field(() => String, { nullable: true, description: "Why it was not taken up: required with notTakenUpForOtherReason, refused without; never shown to a corporation." })
  reasonNotTakenUp?: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The day the feedback was given; default today in the Netherlands. Not before the signal reached the team, not in the future.",
  })
  givenOn?: string | null;
}

@ArgsType()
export class GiveFeedbackArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => FeedbackInput)
  feedback: FeedbackInput;
}

@ArgsType()
export class GiveFeedbackOnSignalArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: "The signal of the case the feedback answers." })
  signalId: string;

  @Field(() => FeedbackInput, { description: "The first feedback on the signal. arrearsArrangement is refused on a later signal: add an ARRANGEMENT_AGREED update instead." })
  feedback: FeedbackInput;
}
