import { ArgsType, Field, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";

export enum CovenantPhaseCode {
  I = "I",
  II = "II",
}
registerEnumType(CovenantPhaseCode, {
  name: "CovenantPhaseCode",
  description: "The phases of the covenant (Art. 5.1, 6.2).",
  valuesConfig: {
    I: { description: "Implementation (implementatiefase), 2021-04-01 up to and including 2021-06-30." },
    II: { description: "Regular operation (reguliere fase), from 2021-07-01." },
  },
});

export enum CovenantEvaluationKind {
  MID_TERM = "MID_TERM",
  BEFORE_NOTICE_DEADLINE = "BEFORE_NOTICE_DEADLINE",
}
registerEnumType(CovenantEvaluationKind, {
  name: "CovenantEvaluationKind",
  description: "The two evaluation moments of a covenant year (Art. 6.3); the covenant does not fix their dates.",
  valuesConfig: {
    MID_TERM: { description: "Halfway through the covenant year." },
    BEFORE_NOTICE_DEADLINE: { description: "A month before the last day for notice, so that the evaluation can inform a decision to give notice." },
  },
});

@ObjectType({ description: "One term (looptijd) of the covenant: the first year, or a year of tacit renewal (Art. 6.1)." })
export class CovenantTerm {
  @Field(() => Int, { description: "1 for the first term, 2 for the first renewal, and so on." })
  number: number;

  @Field(() => DateScalar, { description: "The term's first day." })
  startsOn: string;

  @Field(() => DateScalar, { description: "The term's last day; the next term starts the day after unless notice was given." })
  endsOn: string;
}

@ObjectType({ description: "An evaluation moment (evaluatiemoment) of the covenant year (Art. 6.3)." })
export class CovenantEvaluation {
  @Field(() => CovenantEvaluationKind)
  kind: CovenantEvaluationKind;

  @Field(() => DateScalar, { description: "The day of the evaluation." })
  on: string;

  @Field({ description: "Why it lies on that day." })
  description: string;
}

@ObjectType({ description: "A phase of the covenant (Art. 5.1, 6.2)." })
export class CovenantPhase {
  @Field(() => CovenantPhaseCode)
  code: CovenantPhaseCode;

  @Field(() => DateScalar, { description: "The phase's first day." })
  startsOn: string;

  @Field(() => DateScalar, { nullable: true, description: "The phase's last day; null for a phase without an end." })
  endsOn: string | null;

  @Field({ description: "What the phase means for the partners." })
  description: string;
}

@ObjectType({
  description:
    "The covenant's calendar (Art. 6.1-6.3) on one day: its current term, the next tacit renewal (stilzwijgende verlenging), the last day on which written notice (opzegging) prevents it, the evaluation moments of the covenant year, and its phases.",
})
export class CovenantCalendar {
  @Field(() => DateScalar, { description: "The day this calendar is for." })
  asOf: string;

  @Field(() => DateScalar, { description: "The covenant's first day." })
  startsOn: string;

  @Field(() => CovenantTerm, { description: "The term the day falls in." })
  currentTerm: CovenantTerm;

  @Field(() => DateScalar, { description: "The day the covenant renews tacitly by a year unless a party gave written notice: the day after the current term." })
  nextRenewalOn: string;

  @Field(() => DateScalar, {
    description:
      "The last day on which written notice prevents the next renewal: three months before it, that day itself included. A calendar day, not moved off a weekend or holiday.",
  })
  lastDayForNotice: string;

  @Field({ description: "Whether on this day notice can still prevent the next renewal." })
  noticeStillPossible: boolean;

  @Field(() => [CovenantEvaluation], { description: "The two evaluation moments of the current covenant year, in date order." })
  evaluations: CovenantEvaluation[];

  @Field(() => CovenantPhase, { description: "The phase the covenant is in on this day." })
  phase: CovenantPhase;

  @Field(() => [CovenantPhase], { description: "All phases of the covenant, in order." })
  phases: CovenantPhase[];
}

@ArgsType()
export class CovenantArgs {
  @Field(() => DateScalar, { nullable: true, description: "The day to ask about, on or after the covenant's start; today (in the Netherlands) when left out." })
  on?: string | null;
}
