import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar } from "../../../shared/src/scalars.js";
import { CaseOutcome, CaseStatus } from "../case/case.enums.js";
import { Selects, selectsByEnumValue } from "../../../shared/src/selection-rules.js";

/**
 * What case counts can be grouped by. None of them identifies a person: they are months, teams,
 * municipalities and the categories of status, outcome and feedback.
 */
export enum CaseGroup {
  MONTH_OPENED = "MONTH_OPENED",
  TEAM = "TEAM",
  MUNICIPALITY = "MUNICIPALITY",
  STATUS = "STATUS",
  OUTCOME = "OUTCOME",
  CONTACT_MADE = "CONTACT_MADE",
  TAKEN_INTO_TREATMENT = "TAKEN_INTO_TREATMENT",
}
registerEnumType(CaseGroup, {
  name: "CaseGroup",
  description: "A key to group case counts by.",
  valuesConfig: {
    MONTH_OPENED: { description: "The month the case was opened (YYYY-MM)." },
    TEAM: { description: "The team that holds the case (the budget coach included)." },
    MUNICIPALITY: { description: "The municipality whose signal the case answers (CBS code)." },
    STATUS: { description: "Where the case stands." },
    OUTCOME: { description: "The DDAS end result; null while none is set." },
    CONTACT_MADE: { description: "Whether the feedback says contact was made; null while no feedback was given." },
    TAKEN_INTO_TREATMENT: { description: "Whether the feedback says the case was taken into treatment; null while no feedback was given." },
  },
});
selectsByEnumValue("CaseGroup", {
  MONTH_OPENED: "CaseCount.month",
  TEAM: "CaseCount.teamId",
  MUNICIPALITY: "CaseCount.municipalityCode",
  STATUS: "CaseCount.status",
  OUTCOME: "CaseCount.outcome",
  CONTACT_MADE: "CaseCount.contactMade",
  TAKEN_INTO_TREATMENT: "CaseCount.takenIntoTreatment",
});

@InputType({ description: "Which cases to count; all given filters must hold." })
export class CaseCountFilter {
  @Selects("CaseCount.month")
  @Field(() => DateScalar, { nullable: true, description: "Opened on or after this day." })
  openedFrom?: string | null;

  @Selects("CaseCount.month")
  @Field(() => DateScalar, { nullable: true, description: "Opened on or before this day." })
  openedTo?: string | null;

  @Selects("CaseCount.municipalityCode")
  @Field(() => String, { nullable: true, description: "CBS code of the municipality, e.g. 0392." })
  municipalityCode?: string | null;

  @Selects("CaseCount.teamId")
  @Field(() => ID, { nullable: true, description: "The team's slug." })
  teamId?: string | null;
}

/**
 * One cell of case counts (monitoring, Art. 6.3): the number of households with a case in it. A key
 * that was not grouped by is null. A cell of fewer than 5 households is suppressed: `households` is
 * null and `suppressed` true, so no household can be singled out by a small count.
 */
@ObjectType({ description: "One cell of case counts: households with a case, per the keys grouped by; small cells suppressed." })
export class CaseCount {
  @Field(() => String, { nullable: true, description: "Month opened (YYYY-MM), when grouped by MONTH_OPENED." })
  month: string | null;

  @Field(() => ID, { nullable: true, description: "The team, when grouped by TEAM." })
  teamId: string | null;

  @Field(() => String, { nullable: true, description: "The municipality (CBS code), when grouped by MUNICIPALITY." })
  municipalityCode: string | null;

  @Field(() => CaseStatus, { nullable: true, description: "When grouped by STATUS." })
  status: CaseStatus | null;

  @Field(() => CaseOutcome, { nullable: true, description: "When grouped by OUTCOME; also null for cases without an outcome." })
  outcome: CaseOutcome | null;

  @Field(() => Boolean, { nullable: true, description: "When grouped by CONTACT_MADE; also null for cases without feedback." })
  contactMade: boolean | null;

  @Field(() => Boolean, { nullable: true, description: "When grouped by TAKEN_INTO_TREATMENT; also null for cases without feedback." })
  takenIntoTreatment: boolean | null;

  @Field(() => Int, { nullable: true, description: "Distinct households (tenants) with a case in this cell; null when suppressed." })
  households: number | null;

  @Field({ description: "True when the cell counts fewer than 5 households and its number is withheld." })
  suppressed: boolean;
}
