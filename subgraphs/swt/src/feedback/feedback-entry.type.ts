import { ArgsType, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import { Signal } from "../signal/signal.type.js";
import { FeedbackEntryKind, FeedbackUpdateKind } from "./feedback-entry.enums.js";
import { FeedbackInput } from "./feedback.type.js";

const READERS = ["CORPORATION", "SDV", "SWT", "BUDGET_COACH"] as const;

/**
 * One entry of the feedback conversation with the corporation (Art. 5.5), as the partners read it: the
 * first feedback on a signal, or a dated update after it, or a correction of either. Structured facts
 * only: never free text, never why help was declined.
 */
@ObjectType({
  description:
    "One entry of the feedback to the corporation (Art. 5.5): the first feedback on a signal, a dated update after it, or a correction that replaces an earlier entry. Structured facts only; never why help was declined.",
})
export class FeedbackEntry {
  @Field(() => ID)
  id: string;

  @ReadableBy(...READERS)
  @Field(() => FeedbackEntryKind)
  kind: FeedbackEntryKind;

  @ReadableBy(...READERS)
  @Field(() => DateScalar, { description: "The day the entry was given." })
  givenOn: string;

  @ReadableBy(...READERS)
  @Field(() => ID, { nullable: true, description: "FIRST: the signal it answers. Null on updates, which speak of the whole case." })
  signalId: string | null;

  @ReadableBy(...READERS)
  @Field(() => DateScalar, { nullable: true, description: "ARRANGEMENT_AGREED: the day the arrangement starts; COLLECTION_MAY_RESUME: the day collection may resume." })
  effectiveOn: string | null;

  @ReadableBy(...READERS)
  @Field(() => Int, { nullable: true, description: "ARRANGEMENT_AGREED: the monthly instalment on the arrears in euro cents, when agreed." })
  monthlyAmountCents: number | null;

  @ReadableBy(...READERS)
  @Field(() => ID, { nullable: true, description: "The earlier entry this one corrects: read this one instead of it." })
  replacesEntryId: string | null;

  @ReadableBy(...READERS)
  @Field(() => ID, { nullable: true, description: "The later entry that corrects this one; null while it stands." })
  replacedByEntryId: string | null;

  @ReadableBy(...READERS)
  @Field(() => Boolean, { nullable: true, description: "FIRST: whether contact with the household was made." })
  contactMade: boolean | null;

  @ReadableBy(...READERS)
  @Field(() => Boolean, { nullable: true, description: "FIRST: whether the signal is taken into treatment." })
  takenIntoTreatment: boolean | null;

  @ReadableBy(...READERS)
  @Field(() => Boolean, { nullable: true, description: "FIRST: whether the corporation can suspend collection." })
  collectionCanBeSuspended: boolean | null;

  @ReadableBy(...READERS)
  @Field(() => DateScalar, { nullable: true, description: "FIRST: the agreed day on which current rent payments resume." })
  paymentsResumeOn: string | null;

  @ReadableBy(...READERS)
  @Field(() => Boolean, { nullable: true, description: "FIRST: not taken up for another reason; the corporation may learn that, never why." })
  notTakenUpForOtherReason: boolean | null;
}

/** Where a signal stands with its feedback, as the corporation that submitted it may see. */
@ObjectType({
  description:
    "Where a signal stands with its feedback (Art. 5.4-5.5): forwarded or not and on which day (not to whom), the day feedback is due, whether it is overdue, and the feedback given. Nothing else of the case.",
})
export class SignalFeedbackStatus {
  @Field(() => Signal, { description: "The signal: received, status and the rest from the sdv subgraph." })
  signal: Signal;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "Whether the signal was forwarded for help (to a team or the budget coach; not said which)." })
  forwarded: boolean;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { nullable: true, description: "The day it was forwarded; null while it is not." })
  forwardedOn: string | null;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { nullable: true, description: "The last day of the signal's own feedback term: 5 working days in collection or with the bailiff, 10 otherwise." })
  feedbackDueOn: string | null;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { nullable: true, description: "The day the first feedback on this signal was given; null while it is awaited." })
  firstFeedbackOn: string | null;

  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "No first feedback yet and its due day has passed (today in the Netherlands)." })
  feedbackOverdue: boolean;

  /** The case behind it; never a field, only to find its feedback. */
  caseId: string | null;
}

@InputType({
  description:
    "A dated update after the first feedback on a case (Art. 5.5). Structured facts only: there is no free text the corporation could read the household's situation from.",
})
export class FeedbackUpdateInput {
  @Field(() => FeedbackUpdateKind)
  kind: FeedbackUpdateKind;

  @Field(() => DateScalar, {
    nullable: true,
    description: "Required with ARRANGEMENT_AGREED (the day it starts) and COLLECTION_MAY_RESUME (the day collection may resume); refused with the other kinds.",
  })
  effectiveOn?: string | null;

  @Field(() => Int, { nullable: true, description: "ARRANGEMENT_AGREED only: the monthly instalment on the arrears in euro cents, 1 to 1,000,000." })
  monthlyAmountCents?: number | null;

  @Field(() => DateScalar, { nullable: true, description: "The day the update is given; default today in the Netherlands. Not in the future, not before the first feedback." })
  givenOn?: string | null;

  @Field(() => ID, { nullable: true, description: "To correct an earlier update of this case: its id. The earlier one stays on record, marked as replaced." })
  replaces?: string | null;
}

@ArgsType()
export class AddFeedbackUpdateArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => FeedbackUpdateInput)
  update: FeedbackUpdateInput;
}

@ArgsType()
export class CorrectFeedbackArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => ID, { description: "The first feedback (an entry of kind FIRST) that was mistaken." })
  replaces: string;

  @Field(() => FeedbackInput, { description: "The first feedback as it should have been; the same content rules apply." })
  feedback: FeedbackInput;
}

@ArgsType()
export class SignalsAwaitingFeedbackArgs {
  @Field(() => Int, { defaultValue: 100, description: "At most this many, 1 to 500." })
  first: number;
}
