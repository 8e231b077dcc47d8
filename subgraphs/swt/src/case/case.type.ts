import { ArgsType, Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { PageArgs, connectionOf } from "../../../shared/src/pagination.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import { FeedbackState } from "../feedback-deadline/feedback-deadline.type.js";
import { Team } from "../team/team.type.js";
import { CaseOutcome, CaseStatus } from "./case.enums.js";
import { Selects } from "../../../shared/src/selection-rules.js";

/**
 * A case (casus, DDAS vroegsignaalzaak): a team's work with one household after a forwarded signal.
 * Field rules follow the matrix "case, contact attempts, notes": the holding team (SWT, or the budget
 * coach for its referrals) reads the case; SDV reads its status only, which includes where the case
 * stands with the feedback term (forwarded, due, overdue, on time), so that the debt service can see
 * what is owed to the corporations; nobody else reads a case.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    "A case (casus; DDAS vroegsignaalzaak): a social neighbourhood team's (or the budget coach's) work with one household after a signal was forwarded to it. Bundles the household's signals, contact attempts, notes and the feedback to the corporation.",
})
export class Case {
  @Field(() => ID)
  id: string;

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Field(() => CaseStatus)
  status: CaseStatus;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => CaseOutcome, { nullable: true, description: "The DDAS end result, normally set when the case is closed." })
  outcome: CaseOutcome | null;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => Team, { description: "The team that holds the case." })
  team: Team;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { description: "The day the team took the case up (DDAS datumOpgepakt)." })
  openedOn: string;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { nullable: true })
  closedOn: string | null;

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { description: "The day the signal that opened the case was forwarded to the team; the feedback term counts from it." })
  forwardedOn: string;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => Phase, { description: "The collection phase of that signal as delivered, which sets the feedback term: 5 working days in COLLECTION or BAILIFF, 10 in ARREARS." })
  feedbackPhase: Phase;

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { description: "The last day on which feedback to the corporation is on time (Art. 5.4)." })
  feedbackDueOn: string;

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Field({ description: "True when no feedback was given and today (in the Netherlands) lies after feedbackDueOn." })
  feedbackOverdue: boolean;

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @Field(() => Boolean, { nullable: true, description: "Null until feedback is given; then whether it was given on or before feedbackDueOn." })
  feedbackOnTime: boolean | null;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field()
  createdAt: Date;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field()
  updatedAt: Date;
}

export const CaseConnection = connectionOf("Case", Case);

@InputType({ description: "Filters on the cases list; all given filters must hold." })
export class CaseFilter {
  @Selects("Case.team")
  @Field(() => ID, { nullable: true, description: "The team's slug." })
  teamId?: string | null;

  @Selects("Case.status")
  @Field(() => CaseStatus, { nullable: true })
  status?: CaseStatus | null;

  @Selects("Tenant.cases")
  @Field(() => ID, { nullable: true, description: "The tenant (household contact person)." })
  tenantId?: string | null;

  @Selects("Case.openedOn")
  @Field(() => DateScalar, { nullable: true, description: "Opened on or after this day." })
  openedFrom?: string | null;

  @Selects("Case.openedOn")
  @Field(() => DateScalar, { nullable: true, description: "Opened on or before this day." })
  openedTo?: string | null;

  @Selects("Case.feedbackOverdue", "Case.feedbackOnTime")
  @Field(() => FeedbackState, { nullable: true, description: "Where the case stands with its feedback: AWAITED, OVERDUE, ON_TIME or LATE." })
  feedback?: FeedbackState | null;

  @Selects("Case.feedbackDueOn")
  @Field(() => DateScalar, { nullable: true, description: "Feedback due on or before this day, given or not; with feedback: AWAITED, what falls due by then." })
  feedbackDueBy?: string | null;
}

@ArgsType()
export class CloseCaseArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => CaseOutcome, { description: "The DDAS end result of the case." })
  outcome: CaseOutcome;

  @Field(() => DateScalar, { nullable: true, description: "The day the case closed; default today in the Netherlands." })
  closedOn?: string | null;
}

@ArgsType()
export class CasesArgs extends PageArgs {
  @Field(() => CaseFilter, { nullable: true })
  filter?: CaseFilter | null;
}
