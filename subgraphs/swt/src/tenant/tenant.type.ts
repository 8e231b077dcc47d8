import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A tenant (huurder) is owned by the corporations subgraph. swt knows only its id and contributes the
 * household's cases and household profile.
 */
@Directive('@key(fields: "id")')
@ObjectType({ description: "A tenant (huurder), owned by corporations; swt adds the household's cases and profile." })
export class Tenant {
  @Field(() => ID)
  id: string;
}
