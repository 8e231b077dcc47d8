import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A housing corporation (woningcorporatie) that signed the covenant: Elan Wonen, Pré Wonen or Ymere. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A housing corporation that signed the covenant (woningcorporatie)." })
export class Corporation {
  @Field(() => ID, { description: "Stable id: elan-wonen, pre-wonen or ymere." })
  id: string;

  @Field()
  name: string;

  @Field({ description: "Where the corporation has its registered seat." })
  seat: string;
}
