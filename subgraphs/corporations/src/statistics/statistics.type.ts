import { ArgsType, Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, YearMonthScalar } from "../../../shared/src/scalars.js";
import { Phase } from "../arrears/arrears.type.js";
import { Membership, RegisterEntryKind } from "../register-entry/register-entry.type.js";
import { Sector } from "../tenant/tenant.type.js";
import { Selects, selectsByEnumValue } from "../../../shared/src/selection-rules.js";

/** What tenants with arrears can be counted by. Every key is a category shared by many households, never one that names a person. */
export enum ArrearsGroup {
  PHASE = "PHASE",
  MUNICIPALITY = "MUNICIPALITY",
  CORPORATION = "CORPORATION",
  SECTOR = "SECTOR",
  AMOUNT_BAND = "AMOUNT_BAND",
}
registerEnumType(ArrearsGroup, {
  name: "ArrearsGroup",
  description: "A key to count tenants with arrears by.",
  valuesConfig: {
    PHASE: { description: "The collection phase (Art. 5.2)." },
    MUNICIPALITY: { description: "The municipality of the tenant's address (CBS code)." },
    CORPORATION: { description: "The tenant's corporation." },
    SECTOR: { description: "Social or free-sector rent." },
    AMOUNT_BAND: { description: "A band of the amount owed; the exact amount is never counted by." },
  },
});
selectsByEnumValue("ArrearsGroup", {
  PHASE: "ArrearsCountCell.phase",
  MUNICIPALITY: "ArrearsCountCell.municipalityCode",
  CORPORATION: "ArrearsCountCell.corporationId",
  SECTOR: "ArrearsCountCell.sector",
  AMOUNT_BAND: "ArrearsCountCell.amountBand",
});

/** Bands of the amount owed, so that counts can speak of amounts without exposing anyone's exact amount. */
export enum AmountBand {
  UNDER_75 = "UNDER_75",
  FROM_75_UNDER_500 = "FROM_75_UNDER_500",
  FROM_500_UNDER_2000 = "FROM_500_UNDER_2000",
  FROM_2000 = "FROM_2000",
}
registerEnumType(AmountBand, {
  name: "AmountBand",
  description: "A band of the amount of rent arrears, in euro.",
  valuesConfig: {
    UNDER_75: { description: "Less than EUR 75 (below the seeded threshold amount, drempelbedrag)." },
    FROM_75_UNDER_500: { description: "EUR 75 up to, not including, EUR 500." },
    FROM_500_UNDER_2000: { description: "EUR 500 up to, not including, EUR 2,000." },
    FROM_2000: { description: "EUR 2,000 or more." },
  },
});

/** Upper bounds (exclusive, in cents) of the amount bands, lowest first; the last band has none. */
export const AMOUNT_BANDS: { band: AmountBand; belowCents: number | null }[] = [
  { band: AmountBand.UNDER_75, belowCents: 7_500 },
  { band: AmountBand.FROM_75_UNDER_500, belowCents: 50_000 },
  { band: AmountBand.FROM_500_UNDER_2000, belowCents: 200_000 },
  { band: AmountBand.FROM_2000, belowCents: null },
];

export enum ObjectionGroup {
  MUNICIPALITY = "MUNICIPALITY",
  CORPORATION = "CORPORATION",
  MONTH_RECORDED = "MONTH_RECORDED",
}
registerEnumType(ObjectionGroup, {
  name: "ObjectionGroup",
  description: "A key to count objections (Art. 3.4) by.",
  valuesConfig: {
    MUNICIPALITY: { description: "The municipality of the tenant's address (CBS code)." },
    CORPORATION: { description: "The tenant's corporation." },
    MONTH_RECORDED: { description: "The month the objection was recorded." },
  },
});
selectsByEnumValue("ObjectionGroup", {
  MUNICIPALITY: "ObjectionCountCell.municipalityCode",
  CORPORATION: "ObjectionCountCell.corporationId",
  MONTH_RECORDED: "ObjectionCountCell.monthRecorded",
});

