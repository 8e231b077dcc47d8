import { Field, ID, InputType, Int, ObjectType, registerEnumType } from "type-graphql";
import { DateScalar, YearMonthScalar } from "../../../shared/src/scalars.js";
import { SignalChannel } from "../signal/signal.enums.js";
import { Signal } from "../signal/signal.type.js";

@InputType({ description: "One tenant in a monthly batch, named by the corporation's own reference." })
export class SignalItemInput {
  @Field({ description: "The corporation's own tenant reference (huurdernummer), as registered with upsertTenant." })
  tenantReference: string;
}

/**
 * A corporation's monthly batch of signals (Art. 4). Only the tenants are named: their arrears,
 * collection steps and objection are those the corporation recorded in the graph, read on intake.
 */
@InputType({
  description:
    "A corporation's monthly batch of signals (Art. 4): the tenants to signal, by reference. Their arrears, collection steps and objections are read from what the corporation recorded, not typed in again.",
})
export class SubmitSignalsInput {
  @Field(() => ID, { nullable: true, description: "The submitting corporation; may be left out when the token names exactly one." })
  corporationId?: string | null;

  @Field(() => YearMonthScalar, { description: "The month reported on; not after the month of the signal date." })
  reportingMonth: string;

  @Field(() => DateScalar, {
    nullable: true,
    description: "The date the signal is made, on which 30 days of arrears, the collection steps and the channel are checked; default today in the Netherlands, never later.",
  })
  signalDate?: string | null;

  @Field(() => SignalChannel, { description: "VPS; EMAIL only for signals made in covenant phase I (2021-04-01 to 2021-06-30)." })
  channel: SignalChannel;

  @Field(() => [SignalItemInput], { description: "1 to 20,000 tenants, each at most once." })
  items: SignalItemInput[];
}

export enum SignalItemOutcome {
  ACCEPTED = "ACCEPTED",
  ALREADY_RECEIVED = "ALREADY_RECEIVED",
  REFUSED = "REFUSED",
}
registerEnumType(SignalItemOutcome, {
  name: "SignalItemOutcome",
  description: "What became of one item of a batch.",
  valuesConfig: {
    ACCEPTED: { description: "A new signal was recorded, prioritised and forwarded." },
    ALREADY_RECEIVED: { description: "This tenant was already signalled by this corporation for this month; the existing signal is returned, unchanged." },
    REFUSED: { description: "No signal was recorded; refusals says every reason." },
  },
});

export enum SignalRefusalCode {
  TENANT_NOT_FOUND = "TENANT_NOT_FOUND",
  ARREARS_TOO_RECENT = "ARREARS_TOO_RECENT",
  COLLECTION_STEPS_INCOMPLETE = "COLLECTION_STEPS_INCOMPLETE",
  OBJECTION_ON_RECORD = "OBJECTION_ON_RECORD",
  OUTSIDE_COVENANT = "OUTSIDE_COVENANT",
  CHANNEL_NOT_ALLOWED = "CHANNEL_NOT_ALLOWED",
  DUPLICATE_IN_BATCH = "DUPLICATE_IN_BATCH",
}
registerEnumType(SignalRefusalCode, {
  name: "SignalRefusalCode",
  description: "Why an item of a batch was refused; stable codes an integration can act on.",
  valuesConfig: {
    TENANT_NOT_FOUND: { description: "No tenant with this reference is registered for the submitting corporation." },
    ARREARS_TOO_RECENT: { description: "No arrears are recorded, or they are under 30 days old on the signal date (Art. 1)." },
    COLLECTION_STEPS_INCOMPLETE: {
      description: "One of the four collection (MVI) steps is missing or dated after the signal date; the message names which (Art. 3.2, 3.3).",
    },
    OBJECTION_ON_RECORD: { description: "The tenant objected to the exchange of their data, and the objection stands (Art. 3.4)." },
    OUTSIDE_COVENANT: { description: "The tenant's address is in no municipality of the covenant (0392 Haarlem, 0473 Zandvoort)." },
    CHANNEL_NOT_ALLOWED: { description: "The channel does not carry signals of the signal date: e-mail only in phase I, nothing before 2021-04-01 (Art. 5.1)." },
    DUPLICATE_IN_BATCH: { description: "The reference appears earlier in the same batch; only the first is processed." },
  },
});

@ObjectType({ description: "One reason an item was refused." })
export class SignalRefusal {
  @Field(() => SignalRefusalCode)
  code: SignalRefusalCode;

  @Field({ description: "What is wrong and what to do, in words an integrator can act on." })
  message: string;
}

@ObjectType({ description: "The answer for one item of a batch." })
export class SignalItemResult {
  @Field({ description: "The reference as sent." })
  tenantReference: string;

  @Field(() => SignalItemOutcome)
  outcome: SignalItemOutcome;

  @Field(() => Signal, { nullable: true, description: "The signal, when accepted or already received." })
  signal: Signal | null;

  @Field(() => [SignalRefusal], { description: "Every reason for refusal; empty unless refused." })
  refusals: SignalRefusal[];
}

@ObjectType({ description: "The answer to a batch: one item per item sent, in the order sent." })
export class SubmitSignalsResult {
  @Field(() => ID)
  corporationId: string;

  @Field(() => YearMonthScalar)
  reportingMonth: string;

  @Field(() => DateScalar)
  signalDate: string;

  @Field(() => SignalChannel)
  channel: SignalChannel;

  @Field(() => Int)
  accepted: number;

  @Field(() => Int)
  alreadyReceived: number;

  @Field(() => Int)
  refused: number;

  @Field(() => Int, {
    description:
      "Signals of this corporation that were forwarded but still await their case at the SWT or the budget coach, because that service could not be reached. They stand and are forwarded; their cases are asked for again with your next batch (sending this one again will do). 0 when every forwarding has its case.",
  })
  casesPending: number;

  @Field(() => [SignalItemResult])
  items: SignalItemResult[];
}
