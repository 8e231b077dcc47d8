import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { MONITORING_READERS } from "../../../shared/src/monitoring.js";
import { MonitoringArgs, MonitoringMonth } from "./monitoring.type.js";

@Resolver(() => MonitoringMonth)
export class MonitoringResolver {
  @ReadableBy(...MONITORING_READERS)
  @Query(() => [MonitoringMonth], {
    description:
      "The covenant's monitoring (Art. 5.3, 6.3, 6.4): one entry per month × municipality × corporation of the period, months without anything included. Analysts and the coordinator read every municipality, an SDV those it serves. At most 36 months; counts of 1 to 4 are suppressed.",
  })
  monitoring(@Args() args: MonitoringArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.monitoring.grid(args);
  }
}
