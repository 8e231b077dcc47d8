import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import type { SwtContext } from "../context.js";
import { Team } from "./team.type.js";

@Resolver(() => Team)
export class TeamResolver {
  @Query(() => [Team], { description: "The teams of the covenant that hold cases, by id: the social neighbourhood teams and the budget coach." })
  teams(@Ctx() ctx: SwtContext) {
    return ctx.services.teams.all();
  }

  @Query(() => Team, { nullable: true, description: "One team by its slug, or null when there is no such team." })
  team(@Arg("id", () => ID) id: string, @Ctx() ctx: SwtContext) {
    return ctx.loaders.team.load(id);
  }
}
