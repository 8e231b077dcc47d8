import { Field, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar } from "../../../shared/src/scalars.js";

/** A household profile (huishoudprofiel): read by an SWT only, for households with a case of its own team. */
@ObjectType({
  description: "What the SWT knows of a household (huishoudprofiel): known since when, children under 18, a member aged 65+ (the inputs of priority III).",
})
export class HouseholdProfile {
  @ReadableBy("SWT")
  @Field(() => DateScalar, { nullable: true, description: "Known at the SWT since this day; null when not known there." })
  knownSince: string | null;

  @ReadableBy("SWT")
  @Field({ description: "The household has children under 18." })
  childrenUnder18: boolean;

  @ReadableBy("SWT")
  @Field({ description: "The household has a member aged 65 or over." })
  member65Plus: boolean;
}
