import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { YearMonthScalar } from "../../../shared/src/scalars.js";
import { PriorityLevel } from "../priority/priority.type.js";
import { ReferralTarget } from "../referral/referral.type.js";
import { SignalChannel, SignalStatus } from "../signal/signal.enums.js";
import { Selects, selectsByEnumValue } from "../../../shared/src/selection-rules.js";

/** What signals can be counted by. Every key is a category shared by many households, never one that names a person. */
export enum SignalGroup {
  MONTH = "MONTH",
  MUNICIPALITY = "MUNICIPALITY",
  CORPORATION = "CORPORATION",
  PRIORITY = "PRIORITY",
  STATUS = "STATUS",
  CHANNEL = "CHANNEL",
  FORWARDED_TO = "FORWARDED_TO",
}
registerEnumType(SignalGroup, {
  name: "SignalGroup",
  description: "A key to count signals by.",
  valuesConfig: {
    MONTH: { description: "The reporting month." },
    MUNICIPALITY: { description: "The municipality of the tenant's address (CBS code)." },
    CORPORATION: { description: "The corporation that submitted the signal." },
    PRIORITY: { description: "The priority level that counts (an override when there is one)." },
    STATUS: { description: "The signal's status." },
    CHANNEL: { description: "How the signal arrived (VPS or e-mail)." },
    FORWARDED_TO: { description: "Whether it went to the SWT or the budget coach." },
  },
});
selectsByEnumValue("SignalGroup", {
  MONTH: "SignalCountCell.month",
  MUNICIPALITY: "SignalCountCell.municipalityCode",
  CORPORATION: "SignalCountCell.corporationId",
  PRIORITY: "SignalCountCell.priorityLevel",
  STATUS: "SignalCountCell.status",
  CHANNEL: "SignalCountCell.channel",
  FORWARDED_TO: "SignalCountCell.forwardedTo",
});

@InputType({ description: "Which signals to count; all given filters must hold." })
export class SignalCountFilter {
  @Selects("SignalCountCell.month")
  @Field(() => YearMonthScalar, { nullable: true, description: "First reporting month counted." })
  fromMonth?: string | null;

  @Selects("SignalCountCell.month")
  @Field(() => YearMonthScalar, { nullable: true, description: "Last reporting month counted." })
  toMonth?: string | null;

  @Selects("SignalCountCell.municipalityCode")
  @Field(() => String, { nullable: true, description: "CBS code of the municipality." })
  municipalityCode?: string | null;

  @Selects("SignalCountCell.corporationId")
  @Field(() => ID, { nullable: true })
  corporationId?: string | null;
}

@ArgsType()
export class SignalCountsArgs {
  @Field(() => [SignalGroup], { description: "The keys to count by; none gives one cell with the total." })
  groupBy: SignalGroup[];

  @Field(() => SignalCountFilter, { nullable: true })
  filter?: SignalCountFilter | null;
}

/**
 * One cell of the counts of signals (aantallen signalen) by the keys asked. A cell that counts fewer than
 * SUPPRESSION_THRESHOLD households is suppressed: its counts are null, so no one is identifiable.
 */
@ObjectType({
  description:
    "One cell of a count of signals. A key is null when not grouped by (or, for priority and forwarding, when there is none yet). A cell counting fewer than 5 households is suppressed: its counts are null.",
})
export class SignalCountCell {
  @Field(() => YearMonthScalar, { nullable: true })
  month: string | null;

  @Field(() => String, { nullable: true })
  municipalityCode: string | null;

  @Field(() => ID, { nullable: true })
  corporationId: string | null;

  @Field(() => PriorityLevel, { nullable: true })
  priorityLevel: PriorityLevel | null;

  @Field(() => SignalStatus, { nullable: true })
  status: SignalStatus | null;

  @Field(() => SignalChannel, { nullable: true })
  channel: SignalChannel | null;

  @Field(() => ReferralTarget, { nullable: true })
  forwardedTo: ReferralTarget | null;

  @Field(() => Int, { nullable: true, description: "Distinct households (tenants) counted; null when suppressed." })
  households: number | null;

  @Field(() => Int, { nullable: true, description: "Signals counted; null when suppressed." })
  signals: number | null;

  @Field({ description: "True when the cell counts fewer than 5 households and its counts are withheld." })
  suppressed: boolean;
}
