import { Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

/** The four steps of socially responsible collection (MVI), as the covenant lists them (Art. 3.2). */
export enum CollectionStepKind {
  PAYMENT_REMINDER = "PAYMENT_REMINDER",
  PERSONAL_CONTACT_ATTEMPT = "PERSONAL_CONTACT_ATTEMPT",
  DEBT_HELP_REFERRAL = "DEBT_HELP_REFERRAL",
  DATA_SHARING_NOTICE = "DATA_SHARING_NOTICE",
}
registerEnumType(CollectionStepKind, {
  name: "CollectionStepKind",
  description: "The four steps of socially responsible collection that must precede a signal (Art. 3.2).",
  valuesConfig: {
    PAYMENT_REMINDER: { description: "A written payment reminder was sent." },
    PERSONAL_CONTACT_ATTEMPT: { description: "The corporation tried to get in personal contact about preventing or ending the arrears." },
    DEBT_HELP_REFERRAL: { description: "The tenant was pointed to debt help." },
    DATA_SHARING_NOTICE: { description: "The tenant was told that their data will be passed to the municipality." },
  },
});

/** A step of socially responsible collection (incasso-stap) the corporation took with a tenant. */
@ObjectType({ description: "A step of socially responsible collection the corporation took with a tenant (incasso-stap)." })
export class CollectionStep {
  @Field(() => ID)
  id: string;

  @Field({ description: "The corporation's own reference of the step." })
  reference: string;

  @Field(() => CollectionStepKind)
  kind: CollectionStepKind;

  @Field(() => DateScalar)
  takenOn: string;

  @Field({ description: "Who took the step, as the corporation names them." })
  takenBy: string;

  tenantId: string;
}

@InputType({ description: "A collection step as the corporation records it; its reference identifies it." })
export class CollectionStepInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the caller acts for exactly one." })
  corporationId?: string | null;

  @Field({ description: "The corporation's own reference of the tenant (upsertTenant first)." })
  tenantReference: string;

  @Field({ description: "The corporation's own reference of the step: a repeated call with it updates the step. Unique within the corporation." })
  reference: string;

  @Field(() => CollectionStepKind)
  kind: CollectionStepKind;

  @Field(() => DateScalar, { description: "The day the step was taken; not in the future." })
  takenOn: string;

  @Field({ description: "Who took the step: an employee, a team or a collection agency." })
  takenBy: string;
}
