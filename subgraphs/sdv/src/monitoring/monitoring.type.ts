import { ArgsType, Directive, Field, ID, ObjectType } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { MonitoringCount, MonitoringMonthKeyFields, MONITORING_READERS } from "../../../shared/src/monitoring.js";
import { PriorityLevel } from "../priority/priority.type.js";
import { selectsByArgument } from "../../../shared/src/selection-rules.js";

/** The refused items of one refusal code in a monitoring month. */
@ObjectType({ description: "The items of a corporation's batches refused at intake for one reason (a SignalRefusalCode)." })
export class RefusalCount {
  @Field({ description: "The refusal code, e.g. COLLECTION_STEPS_INCOMPLETE." })
  code: string;

  @Field(() => MonitoringCount)
  count: MonitoringCount;
}

/** The signals of one priority level in a monitoring month. */
@ObjectType({ description: "The signals of one priority level (the level that counts: an override when there is one)." })
export class PriorityCount {
  @Field(() => PriorityLevel)
  level: PriorityLevel;

  @Field(() => MonitoringCount)
  count: MonitoringCount;
}

/**
 * One month of the covenant's monitoring (monitoring, Art. 5.3, 6.3, 6.4) for one municipality and
 * one corporation. sdv owns it: it lists the months (`Query.monitoring`) and counts the signals by
 * their reporting month; the swt subgraph adds the cases and feedback, the corporations subgraph the
 * registers of Art. 6.4. Every count is of live records plus the anonymous tally of erased ones, so an
 * erasure never changes a published figure (only `signalsWithdrawn` counts up).
 */
@Directive('@key(fields: "month municipalityCode corporationId")')
@ObjectType({ description: "One month of the covenant for one municipality and one corporation." })
export class MonitoringMonth extends MonitoringMonthKeyFields {
  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { description: "Signals received and accepted for the month (reporting month)." })
  signalsReceived: MonitoringCount;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, {
    description: "Items refused at intake for the month, each tenant once however often its batch was sent; only tenants found in this municipality.",
  })
  signalsRefused: MonitoringCount;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => [RefusalCount], { description: "The refused items per refusal code (an item can have several), by code; only codes that occurred." })
  refusedByReason: RefusalCount[];

  @ReadableBy(...MONITORING_READERS)
  @Field(() => [PriorityCount], { description: "The signals received per priority level, I to IV (Art. 5.3)." })
  signalsPerPriority: PriorityCount[];

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { description: "Signals forwarded to an SWT team (priorities I-III)." })
  forwardedToSwt: MonitoringCount;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { description: "Signals forwarded to the budget coach (priority IV)." })
  forwardedToBudgetCoach: MonitoringCount;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, { description: "Signals withdrawn because the tenant objected to the data exchange (Art. 3.4)." })
  signalsWithdrawn: MonitoringCount;

  @ReadableBy(...MONITORING_READERS)
  @Field(() => MonitoringCount, {
    description:
      "Signals of priority I-III of the month that wait for a team today: no routing area covers their municipality and postcode area (the SDV lists them in unroutedSignals).",
  })
  signalsUnrouted: MonitoringCount;
}

@ArgsType()
export class MonitoringArgs {
  @Field({ description: "The first month, YYYY-MM, from 1900-01 up to and including 2099-12." })
  from: string;

  @Field({ description: "The last month, YYYY-MM; from `from` to `to` is at most 36 months." })
  to: string;

  @Field(() => String, { nullable: true, description: "Only this municipality (CBS code); default every municipality the caller reads." })
  municipalityCode?: string | null;

  @Field(() => ID, { nullable: true, description: "Only this corporation; default all three." })
  corporationId?: string | null;
}

export type { MonitoringMonthKey } from "../../../shared/src/monitoring.js";

// What the monitoring's arguments select by: the keys of the months it returns.
selectsByArgument("Query.monitoring", {
  from: "MonitoringMonth.month",
  to: "MonitoringMonth.month",
  municipalityCode: "MonitoringMonth.municipalityCode",
  corporationId: "MonitoringMonth.corporationId",
});