export enum RegisterGroup {
  KIND = "KIND",
  MUNICIPALITY = "MUNICIPALITY",
  CORPORATION = "CORPORATION",
  MONTH = "MONTH",
  TARGET_GROUP = "TARGET_GROUP",
  CHILDREN_UNDER_18 = "CHILDREN_UNDER_18",
  MEMBER_65_PLUS = "MEMBER_65_PLUS",
}
registerEnumType(RegisterGroup, {
  name: "RegisterGroup",
  description: "A key to count the entries of the registers of Art. 6.4 by.",
  valuesConfig: {
    KIND: { description: "Eviction, keys returned, or eviction prevented." },
    MUNICIPALITY: { description: "The municipality the home lies in (CBS code)." },
    CORPORATION: { description: "The corporation that keeps the register." },
    MONTH: { description: "The month it happened." },
    TARGET_GROUP: { description: "The target group of Art. 6.4: with children, aged 65+, both, neither, or unknown." },
    CHILDREN_UNDER_18: { description: "Whether the household has children under 18: YES, NO or UNKNOWN (withChildren)." },
    MEMBER_65_PLUS: { description: "Whether the household has a member aged 65 or over: YES, NO or UNKNOWN (aged65Plus)." },
  },
});
selectsByEnumValue("RegisterGroup", {
  KIND: "RegisterCountCell.kind",
  MUNICIPALITY: "RegisterCountCell.municipalityCode",
  CORPORATION: "RegisterCountCell.corporationId",
  MONTH: "RegisterCountCell.month",
  TARGET_GROUP: "RegisterCountCell.targetGroup",
  CHILDREN_UNDER_18: "RegisterCountCell.withChildren",
  MEMBER_65_PLUS: "RegisterCountCell.aged65Plus",
});

/** The target groups of Art. 6.4 as exclusive categories, so that the cells of one count add up. */
export enum TargetGroup {
  WITH_CHILDREN = "WITH_CHILDREN",
  AGED_65_PLUS = "AGED_65_PLUS",
  WITH_CHILDREN_AND_AGED_65_PLUS = "WITH_CHILDREN_AND_AGED_65_PLUS",
  NEITHER = "NEITHER",
  UNKNOWN = "UNKNOWN",
}
registerEnumType(TargetGroup, {
  name: "TargetGroup",
  description: "The target groups of the registers of Art. 6.4, as exclusive categories.",
  valuesConfig: {
    WITH_CHILDREN: { description: "Children under 18, no member aged 65 or over." },
    AGED_65_PLUS: { description: "A member aged 65 or over, no children under 18." },
    WITH_CHILDREN_AND_AGED_65_PLUS: { description: "Both children under 18 and a member aged 65 or over." },
    NEITHER: { description: "Known to be in neither target group." },
    UNKNOWN: {
      description:
        'Not known for at least one of the two (the registers record them "als dat bekend is"): counted apart, never as NEITHER. Group by CHILDREN_UNDER_18 and MEMBER_65_PLUS to see what is known of each.',
    },
  },
});

@InputType({ description: "Which tenants with arrears to count; all given filters must hold." })
export class ArrearsCountFilter {
  @Selects("ArrearsCountCell.corporationId")
  @Field(() => ID, { nullable: true })
  corporationId?: string | null;

  @Selects("ArrearsCountCell.municipalityCode")
  @Field(() => String, { nullable: true, description: "CBS code of the municipality of the tenant's address." })
  municipalityCode?: string | null;

  @Selects("ArrearsCountCell.phase")
  @Field(() => Phase, { nullable: true })
  phase?: Phase | null;

  @Selects("ArrearsCountCell.sector")
  @Field(() => Sector, { nullable: true })
  sector?: Sector | null;
}

@ArgsType()
export class ArrearsCountsArgs {
  @Field(() => [ArrearsGroup], { description: "The keys to count by; none gives one cell with the total." })
  groupBy: ArrearsGroup[];

  @Field(() => ArrearsCountFilter, { nullable: true })
  filter?: ArrearsCountFilter | null;
}

@InputType({ description: "Which objections to count; all given filters must hold." })
export class ObjectionCountFilter {
  @Selects("ObjectionCountCell.monthRecorded")
  @Field(() => DateScalar, { nullable: true, description: "Objections recorded on or after this day." })
  from?: string | null;

