import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";
import { ContactKind, PartOfDay } from "./contact-attempt.enums.js";

@ObjectType({ description: "One try by the team to reach the household (contactpoging, DDAS)." })
export class ContactAttempt {
  @Field(() => ID)
  id: string;

  @Field(() => ContactKind)
  kind: ContactKind;

  @Field({ description: "Whether the household was reached (DDAS bereikt)." })
  reached: boolean;

  @Field(() => DateScalar, { description: "The day of the attempt." })
  on: string;

  @Field(() => PartOfDay)
  partOfDay: PartOfDay;
}

@InputType({ description: "One try to reach the household, as the team records it (contactpoging, DDAS)." })
export class ContactAttemptInput {
  @Field(() => ContactKind)
  kind: ContactKind;

  @Field({ description: "Whether the household was reached." })
  reached: boolean;

  @Field(() => DateScalar, { description: "The day of the attempt: not before the case reached the team, not in the future." })
  on: string;

  @Field(() => PartOfDay)
  partOfDay: PartOfDay;
}

@ArgsType()
export class RecordContactAttemptArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => ContactAttemptInput)
  attempt: ContactAttemptInput;
}
