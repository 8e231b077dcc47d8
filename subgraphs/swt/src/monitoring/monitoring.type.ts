import { Directive, Field, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { MonitoringCount, MonitoringMonthKeyFields, MONITORING_READERS } from "../../../shared/src/monitoring.js";

/**
 * One month of the covenant's monitoring (monitoring) for one municipality and one corporation. The
 * sdv subgraph owns it and lists the months; swt adds what became of the signals forwarded to the
 * teams and the budget coach: the cases opened in the month and their feedback (Art. 5.4-5.5). A count
 * is null when the caller may not read this municipality's monitoring.
 */
@Directive('@key(fields: "month municipalityCode corporationId")')
@ObjectType({ description: "One month of the covenant for one municipality and one corporation." })
export class MonitoringMonth extends MonitoringMonthKeyFields {
  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, {
    nullable: true,
    description: "Cases (casussen) opened in the month by an SWT team or the budget coach; a case handed on to another holder (TRANSFERRED) counts once, with the case it went to.",
  })
  casesOpened: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Of the cases opened in the month: those whose feedback says contact was made." })
  contactMade: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Of the cases opened in the month: those whose feedback says they were taken into treatment." })
  takenIntoTreatment: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Of the cases opened in the month: those on which feedback (terugkoppeling) was given." })
  feedbackGiven: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Of those: feedback given within the term of Art. 5.4 (5 or 10 working days)." })
  feedbackOnTime: MonitoringCount | null;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { nullable: true, description: "Of those: feedback given after the term of Art. 5.4." })
  feedbackLate: MonitoringCount | null;
}

export type { MonitoringMonthKey } from "../../../shared/src/monitoring.js";
