import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { SignalAccessLogArgs, SignalAccessLogConnection, SignalAccessLogEntry } from "./access-log.type.js";

@Resolver(() => SignalAccessLogEntry)
export class AccessLogResolver {
  @ReadableBy("COORDINATOR")
  @Query(() => SignalAccessLogConnection, {
    description: "Reads of persons' arrears in sdv (signals and priorities), newest first. The coordinator's oversight of the AVG duty to account.",
  })
  signalAccessLog(@Args() args: SignalAccessLogArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.accessLog.list(args);
  }
}
