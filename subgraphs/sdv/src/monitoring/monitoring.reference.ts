import type { SdvContext } from "../context.js";
import type { MonitoringMonthKey } from "./monitoring.type.js";

/** A monitoring month reached by reference goes through the same policy, batched; one the caller may not read is absent. */
export const monitoringMonthReference = {
  MonitoringMonth: {
    __resolveReference: (ref: MonitoringMonthKey, ctx: SdvContext) =>
      ctx.loaders.monitoringMonth.load({ month: ref.month, municipalityCode: ref.municipalityCode, corporationId: ref.corporationId }),
  },
};
