import { Directive, Field, ID, ObjectType } from "type-graphql";
import { TeamKind } from "./team.enums.js";

/**
 * A team that holds cases: a social neighbourhood team (sociaal wijkteam) or the budget coach. An
 * entity, so that sdv can name the team it forwards to. Every partner may know which teams there are.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A team that holds cases: a social neighbourhood team (sociaal wijkteam, SWT) of Haarlem or Zandvoort, or the budget coach." })
export class Team {
  @Field(() => ID, { description: "Stable slug, e.g. haarlem-schalkwijk or zandvoort." })
  id: string;

  @Field()
  name: string;

  @Field({ description: "CBS code of the municipality the team works for: 0392 Haarlem, 0473 Zandvoort (the budget coach, serving both, is registered under Haarlem)." })
  municipalityCode: string;

  @Field(() => TeamKind)
  kind: TeamKind;
}
