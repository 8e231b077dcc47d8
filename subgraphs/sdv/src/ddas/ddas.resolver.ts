import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { DdasExportArgs, JSONScalar } from "./ddas.type.js";

@Resolver()
export class DdasExportResolver {
  /**
   * The DDAS-Vroegsignalering v1.2 delivery of one municipality, for the coordinator to send to CBS.
   * The only answer that gives the coordinator anything that identifies a household (postcode and
   * house number, never a name or BSN): the standard requires it, and every read is logged.
   */
  @ReadableBy("COORDINATOR")
  @Query(() => JSONScalar, {
    description:
      "The DDAS-Vroegsignalering v1.2 export (uitwisselmodel) of one municipality's signals dated in the period, with the cases that hold them, as a JSON document that passes the standard's JSON Schema. Coordinator only; a document that would not pass is refused with DDAS_EXPORT_INVALID.",
  })
  ddasExport(@Args() args: DdasExportArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.ddasExport.export(args, ctx.accessLog);
  }
}
