import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";

@ObjectType({ description: "A note of a team worker on a case; for the own team only." })
export class CaseNote {
  @Field(() => ID)
  id: string;

  @Field()
  text: string;

  @Field({ description: "The worker who wrote it." })
  author: string;

  @Field()
  createdAt: Date;
}

@InputType({ description: "A note to add to a case." })
export class CaseNoteInput {
  @Field({ description: "The note, 1 to 4000 characters." })
  text: string;

  @Field(() => ID, {
    nullable: true,
    description: "A uuid you choose for the note, so that sending it again (after a timeout, say) answers the note instead of adding a second one.",
  })
  noteId?: string | null;
}

@ArgsType()
export class AddCaseNoteArgs {
  @Field(() => ID)
  caseId: string;

  @Field(() => CaseNoteInput)
  note: CaseNoteInput;
}
