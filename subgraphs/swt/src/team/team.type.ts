import { Directive, Field, ID, ObjectType } from "type-graphql";

/** A social neighbourhood team (sociaal wijkteam). An entity, so that sdv can name the team it forwards to. */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A social neighbourhood team (sociaal wijkteam, SWT) of Haarlem or Zandvoort." })
export class Team {
  @Field(() => ID, { description: "Stable slug, e.g. haarlem-schalkwijk or zandvoort." })
  id: string;

  @Field()
  name: string;

  @Field({ description: "CBS code of the municipality the team works for: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;
}
