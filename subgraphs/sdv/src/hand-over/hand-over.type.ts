import { Directive, Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

/**
 * A case handed over by its team to another team or the budget coach (overdracht), as the swt
 * subgraph reports it. Hidden from the public graph, like the mutation that takes it.
 */
@Directive("@inaccessible")
@InputType({ description: "A case a team handed over: its signals, the team and case that have them now, the day of forwarding and why." })
export class HandOverInput {
  @Field(() => [ID])
  signalIds: string[];

  @Field(() => ID, { description: "The case at the new team." })
  caseId: string;

  @Field(() => ID, { description: "The new team: an SWT team of the signals' municipality, or budget-coach." })
  teamId: string;

  @Field(() => DateScalar, { description: "Day zero of the new team's feedback term." })
  forwardedOn: string;

  @Field({ description: "The reason the team gave." })
  reason: string;
}
