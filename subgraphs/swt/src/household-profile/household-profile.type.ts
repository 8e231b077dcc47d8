import { Directive, Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import { Selects } from "../../../shared/src/selection-rules.js";

/**
 * A household profile (huishoudprofiel): what the SWT knows of a household, by its address. An SWT
 * team reads its own households: recorded by it, at an address in its postcode areas, or with a case
 * of its team; the budget coach those it recorded itself.
 */
@ObjectType({
  description: "What the SWT knows of a household (huishoudprofiel), by its address: known since when, children under 18, a member aged 65+ (the inputs of priority III).",
})
export class HouseholdProfile {
  @Field(() => ID)
  id: string;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => String, { nullable: true, description: 'Postcode of the household\'s address, as "2033 AB"; null on a profile recorded by tenant, before addresses were kept.' })
  postcode: string | null;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => Int, { nullable: true, description: "House number of the address." })
  houseNumber: number | null;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field({ description: 'House letter and addition, upper case without separators ("A", "2"); empty when none.' })
  houseNumberAddition: string;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => String, { nullable: true, description: "CBS code of the municipality the address lies in." })
  municipalityCode: string | null;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field(() => DateScalar, { nullable: true, description: "Known at the SWT since this day; null when not known there." })
  knownSince: string | null;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field({ description: "The household has children under 18." })
  childrenUnder18: boolean;

  @ReadableBy("SWT", "BUDGET_COACH")
  @Field({ description: "The household has a member aged 65 or over." })
  member65Plus: boolean;
}

@InputType({ description: "A Dutch address as the SWT knows a household by it." })
export class HouseholdAddressInput {
  // An address looks a household up: whoever asks must be one who may read the profile's address.
  @Selects("HouseholdProfile.postcode")
  @Field({ description: 'Postcode, four digits and two letters: "2033 AB" or "2033ab".' })
  postcode: string;

  @Selects("HouseholdProfile.houseNumber")
  @Field(() => Int, { description: "House number, 1 to 99999." })
  houseNumber: number;

  @Selects("HouseholdProfile.houseNumberAddition")
  @Field(() => String, { nullable: true, description: 'House letter and/or addition, e.g. "A", "2", "bis"; at most 6 letters and digits (spaces and dashes are dropped).' })
  addition?: string | null;
}

@InputType({ description: "What the team knows of the household at an address (Art. 5.3, priority III)." })
export class HouseholdInput {
  @Field(() => HouseholdAddressInput)
  address: HouseholdAddressInput;

  @Field(() => DateScalar, { nullable: true, description: "Known at the SWT since this day; default what was recorded before, else today. Not in the future." })
  knownSince?: string | null;

  @Field({ description: "The household has children under 18." })
  childrenUnder18: boolean;

  @Field({ description: "The household has a member aged 65 or over." })
  member65Plus: boolean;
}

/** A household the sdv subgraph asks about: the tenant of a signal and the address the corporation registered. */
@Directive("@inaccessible")
@InputType({ description: "The tenant of a signal and its address as the corporation registered it." })
export class HouseholdKeyInput {
  @Field(() => ID)
  tenantId: string;

  @Field(() => String, { nullable: true, description: 'Postcode as registered, e.g. "2033 AB".' })
  postcode?: string | null;

  @Field(() => String, { nullable: true, description: 'House number with letter or addition as registered, e.g. "12", "12a", "12-2".' })
  houseNumber?: string | null;
}

/**
 * What may leave the SWT of a household profile, for the priority of a signal (Art. 5.3): the fact
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
