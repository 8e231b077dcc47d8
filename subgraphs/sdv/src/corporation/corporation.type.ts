import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A housing corporation (woningcorporatie) as sdv refers to it: by id only. The corporations subgraph
 * owns it and resolves its fields; sdv never resolves a Corporation itself.
 */
@Directive('@key(fields: "id", resolvable: false)')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class Corporation {
  @Field(() => ID, { description: "Stable id: elan-wonen, pre-wonen or ymere." })
  id: string;
}
