import type { SwtContext } from "../context.js";
import type { MonitoringMonthKey } from "./monitoring.type.js";

/** The sdv subgraph lists the monitoring months; the counts of cases and feedback of each resolve here, batched. */
export const monitoringMonthReference = {
  MonitoringMonth: {
    __resolveReference: (ref: MonitoringMonthKey, ctx: SwtContext) =>
      ctx.loaders.monitoringMonth.load({ month: ref.month, municipalityCode: ref.municipalityCode, corporationId: ref.corporationId }),
  },
};
