import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PersonalData } from "../../../shared/src/access-log.js";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";
import { Phase } from "../signal/signal.enums.js";

/** The levels of Art. 5.3; I is the most urgent. */
export enum PriorityLevel {
  I = "I",
  II = "II",
  III = "III",
  IV = "IV",
}
registerEnumType(PriorityLevel, {
  name: "PriorityLevel",
  description: "Priority of a signal (Art. 5.3); the highest applicable level wins.",
  valuesConfig: {
    I: { description: "With the bailiff, or about to be handed to the bailiff." },
    II: { description: "Arrears at or above the threshold amount." },
    III: { description: "Known at the SWT and with children under 18 or a member aged 65+." },
    IV: { description: "Arrears under the threshold: routed to the budget coach." },
  },
});

@ObjectType({ description: "The facts a priority was computed from, as they were at the time." })
export class PriorityInputs {
  @Field(() => DateScalar, { description: "The date the rules were applied to (the signal date)." })
  signalDate: string;

  @Field(() => Int, { description: "Arrears in euro cents as delivered." })
  amountCents: number;

  @Field(() => Phase, { description: "Collection phase as delivered." })
  phase: Phase;

  @Field(() => DateScalar, { nullable: true, description: "Planned hand-over to the bailiff as delivered." })
  bailiffHandoverOn: string | null;

  @Field(() => Int, { description: "The threshold amount in euro cents that applied." })
  thresholdCents: number;

  @Field(() => Int, { nullable: true, description: "Days before a planned bailiff hand-over in which priority I applies." })
  bailiffWindowDays: number | null;

  @Field({
    description:
      "Whether priority III applies: the household is known at the SWT and has children under 18 or a member aged 65+. Only this derived fact is kept, not the household profile.",
  })
  knownVulnerableAtSwt: boolean;
}

/** Who reads a priority's level: the SWT and the budget coach act on it, but see no more of it. */
export const PRIORITY_LEVEL_READERS = ["SDV", "SWT", "BUDGET_COACH"] as const;

/** The person whose arrears a priority's inputs and reason state: the access log records a read under this id. */
const tenantOfPriority = (priority: { tenantId?: string }) => priority.tenantId;

/**
 * The priority (prioriteit) of one signal, with what produced it and any override beside it.
 * The rule, reason, inputs and override are SDV's working data: the SWT and the budget coach see the
 * level only, a corporation nothing (the covenant matrix, "priority, reason, rule").
 */
@ObjectType({ description: "The priority of a signal (prioriteit, Art. 5.3): level, rule, reason, inputs, threshold and any override." })
export class Priority {
  @ReadableBy("SDV")
  @Field(() => ID)
  id: string;

  @ReadableBy(...PRIORITY_LEVEL_READERS)
  @Field(() => PriorityLevel, { description: "The level the covenant's rules gave." })
  level: PriorityLevel;

  @ReadableBy(...PRIORITY_LEVEL_READERS)
  @Field(() => PriorityLevel, { description: "The level that counts: the override when there is one, otherwise the computed level." })
  effectiveLevel: PriorityLevel;

  @ReadableBy("SDV")
  @Field({ description: "The rule that decided, e.g. II.ABOVE_THRESHOLD." })
  rule: string;

  @ReadableBy("SDV")
  @PersonalData(tenantOfPriority)
  @Field({ description: "Why, in words." })
  reason: string;

  @ReadableBy("SDV")
  @PersonalData(tenantOfPriority)
  @Field(() => PriorityInputs)
  inputs: PriorityInputs;

  @ReadableBy("SDV")
  @Field(() => DateTimeScalar)
  computedAt: Date;

  @ReadableBy("SDV")
  @Field(() => PriorityLevel, { nullable: true, description: "The level an SDV worker set instead of the computed one." })
  overrideLevel: PriorityLevel | null;

  @ReadableBy("SDV")
  @Field(() => String, { nullable: true })
  overrideReason: string | null;

  @ReadableBy("SDV")
  @Field(() => String, { nullable: true, description: "The SDV worker who overrode the level." })
  overriddenBy: string | null;

  @ReadableBy("SDV")
  @Field(() => DateTimeScalar, { nullable: true })
  overriddenAt: Date | null;
}
