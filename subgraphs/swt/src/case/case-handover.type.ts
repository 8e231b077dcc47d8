import { ArgsType, Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";
import { Case } from "./case.type.js";

@ArgsType()
export class HandOverCaseArgs {
  @Field(() => ID, { description: "A case your team holds (the budget coach: one of its referrals), not closed." })
  caseId: string;

  @Field(() => ID, { description: "The team that is to take it over: a team of the case's municipality, or budget-coach." })
  toTeamId: string;

  @Field({ description: "Why (wrong neighbourhood, moved house, ...); at most 2000 characters. Kept with the hand-over." })
  reason: string;
}

@ObjectType({ description: "A case handed over to another team: closed as TRANSFERRED here, going on in a case of the new team." })
export class CaseHandOver {
  @Field(() => Case, { description: "Your case, now CLOSED with the outcome TRANSFERRED." })
  handedOverCase: Case;

  @Field(() => ID)
  toTeamId: string;

  @Field(() => ID, { description: "The case at the new team (which you cannot read)." })
  newCaseId: string;

  @Field(() => DateScalar, { description: "The day of forwarding to the new team: day zero of its feedback term." })
  forwardedOn: string;

  @Field({ description: "False when sdv could not be told yet: it is told with your team's next hand-over." })
  reportedToSdv: boolean;
}
