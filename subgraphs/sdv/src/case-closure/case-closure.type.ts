import { Directive, Field, ID, InputType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

/**
 * The closure of one case (afsluiting van een casus) at the SWT or the budget coach, as the swt
 * subgraph reports it: the signals the case bundled and the day it was closed. Hidden from the public
 * graph, like the mutation that takes it.
 */
@Directive("@inaccessible")
@InputType({ description: "A case closed at the SWT or the budget coach: the signals it bundled and the day it was closed." })
export class CaseClosureInput {
  @Field(() => [ID], { description: "The signals of the case." })
  signalIds: string[];

  @Field(() => DateScalar, { description: "The day the case was closed; not after today in the Netherlands." })
  closedOn: string;
}
