import { Args, Ctx, Query, Resolver } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import { COVENANT_READERS } from "./covenant.policy.js";
import { CovenantArgs, CovenantCalendar } from "./covenant.type.js";

@Resolver(() => CovenantCalendar)
export class CovenantResolver {
  @ReadableBy(...COVENANT_READERS)
  @Query(() => CovenantCalendar, {
    description: "The covenant's calendar (Art. 6.1-6.3): term, tacit renewal, last day for notice, evaluation moments and phases, today or on the day asked.",
  })
  covenant(@Args() { on }: CovenantArgs, @Ctx() ctx: CorporationsContext): CovenantCalendar {
    return ctx.services.covenant.calendar(on);
  }
}
