import { ArgsType, Field, Int, ObjectType } from "type-graphql";
import { YearMonthScalar } from "../../../shared/src/scalars.js";
import { PriorityLevel } from "../priority/priority.type.js";
import { selectsByArgument } from "../../../shared/src/selection-rules.js";

@ArgsType()
export class ThresholdAnalysisArgs {
  @Field(() => YearMonthScalar, { description: "First reporting month analysed." })
  fromMonth: string;

  @Field(() => YearMonthScalar, { description: "Last reporting month analysed." })
  toMonth: string;

  @Field(() => [Int], { description: "Candidate threshold amounts in euro cents, 1 to 20 of them." })
  candidatesCents: number[];
}

/** How many signals one level gets under one candidate; suppressed below 5 households. */
@ObjectType({ description: "The signals that would get one priority level under a candidate threshold. Suppressed when it counts fewer than 5 households." })
export class ThresholdAnalysisCell {
  @Field(() => PriorityLevel)
  level: PriorityLevel;

  @Field(() => Int, { nullable: true, description: "Signals; null when suppressed." })
  signals: number | null;

  @Field(() => Int, { nullable: true, description: "Distinct households (tenants); null when suppressed." })
  households: number | null;

  @Field()
  suppressed: boolean;
}

@ObjectType({ description: "The priority levels the period's signals would get under one candidate threshold." })
export class ThresholdCandidate {
  @Field(() => Int, { description: "The candidate threshold in euro cents." })
  thresholdCents: number;

  @Field(() => [ThresholdAnalysisCell], { description: "One cell per level, I to IV." })
  levels: ThresholdAnalysisCell[];
}

/**
 * What each candidate threshold (drempelbedrag) would have done to the signals of a period: the
 * analysis phase I of the covenant exists for (Art. 5.3, footnote 1). Counts only, never a person.
 */
@ObjectType({
  description:
    "For the signals of a period, how many would fall into each priority level under each candidate threshold (Art. 5.3, footnote 1). Computed from the inputs stored with each priority; overrides are not counted.",
})
export class ThresholdAnalysis {
  @Field(() => YearMonthScalar)
  fromMonth: string;

  @Field(() => YearMonthScalar)
  toMonth: string;

  @Field(() => Int, { nullable: true, description: "Signals of the period with a priority; null when suppressed." })
  signals: number | null;

  @Field(() => Int, { nullable: true, description: "Distinct households among them; null when suppressed." })
  households: number | null;

  @Field()
  suppressed: boolean;

  @Field(() => [ThresholdCandidate], { description: "In the order the candidates were given." })
  candidates: ThresholdCandidate[];
}

// The period of the analysis selects signals by their reporting month, as its answer shows it.
selectsByArgument("Query.thresholdAnalysis", { fromMonth: "ThresholdAnalysis.fromMonth", toMonth: "ThresholdAnalysis.toMonth" });
