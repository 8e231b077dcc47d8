import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import { AccessLogArgs, AccessLogEntry, AccessLogEntryConnection } from "./access-log.type.js";

@Resolver(() => AccessLogEntry)
export class AccessLogResolver {
  @ReadableBy("COORDINATOR")
  @Query(() => AccessLogEntryConnection, {
    description: "Reads of tenants' personal data in the corporations subgraph, newest first: who read which fields of whom, and when.",
  })
  accessLog(@Args() args: AccessLogArgs, @Ctx() ctx: CorporationsContext) {
    return ctx.services.accessLog.list(args);
  }
}
