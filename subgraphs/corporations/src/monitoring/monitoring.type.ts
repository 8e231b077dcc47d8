import { Directive, Field, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { MonitoringCount, MonitoringMonthKeyFields, MONITORING_READERS } from "../../../shared/src/monitoring.js";

/**
 * The evictions of one reason in a monitoring month (Art. 6.4). A reason is free text, whose wording
 * could point at a household; so a reason given fewer than 5 times is not shown: those evictions are
 * counted together under a null reason.
 */
@ObjectType({ description: "The evictions of one month, municipality and corporation that had this reason." })
export class ReasonCount {
  @Field(() => String, {
    nullable: true,
    description: "The reason as the corporation registered it; null for the reasons given fewer than 5 times, counted together.",
  })
  reason: string | null;

  @Field(() => MonitoringCount)
  count: MonitoringCount;
}

/**
 * One month of the covenant's monitoring (monitoring) for one municipality and one corporation. The
 * sdv subgraph owns it and lists the months; the corporations subgraph adds what its registers of
 * Art. 6.4 say, counted by the month the entry occurred. A count is null when the caller may not read
 * this municipality's monitoring.
 */
@Directive('@key(fields: "month municipalityCode corporationId")')
@ObjectType({ description: "One month of the covenant for one municipality and one corporation." })
export class MonitoringMonth extends MonitoringMonthKeyFields {
  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Evictions (ontruimingen) in the month (Art. 6.4)." })
  evictions: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Evictions of households known to have children under 18." })
  evictionsWithChildren: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, {
    nullable: true,
    description: "Evictions of households of which the corporation does not know whether they have children under 18 (counted apart, never as without).",
  })
  evictionsWithChildrenUnknown: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Evictions of households known to have a member aged 65 or over." })
  evictionsAged65Plus: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, {
    nullable: true,
    description: "Evictions of households of which the corporation does not know whether a member is aged 65 or over (counted apart).",
  })
  evictionsAged65PlusUnknown: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => [ReasonCount], { description: "The evictions per reason, in the order of the reasons, then the rare reasons together (reason null); empty when there were none." })
  evictionReasons: ReasonCount[];

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Keys returned voluntarily (sleutelinleveringen)." })
  keysReturned: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Evictions prevented after a notice of eviction (aanzegging)." })
  evictionsPrevented: MonitoringCount | null;
}

export type { MonitoringMonthKey } from "../../../shared/src/monitoring.js";
