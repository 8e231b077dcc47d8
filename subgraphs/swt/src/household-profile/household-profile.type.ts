import { Field, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

@ObjectType({
  description: "What the SWT knows of a household (huishoudprofiel): known since when, children under 18, a member aged 65+ (the inputs of priority III).",
})
export class HouseholdProfile {
  @Field(() => DateScalar, { nullable: true, description: "Known at the SWT since this day; null when not known there." })
  knownSince: string | null;

  @Field({ description: "The household has children under 18." })
  childrenUnder18: boolean;

  @Field({ description: "The household has a member aged 65 or over." })
  member65Plus: boolean;
}
