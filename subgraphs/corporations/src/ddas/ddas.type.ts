import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

/**
 * A signalled tenant as the DDAS-Vroegsignalering v1.2 export identifies them (client): by address,
 * never by BSN, which the covenant's signals do not carry. Internal: only `ddasClients` returns it,
 * and it is hidden from the public graph.
 */
@Directive("@inaccessible")
@ObjectType({ description: "A tenant as the DDAS export identifies them (client): postcode and house number, and the day the arrears began." })
export class DdasClient {
  @Field(() => ID)
  tenantId: string;

  @Field({ description: "Postcode as DDAS writes it: four digits and two capitals without a space, e.g. 2033AB." })
  postcode: string;

  @Field({ description: "The house number (huisnummer), digits only." })
  houseNumber: string;

  @Field(() => String, { nullable: true, description: 'What follows the number (huisnummertoevoeging), e.g. "A" or "2"; null when nothing does.' })
  houseNumberAddition: string | null;

  @Field(() => DateScalar, { nullable: true, description: "The oldest unpaid due date of the current arrears (ontstaansdatum); null when the tenant has none." })
  arrearsSince: string | null;
}
