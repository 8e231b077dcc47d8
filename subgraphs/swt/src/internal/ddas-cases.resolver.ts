import { Arg, Ctx, Directive, ID, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import type { AnswerOf } from "../../../shared/src/contracts/contract.js";
import type { ddasCases } from "../../../shared/src/contracts/swt.js";
import { DdasCase } from "../ddas/ddas.type.js";

@Resolver(() => DdasCase)
export class DdasCaseResolver {
  /**
   * For the sdv subgraph, which asks it on the coordinator's behalf while it builds the
   * DDAS-Vroegsignalering export of a municipality; hidden from the public graph.
   */
  @Directive("@inaccessible")
  @ReadableBy("COORDINATOR", "SDV")
  @Query(() => [DdasCase], {
    description: "The cases that hold any of the given signals, in DDAS's words, by the day taken up. Signals no case holds find nothing.",
  })
  ddasCases(@Arg("signalIds", () => [ID]) signalIds: string[], @Ctx() ctx: SwtContext): Promise<AnswerOf<typeof ddasCases>> {
    return ctx.services.ddasCases.bySignalIds(signalIds);
  }
}
