import { ArgsType, Directive, Field, ID, InputType, ObjectType } from "type-graphql";
import { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { DateScalar } from "../../../shared/src/scalars.js";

/** A signal sdv forwarded to a team (doorzetten), as sdv tells swt: what a case needs to open or grow. */
@Directive("@inaccessible")
@InputType({ description: "A signal sdv forwarded to a team: what opens a case, or joins one." })
export class ReferralInput {
  @Field(() => ID, { description: "The Signal (sdv)." })
  signalId: string;

  @Field(() => ID, { description: "The household's contact person (a Tenant of corporations)." })
  tenantId: string;

  @Field(() => ID, { description: "The corporation that signalled the household; the feedback goes to it." })
  corporationId: string;

  @Field({ description: "CBS code of the municipality whose signal it is." })
  municipalityCode: string;

  @Field(() => ID, { description: "The team it was forwarded to: an SWT team's slug, or budget-coach." })
  teamId: string;

  @Field(() => DateScalar, { description: "The day it was forwarded." })
  forwardedOn: string;

  @Field(() => Phase, { description: "The collection phase as delivered; sets the feedback term." })
  phase: Phase;

  @Field({
    defaultValue: false,
    description: "True when sdv forwarded the signal anew to another holder (a changed priority, a reroute): the signal leaves the case it is in for one at teamId.",
  })
  move: boolean;
}

@Directive("@inaccessible")
@ObjectType({ description: "The case a forwarded signal is in." })
export class OpenedCase {
  @Field(() => ID)
  signalId: string;

  @Field(() => ID)
  caseId: string;

  @Field(() => ID, {
    description: "The team that holds the case: the team forwarded to, or another when the signal joined the household's open case there.",
  })
  teamId: string;

  @Field({ description: "True when the signal joined a case that was already there (or opened by an earlier signal of the same call)." })
  joinedExisting: boolean;
}

@ArgsType()
export class OpenCasesForReferralsArgs {
  @Field(() => [ReferralInput])
  referrals: ReferralInput[];
}
