import { ArgsType, Field, ID, InputType, ObjectType } from "type-graphql";
import { PageArgs, connectionOf } from "../../../shared/src/pagination.js";
import { DateTimeScalar } from "../../../shared/src/scalars.js";
import { Selects } from "../../../shared/src/selection-rules.js";

/**
 * One read of a tenant's personal data in this subgraph (AVG accountability, verantwoordingsplicht):
 * who read which fields of which person, when, in which operation. It names the person by id only
 * and holds none of the data read.
 */
@ObjectType({ description: "One read of a person's personal data (contact data or arrears): who, when, which fields of whom. Never the data itself." })
export class AccessLogEntry {
  @Field(() => DateTimeScalar, { description: "When the data was read." })
  readAt: Date;

  @Field({ description: "Who read: the user or integration client named by the token." })
  subject: string;

  @Field({ description: "The reader's role, e.g. CORPORATION or SDV." })
  role: string;

  @Field(() => [String], { description: "The organisations the reader acted for: a corporation id or municipality CBS codes." })
  organisations: string[];

  @Field(() => String, { nullable: true, description: "The reader's SWT team, if any." })
  team: string | null;

  @Field(() => ID, { description: "The person read: the tenant's id." })
  personId: string;

  @Field(() => [String], { description: "The fields read of that person, e.g. Tenant.name, Tenant.arrears." })
  fields: string[];

  @Field(() => String, { nullable: true, description: "The client's operation name, as the gateway saw it." })
  operationName: string | null;

  @Field({ description: "The request the read was part of; one entry per person and request." })
  requestId: string;

  id: string;
}

export const AccessLogEntryConnection = connectionOf("AccessLogEntry", AccessLogEntry);

@InputType({ description: "Filters on the access log; all given filters must hold." })
export class AccessLogFilter {
  @Selects("AccessLogEntry.personId")
  @Field(() => ID, { nullable: true, description: "Reads of this person (tenant id)." })
  personId?: string | null;

  @Selects("AccessLogEntry.subject")
  @Field(() => String, { nullable: true, description: "Reads by this user or integration client." })
  subject?: string | null;

  @Selects("AccessLogEntry.role")
  @Field(() => String, { nullable: true, description: "Reads by this role." })
  role?: string | null;

  @Selects("AccessLogEntry.readAt")
  @Field(() => DateTimeScalar, { nullable: true, description: "Reads at or after this instant." })
  from?: Date | null;

  @Selects("AccessLogEntry.readAt")
  @Field(() => DateTimeScalar, { nullable: true, description: "Reads at or before this instant." })
  to?: Date | null;
}

@ArgsType()
export class AccessLogArgs extends PageArgs {
  @Field(() => AccessLogFilter, { nullable: true })
  filter?: AccessLogFilter | null;
}
