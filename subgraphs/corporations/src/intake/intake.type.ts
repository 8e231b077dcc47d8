import { ArgsType, Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";
import { Phase } from "../arrears/arrears.type.js";
import { CollectionStepKind } from "../collection-step/collection-step.type.js";

/*
 * What the sdv subgraph checks a corporation's signal against on intake (Art. 1, 3, 4), read in one
 * go for a whole monthly batch. Internal: only `intakeFacts` returns these types, and it is hidden
 * from the public graph, so the types are hidden too; the public graph keeps Tenant, Arrears and
 * CollectionStep as they are.
 */

/** A tenant's current arrears as the intake needs them (betalingsachterstand, Art. 1 and 5.2). */
@Directive("@inaccessible")
@ObjectType({ description: "A tenant's current arrears, as the signal intake checks them." })
export class IntakeArrears {
  @Field(() => Int, { description: "The amount owed, in euro cents; always above zero." })
  amountCents: number;

  @Field(() => DateScalar, { description: "The oldest unpaid due date." })
  since: string;

  @Field(() => Phase)
  phase: Phase;

  @Field(() => DateScalar, { nullable: true, description: "The date the corporation plans to hand the arrears to the bailiff." })
  bailiffHandoverOn: string | null;
}

/** A collection step (incasso-stap, MVI) as the intake needs it: which one and when. */
@Directive("@inaccessible")
@ObjectType({ description: "A step of socially responsible collection (incasso-stap): which step, and the day it was taken." })
export class IntakeCollectionStep {
  @Field(() => CollectionStepKind)
  kind: CollectionStepKind;

  @Field(() => DateScalar)
  takenOn: string;
}

/** Everything the intake of one signal needs to know of the tenant, as the corporation recorded it. */
@Directive("@inaccessible")
@ObjectType({
  description:
    "The facts of one tenant that a signal is checked against on intake: address municipality and postcode, current arrears, collection steps, and whether an objection stands.",
})
export class IntakeTenantFacts {
  @Field({ description: "The corporation's own tenant reference, exactly as asked." })
  reference: string;

  @Field(() => ID)
  tenantId: string;

  @Field(() => ID)
  corporationId: string;

  @Field({ description: "CBS code of the municipality of the tenant's address: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;

  @Field({ description: 'Postcode of the tenant\'s address, normalised as "2033 AB".' })
  postcode: string;

  @Field({ description: 'House number with letter or addition as registered, e.g. "12" or "12a": with the postcode, the address the SWT knows the household by (Art. 5.3).' })
  houseNumber: string;

  @Field(() => IntakeArrears, { nullable: true, description: "The current arrears; null when the tenant has none." })
  arrears: IntakeArrears | null;

  @Field(() => [IntakeCollectionStep], {
    description:
      "Every collection step recorded, in the order taken, those of earlier arrears included: a step counts for a signal only when taken on or after the day the current arrears began (arrears.since).",
  })
  collectionSteps: IntakeCollectionStep[];

  @Field({ description: "An objection to data exchange (Art. 3.4) is recorded and not withdrawn." })
  hasStandingObjection: boolean;
}

@ArgsType()
export class IntakeFactsArgs {
  @Field(() => ID, { description: "The corporation whose tenants are asked about: the caller's own." })
  corporationId: string;

  @Field(() => [String], { description: "The corporation's own tenant references, matched exactly as registered; up to a whole monthly batch." })
  references: string[];
}
