import { Field, ID, ObjectType } from "type-graphql";

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
