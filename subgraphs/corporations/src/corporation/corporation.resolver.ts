import { Arg, ID, Query, Resolver } from "type-graphql";
import { CORPORATIONS } from "../../../shared/src/covenant/organisations.js";
import { Corporation } from "./corporation.type.js";

/** The three corporations are fixed parties of the covenant, not rows anyone edits. */
export function findCorporation(id: string): Corporation | undefined {
  return CORPORATIONS.find((c) => c.id === id);
}

@Resolver(() => Corporation)
export class CorporationResolver {
  @Query(() => [Corporation], { description: "The corporations of the covenant." })
  corporations(): Corporation[] {
    return CORPORATIONS.map((c) => ({ ...c }));
  }

  @Query(() => Corporation, { nullable: true })
  corporation(@Arg("id", () => ID) id: string): Corporation | undefined {
    return findCorporation(id);
  }
}
