import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import type { Role } from "../../../shared/src/identity.js";
import { connectionOf, PageArgs } from "../../../shared/src/pagination.js";
import { DateTimeScalar } from "../../../shared/src/scalars.js";
import { Selects } from "../../../shared/src/selection-rules.js";

/**
 * One read of a person's arrears in sdv (AVG accountability, verantwoordingsplicht): who read which
 * fields of which tenant, when, in which operation. It names the tenant by id and holds no data of the
 * person. Named apart from the corporations subgraph's AccessLogEntry: each subgraph logs its own reads.
 */
@ObjectType({ description: "One read of a person's arrears in sdv (AVG accountability): who, when, which tenant by id, which fields." })
export class SignalAccessLogEntry {
  @Field(() => ID)
  id: string;

  @Field(() => DateTimeScalar)
  readAt: Date;

  @Field({ description: "The user or integration client that read (the token's subject)." })
  subject: string;

  @Field({ description: "The reader's role." })
  role: string;

  @Field(() => [String], { description: "The reader's organisations: a corporation id or the CBS codes of the municipalities served." })
  organisations: string[];

  @Field(() => String, { nullable: true, description: "The reader's SWT team, if any." })
  team: string | null;

  @Field(() => ID, { description: "The tenant whose data was read." })
  personId: string;

  @Field(() => [String], { description: "The fields read, e.g. Signal.deliveredAmountCents." })
  fields: string[];

  @Field(() => String, { nullable: true, description: "The client's operation name." })
  operationName: string | null;

  @Field({ description: "The request, as the gateway's logs name it." })
  requestId: string;
}

export const SignalAccessLogConnection = connectionOf("SignalAccessLog", SignalAccessLogEntry);

@InputType({ description: "Filters on the sdv access log; all given filters must hold." })
export class SignalAccessLogFilter {
  @Selects("SignalAccessLogEntry.personId")
  @Field(() => ID, { nullable: true, description: "Only reads of this tenant." })
  personId?: string | null;

  @Selects("SignalAccessLogEntry.subject")
  @Field(() => String, { nullable: true, description: "Only reads by this subject." })
  subject?: string | null;

  @Selects("SignalAccessLogEntry.role")
  @Field(() => String, { nullable: true, description: "Only reads by this role." })
  role?: Role | null;

  @Selects("SignalAccessLogEntry.readAt")
  @Field(() => DateTimeScalar, { nullable: true, description: "Only reads at or after this instant." })
  from?: Date | null;

  @Selects("SignalAccessLogEntry.readAt")
  @Field(() => DateTimeScalar, { nullable: true, description: "Only reads before this instant." })
  to?: Date | null;
}

@ArgsType()
export class SignalAccessLogArgs extends PageArgs {
  @Field(() => SignalAccessLogFilter, { nullable: true })
  filter?: SignalAccessLogFilter | null;
}
