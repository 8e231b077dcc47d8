import { ArgsType, Field, ID, InputType } from "type-graphql";
import { PageArgs } from "../../../shared/src/pagination.js";
import { YearMonthScalar } from "../../../shared/src/scalars.js";
import { Selects } from "../../../shared/src/selection-rules.js";
import { PriorityLevel } from "../priority/priority.type.js";
import { ReferralTarget } from "../referral/referral.type.js";
import { SignalStatus } from "../signal/signal.enums.js";

@InputType({ description: "Filters on the signals list; all given filters must hold." })
export class SignalFilter {
  @Selects("Signal.municipalityCode")
  @Field(() => String, { nullable: true, description: "CBS code of the municipality." })
  municipalityCode?: string | null;

  @Selects("Signal.corporation")
  @Field(() => ID, { nullable: true })
  corporationId?: string | null;

  @Selects("Signal.reportingMonth")
  @Field(() => YearMonthScalar, { nullable: true })
  reportingMonth?: string | null;

  @Selects("Signal.status")
  @Field(() => SignalStatus, { nullable: true })
  status?: SignalStatus | null;

  @Selects("Signal.priority.effectiveLevel")
  @Field(() => PriorityLevel, { nullable: true, description: "The level that counts: an override when there is one." })
  priorityLevel?: PriorityLevel | null;

  @Selects("Signal.tenant")
  @Field(() => ID, { nullable: true })
  tenantId?: string | null;

  @Selects("Signal.forwarding.target")
  @Field(() => ReferralTarget, { nullable: true, description: "Forwarded to the SWT or to the budget coach." })
  forwardedTo?: ReferralTarget | null;

  @Selects("Signal.forwarding.teamId")
  @Field(() => ID, { nullable: true, description: "Forwarded to this team (slug, e.g. haarlem-schalkwijk; budget-coach for the budget coach)." })
  teamId?: string | null;
}

@ArgsType()
export class SignalsArgs extends PageArgs {
  @Field(() => SignalFilter, { nullable: true })
  filter?: SignalFilter | null;
}
