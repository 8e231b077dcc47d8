import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { DDAS_EXPORTERS } from "./ddas.policy.js";
import { DdasExportArgs, JSONScalar } from "./ddas.type.js";

@Resolver()
export class DdasExportResolver {
  /**
   * The DDAS-Vroegsignalering v1.2 delivery of one municipality, for its SDV or the coordinator to
   * send to CBS. The only answer that gives the coordinator anything that identifies a household
   * (postcode and house number, never a name or BSN): the standard requires it, and every read is logged.
   */
  @ReadableBy(...DDAS_EXPORTERS)
  @Query(() => JSONScalar, {
    description:
      "The DDAS-Vroegsignalering v1.2 export (uitwisselmodel) of one municipality's signals dated in the period, with the cases that hold them, as a JSON document that passes the standard's JSON Schema. For the municipality's SDV and the coordinator, of one of their own municipalities (FORBIDDEN otherwise); a document that would not pass is refused with DDAS_EXPORT_INVALID.",
  })
  ddasExport(@Args() args: DdasExportArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.ddasExport.export(args, ctx.accessLog);
  }
}
