import { Arg, Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CorporationsContext } from "../context.js";
import { findCorporation } from "../corporation/corporation.resolver.js";
import { Corporation } from "../corporation/corporation.type.js";
import type { RegisterEntryEntity } from "./register-entry.entity.js";
import { RegisterEntriesArgs, RegisterEntry, RegisterEntryConnection, RegisterEntryInput } from "./register-entry.type.js";

@Resolver(() => RegisterEntry)
export class RegisterEntryResolver {
  /** Single entries are the corporation's own; the others get registerCounts. */
  @ReadableBy("CORPORATION")
  @Query(() => RegisterEntryConnection, { description: "Entries of the registers of Art. 6.4 the caller may see, oldest first." })
  registerEntries(@Args() args: RegisterEntriesArgs, @Ctx() ctx: CorporationsContext) {
    return ctx.services.registerEntries.list(args);
  }

  @ReadableBy("CORPORATION")
  @Mutation(() => RegisterEntry, {
    description: "Records a register entry by the corporation's own reference; repeating the call updates it and never adds a second one.",
  })
  upsertRegisterEntry(@Arg("input", () => RegisterEntryInput) input: RegisterEntryInput, @Ctx() ctx: CorporationsContext) {
    return ctx.services.registerEntries.upsert(input);
  }

  @FieldResolver(() => Corporation)
  corporation(@Root() entry: RegisterEntryEntity): Corporation | undefined {
    return findCorporation(entry.corporationId);
  }
}