  @Selects("ObjectionCountCell.monthRecorded")
  @Field(() => DateScalar, { nullable: true, description: "Objections recorded on or before this day." })
  to?: string | null;

  @Selects("Objection.withdrawnOn")
  @Field(() => Boolean, { nullable: true, description: "true: only objections that still stand; false: only withdrawn ones; null: both." })
  standing?: boolean | null;
}

@ArgsType()
export class ObjectionCountsArgs {
  @Field(() => [ObjectionGroup], { description: "The keys to count by; none gives one cell with the total." })
  groupBy: ObjectionGroup[];

  @Field(() => ObjectionCountFilter, { nullable: true })
  filter?: ObjectionCountFilter | null;
}

@InputType({ description: "Which register entries to count; all given filters must hold." })
export class RegisterCountFilter {
  @Selects("RegisterCountCell.month")
  @Field(() => DateScalar, { nullable: true, description: "Entries that occurred on or after this day." })
  from?: string | null;

  @Selects("RegisterCountCell.month")
  @Field(() => DateScalar, { nullable: true, description: "Entries that occurred on or before this day." })
  to?: string | null;
}

@ArgsType()
export class RegisterCountsArgs {
  @Field(() => [RegisterGroup], { description: "The keys to count by; none gives one cell with the total." })
  groupBy: RegisterGroup[];

  @Field(() => RegisterCountFilter, { nullable: true })
  filter?: RegisterCountFilter | null;
}

const CELL = "A key is null when not grouped by. A cell counting fewer than 5 households is suppressed: its count is null.";

/** One cell of a count of tenants with arrears (betalingsachterstand). */
@ObjectType({ description: `One cell of a count of tenants with rent arrears. ${CELL}` })
export class ArrearsCountCell {
  @Field(() => Phase, { nullable: true })
  phase: Phase | null;

  @Field(() => String, { nullable: true })
  municipalityCode: string | null;

  @Field(() => ID, { nullable: true })
  corporationId: string | null;

  @Field(() => Sector, { nullable: true })
  sector: Sector | null;

  @Field(() => AmountBand, { nullable: true })
  amountBand: AmountBand | null;

  @Field(() => Int, { nullable: true, description: "Households (tenants) with arrears counted; null when suppressed." })
  households: number | null;

  @Field({ description: "True when the cell counts fewer than 5 households and its count is withheld." })
  suppressed: boolean;
}

/** One cell of a count of objections (bezwaren, Art. 3.4). */
@ObjectType({ description: `One cell of a count of objections to data exchange (Art. 3.4). ${CELL}` })
export class ObjectionCountCell {
  @Field(() => String, { nullable: true })
  municipalityCode: string | null;

  @Field(() => ID, { nullable: true })
  corporationId: string | null;

  @Field(() => YearMonthScalar, { nullable: true })
  monthRecorded: string | null;

  @Field(() => Int, { nullable: true, description: "Households (tenants) that objected; null when suppressed." })
  households: number | null;

  @Field({ description: "True when the cell counts fewer than 5 households and its count is withheld." })
  suppressed: boolean;
}

/** One cell of a count of the entries of the registers of Art. 6.4. */
@ObjectType({ description: `One cell of a count of entries in the registers of Art. 6.4. ${CELL}` })
export class RegisterCountCell {
  @Field(() => RegisterEntryKind, { nullable: true })
  kind: RegisterEntryKind | null;

  @Field(() => String, { nullable: true })
  municipalityCode: string | null;

  @Field(() => ID, { nullable: true })
  corporationId: string | null;

  @Field(() => YearMonthScalar, { nullable: true })
  month: string | null;

  @Field(() => TargetGroup, { nullable: true })
  targetGroup: TargetGroup | null;

  @Field(() => Membership, { nullable: true, description: "With CHILDREN_UNDER_18: whether the households have children under 18." })
  withChildren: Membership | null;

  @Field(() => Membership, { nullable: true, description: "With MEMBER_65_PLUS: whether the households have a member aged 65 or over." })
  aged65Plus: Membership | null;

  @Field(() => Int, { nullable: true, description: "Households counted (one per entry); null when suppressed." })
  households: number | null;

  @Field({ description: "True when the cell counts fewer than 5 households and its count is withheld." })
  suppressed: boolean;
}
