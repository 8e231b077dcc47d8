import { Directive, Field, ID, ObjectType } from "type-graphql";

/**
 * A tenant (huurder) as sdv knows it: only the id. The corporations subgraph owns the tenant's
 * contact data and arrears; sdv contributes the tenant's signals (Tenant.signals).
 */
@Directive('@key(fields: "id")')
// No description here: the owner's description is the one the supergraph shows.
@ObjectType()
export class Tenant {
  @Field(() => ID)
  id: string;
}
