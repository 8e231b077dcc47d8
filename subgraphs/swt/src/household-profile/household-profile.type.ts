import { Directive, Field, ID, ObjectType } from "type-graphql";
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

/**
 * What may leave the SWT of a household profile, for the priority of a signal (Art. 5.3): two facts
 * derived from it, never the profile itself. Internal: only `householdFacts` returns it, and that is
 * hidden from the public graph.
 */
@Directive("@inaccessible")
@ObjectType({ description: "Facts derived from a household profile for the priority of a signal (Art. 5.3); never the profile's own fields." })
export class HouseholdFact {
  @Field(() => ID, { description: "The tenant (household's contact person) the facts are about." })
  tenantId: string;

  @Field({ description: "Priority III applies: known at the SWT, and children under 18 or a member aged 65+." })
  priorityThreeApplies: boolean;
}
