import { Directive, Field, ID, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

/*
 * A case as the DDAS-Vroegsignalering v1.2 export reports it (vroegsignaalzaak), already in the
 * standard's words. Internal: only `ddasCases` returns these types, and it is hidden from the public
 * graph, so they are hidden too.
 */

/** A contact attempt (contactpoging) in DDAS's words. */
@Directive("@inaccessible")
@ObjectType({ description: "A contact attempt as DDAS reports it (contactpoging)." })
export class DdasContactAttempt {
  @Field({ description: 'How the household was approached, as DDAS writes it (EnumContactsoort), e.g. "Huisbezoek".' })
  kind: string;

  @Field({ description: "Whether the household was reached (bereikt)." })
  reached: boolean;

  @Field(() => DateScalar, { description: "The day of the attempt (datum)." })
  on: string;

  @Field({ description: 'Part of the day, as DDAS writes it (EnumDagdeel): "Ochtend", "Middag" or "Avond".' })
  partOfDay: string;
}

/** A case (vroegsignaalzaak) in DDAS's words: its signals, end result, day taken up and contact attempts. */
@Directive("@inaccessible")
@ObjectType({ description: "A case as the DDAS export reports it (vroegsignaalzaak)." })
export class DdasCase {
  @Field(() => ID)
  id: string;

  @Field(() => [ID], { description: "Every signal the case holds, the one that opened it first." })
  signalIds: string[];

  @Field(() => String, { nullable: true, description: "The end result as DDAS writes it (EnumEindresultaat); null while none is set." })
  outcome: string | null;

  @Field(() => DateScalar, { description: "The day the team took the case up (datumOpgepakt)." })
  openedOn: string;

  @Field(() => [DdasContactAttempt], { description: "Every contact attempt of the case, oldest first." })
  contactAttempts: DdasContactAttempt[];
}
