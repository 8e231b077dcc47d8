import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A signal (vroegsignaal) is owned by the sdv subgraph. swt knows only its id and contributes the
 * case that holds it (`Signal.case`).
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A signal of rent arrears (vroegsignaal), owned by sdv; swt adds the case that holds it." })
export class Signal {
  @Field(() => ID)
  id: string;
}
