import { GraphQLJSON } from "graphql-scalars";
import { ArgsType, Field } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

/**
 * Any JSON value. Only the DDAS export answers with it: the document's shape is the national
 * standard's (its JSON Schema), not this graph's, and it is checked against that schema instead.
 */
export const JSONScalar = GraphQLJSON;

@ArgsType()
export class DdasExportArgs {
  @Field({ description: "CBS code of the municipality whose delivery (levering) this is: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;

  @Field(() => DateScalar, { description: "First day of the period (startdatumLevering): signals dated on or after it are reported." })
  from: string;

  @Field(() => DateScalar, { description: "Last day of the period (einddatumLevering), at most a year after `from`." })
  to: string;
}
