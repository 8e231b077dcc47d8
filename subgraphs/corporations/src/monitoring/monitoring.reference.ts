import type { CorporationsContext } from "../context.js";
import type { MonitoringMonthKey } from "./monitoring.type.js";

/** The sdv subgraph lists the monitoring months; the registers' counts of each resolve here, batched. */
export const monitoringMonthReference = {
  MonitoringMonth: {
    __resolveReference: (ref: MonitoringMonthKey, ctx: CorporationsContext) =>
      ctx.loaders.monitoringMonth.load({ month: ref.month, municipalityCode: ref.municipalityCode, corporationId: ref.corporationId }),
  },
};
