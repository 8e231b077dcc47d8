import { Directive, Field, ID, Int, ObjectType } from "type-graphql";
import { PersonalData } from "../../../shared/src/access-log.js";
import { ReadableBy } from "../../../shared/src/authorization.js";
import { connectionOf } from "../../../shared/src/pagination.js";
import { DateScalar, DateTimeScalar, YearMonthScalar } from "../../../shared/src/scalars.js";
import { Phase, SignalChannel, SignalStatus } from "./signal.enums.js";

/** The roles that see signals at all, each on its own rows (see SignalPolicy); analysts and the coordinator get counts. */
export const SIGNAL_READERS = ["CORPORATION", "SDV", "SWT", "BUDGET_COACH"] as const;

/** The person whose arrears a signal carries: the access log records a read under this id. */
const tenantOfSignal = (signal: { tenantId?: string }) => signal.tenantId;

/**
 * A signal (signaal, Art. 4): a corporation's monthly report of a tenant at least 30 days in
 * arrears. The amount and phase are those delivered; the tenant's current data is the corporation's.
 * Only the id is open: it is the federation key, and the row rule decides whether it resolves at all.
 */
@Directive('@key(fields: "id")')
@ObjectType({
  description: "A signal of rent arrears (signaal, Art. 4), as sdv received it: the amount and phase are those delivered on receipt.",
})
export class Signal {
  @Field(() => ID)
  id: string;

  @ReadableBy(...SIGNAL_READERS)
  @Field(() => DateTimeScalar)
  receivedAt: Date;

  @ReadableBy(...SIGNAL_READERS)
  @Field(() => YearMonthScalar, { description: "The month the signal reports on." })
  reportingMonth: string;

  @ReadableBy(...SIGNAL_READERS)
  @Field(() => DateScalar, {
    description: "The date the corporation made the signal (signaaldatum): the day its arrears, collection steps and channel were checked on.",
  })
  signalDate: string;

  @ReadableBy(...SIGNAL_READERS)
  @Field({ description: "CBS code of the municipality of the tenant's address: 0392 Haarlem, 0473 Zandvoort." })
  municipalityCode: string;

  @ReadableBy(...SIGNAL_READERS)
  @Field(() => SignalChannel)
  channel: SignalChannel;

  @ReadableBy(...SIGNAL_READERS)
  @Field(() => SignalStatus)
  status: SignalStatus;

  @ReadableBy(...SIGNAL_READERS)
  @PersonalData(tenantOfSignal)
  @Field(() => Int, { description: "Arrears in euro cents as delivered by the corporation." })
  deliveredAmountCents: number;

  @ReadableBy(...SIGNAL_READERS)
  @PersonalData(tenantOfSignal)
  @Field(() => Phase, { description: "Collection phase as delivered; the tenant's current phase is on Tenant.arrears." })
  deliveredPhase: Phase;

  @ReadableBy(...SIGNAL_READERS)
  @PersonalData(tenantOfSignal)
  @Field(() => DateScalar, { nullable: true, description: "Planned hand-over to the bailiff as delivered, if any." })
  deliveredBailiffHandoverOn: string | null;
}

export const SignalConnection = connectionOf("Signal", Signal);
