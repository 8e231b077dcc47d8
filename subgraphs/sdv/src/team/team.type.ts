import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A team that holds cases (an SWT team or the budget coach) as sdv refers to it: by id only. The swt
 * subgraph owns it and resolves its name and municipality.
 */
@Directive('@key(fields: "id", resolvable: false)')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class Team {
  @Field(() => ID)
  id: string;
}
