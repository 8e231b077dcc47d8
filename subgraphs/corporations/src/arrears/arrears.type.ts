import { Field, ID, InputType, Int, ObjectType } from "type-graphql";
import { Phase } from "../../../shared/src/covenant/phase.enum.js";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";

/** Collection phase, shared with the sdv subgraph (a signal's phase as delivered). */
export { Phase };

/** A tenant's current rent arrears (betalingsachterstand). */
@ObjectType({ description: "A tenant's current rent arrears (betalingsachterstand)." })
export class Arrears {
  @Field(() => Int, { description: "The amount owed, in euro cents; always above zero." })
  amountCents: number;

  @Field(() => DateScalar, { description: "The oldest unpaid due date." })
  since: string;

  @Field(() => Phase)
  phase: Phase;

  @Field(() => DateScalar, { nullable: true, description: "The date the corporation plans to hand the arrears to the bailiff." })
  bailiffHandoverOn: string | null;

  @Field(() => DateTimeScalar, { description: "When the corporation last changed this record." })
  updatedAt: Date;
}

@InputType({ description: "A tenant's current arrears as the corporation reports them; the tenant's reference identifies the record." })
export class ArrearsInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the caller acts for exactly one." })
  corporationId?: string | null;

  @Field({ description: "The corporation's own reference of the tenant (upsertTenant first)." })
  tenantReference: string;

  @Field(() => Int, {
    description: "The amount owed in euro cents, 0 to 100,000,000 (EUR 1,000,000). 0 means the arrears are paid off: the record is removed, as with clearArrears.",
  })
  amountCents: number;

  @Field(() => DateScalar, { description: "The oldest unpaid due date; not in the future." })
  since: string;

  @Field(() => Phase)
  phase: Phase;

  @Field(() => DateScalar, { nullable: true, description: "The planned hand-over to the bailiff, if any; not before since." })
  bailiffHandoverOn?: string | null;
}

@InputType({ description: "Names a tenant whose arrears are paid off." })
export class ClearArrearsInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the caller acts for exactly one." })
  corporationId?: string | null;

  @Field({ description: "The corporation's own reference of the tenant." })
  tenantReference: string;
}
