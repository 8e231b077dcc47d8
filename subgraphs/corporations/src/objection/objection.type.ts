import { Field, ID, InputType, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";

/** A tenant's objection (bezwaar) to the exchange of their data with the municipality (Art. 3.4). */
@ObjectType({ description: "A tenant's objection to the exchange of their data with the municipality (bezwaar, Art. 3.4)." })
export class Objection {
  @Field(() => ID)
  id: string;

  @Field({ description: "The corporation's own reference of the objection." })
  reference: string;

  @Field(() => DateScalar, { description: "The day the tenant objected." })
  recordedOn: string;

  @Field(() => DateScalar, { nullable: true, description: "The day the tenant withdrew the objection; null while it stands." })
  withdrawnOn: string | null;

  @ReadableBy("CORPORATION")
  @Field(() => DateTimeScalar, {
    nullable: true,
    description: "When sdv and swt confirmed they erased what they held about the tenant; null while pending.",
  })
  downstreamErasedAt: Date | null;

  tenantId: string;
}

@InputType({ description: "An objection as the corporation records it; its reference identifies it." })
export class ObjectionInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the caller acts for exactly one." })
  corporationId?: string | null;

  @Field({ description: "The corporation's own reference of the tenant (upsertTenant first)." })
  tenantReference: string;

  @Field({ description: "The corporation's own reference of the objection: a repeated call with it updates it. Unique within the corporation." })
  reference: string;

  @Field(() => DateScalar, { description: "The day the tenant objected; not in the future." })
  recordedOn: string;
}

@InputType({ description: "The tenant's withdrawal of an objection recorded earlier." })
export class ObjectionWithdrawalInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the caller acts for exactly one." })
  corporationId?: string | null;

  @Field({ description: "The corporation's own reference of the objection." })
  reference: string;

  @Field(() => DateScalar, { description: "The day the tenant withdrew the objection; not before it was recorded, not in the future." })
  withdrawnOn: string;
}
