import { ArgsType, Field, ID, InputType, ObjectType, registerEnumType } from "type-graphql";
import { PageArgs, connectionOf } from "../../../shared/src/pagination.js";
import { DateScalar } from "../../../shared/src/scalars.js";
import { Corporation } from "../corporation/corporation.type.js";
import { Selects } from "../../../shared/src/selection-rules.js";

export enum RegisterEntryKind {
  EVICTION = "EVICTION",
  KEYS_RETURNED = "KEYS_RETURNED",
  EVICTION_PREVENTED = "EVICTION_PREVENTED",
}
registerEnumType(RegisterEntryKind, {
  name: "RegisterEntryKind",
  description: "The registers a corporation keeps under Art. 6.4.",
  valuesConfig: {
    EVICTION: { description: "An eviction (ontruiming), with its reason and target group." },
    KEYS_RETURNED: { description: "The tenant returned the keys voluntarily (sleutelinlevering)." },
    EVICTION_PREVENTED: { description: "An eviction prevented after a notice of eviction (aanzegging)." },
  },
});

/** Whether a household is in a target group of Art. 6.4; the registers record it "if that is known". */
export enum Membership {
  YES = "YES",
  NO = "NO",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(Membership, {
  name: "TargetGroupMembership",
  description: 'Whether a household belongs to a target group of Art. 6.4: YES, NO, or UNKNOWN when the corporation does not know ("als dat bekend is").',
});

/** An entry in a corporation's registers of Art. 6.4. */
@ObjectType({ description: "An entry in a corporation's registers of Art. 6.4: an eviction, keys returned, or an eviction prevented." })
export class RegisterEntry {
  @Field(() => ID)
  id: string;

  @Field({ description: "The corporation's own reference of the entry." })
  reference: string;

  @Field(() => Corporation)
  corporation: Corporation;

  @Field(() => RegisterEntryKind)
  kind: RegisterEntryKind;

  @Field(() => DateScalar)
  occurredOn: string;

  @Field({ description: "CBS code of the municipality the home lies in." })
  municipalityCode: string;

  @Field(() => Membership, { description: "Target group: the household has children under 18 (YES, NO, or UNKNOWN)." })
  withChildren: Membership;

  @Field(() => Membership, { description: "Target group: the household has a member aged 65 or over (YES, NO, or UNKNOWN)." })
  aged65Plus: Membership;

  @Field(() => String, { nullable: true, description: "Why the tenant was evicted; always given for an eviction." })
  reason: string | null;

  corporationId: string;
}

export const RegisterEntryConnection = connectionOf("RegisterEntry", RegisterEntry);

@InputType({ description: "Filters on the register entries; all given filters must hold." })
export class RegisterEntryFilter {
  @Selects("RegisterEntry.corporation")
  @Field(() => ID, { nullable: true })
  corporationId?: string | null;

  @Selects("RegisterEntry.kind")
  @Field(() => RegisterEntryKind, { nullable: true })
  kind?: RegisterEntryKind | null;

  @Selects("RegisterEntry.municipalityCode")
  @Field(() => String, { nullable: true, description: "CBS code of the municipality." })
  municipalityCode?: string | null;

  @Selects("RegisterEntry.occurredOn")
  @Field(() => DateScalar, { nullable: true, description: "Entries that occurred on or after this day." })
  from?: string | null;

  @Selects("RegisterEntry.occurredOn")
  @Field(() => DateScalar, { nullable: true, description: "Entries that occurred on or before this day." })
  to?: string | null;
}

@ArgsType()
export class RegisterEntriesArgs extends PageArgs {
  @Field(() => RegisterEntryFilter, { nullable: true })
  filter?: RegisterEntryFilter | null;
}

@InputType({ description: "A register entry as the corporation records it; its reference identifies it." })
export class RegisterEntryInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the caller acts for exactly one." })
  corporationId?: string | null;

  @Field({ description: "The corporation's own reference of the entry: a repeated call with it updates it. Unique within the corporation." })
  reference: string;

  @Field(() => RegisterEntryKind)
  kind: RegisterEntryKind;

  @Field(() => DateScalar, { description: "The day it happened; not in the future." })
  occurredOn: string;

  @Field({ description: "CBS code of the municipality the home lies in, four digits." })
  municipalityCode: string;

  @Field(() => Membership, {
    defaultValue: Membership.UNKNOWN,
    description: "Target group: the household has children under 18. Leave it out, or send UNKNOWN, when you do not know; it is then counted apart, never as NO.",
  })
  withChildren: Membership;

  @Field(() => Membership, {
    defaultValue: Membership.UNKNOWN,
    description: "Target group: the household has a member aged 65 or over. Leave it out, or send UNKNOWN, when you do not know.",
  })
  aged65Plus: Membership;

  @Field(() => String, { nullable: true, description: "Why the tenant was evicted: required for EVICTION." })
  reason?: string | null;
}
