import { Args, Ctx, FieldResolver, Mutation, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { CaseEntity } from "../case/case.entity.js";
import { Case } from "../case/case.type.js";
import type { SwtContext } from "../context.js";
import { AddCaseNoteArgs, CaseNote } from "./case-note.type.js";

@Resolver(() => CaseNote)
export class CaseNoteResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => CaseNote, {
    description:
      "Adds a note to a case you hold, written by you. Give a noteId of your own to make the call safe to repeat: the same noteId answers the stored note (NOTE_ID_IN_USE when it holds another text or case).",
  })
  async addCaseNote(@Args() args: AddCaseNoteArgs, @Ctx() ctx: SwtContext) {
    const note = await ctx.services.notes.add(args.caseId, args.note);
    ctx.loaders.notes.clear(note.caseId);
    return note;
  }
}

/** Case.notes is declared here, with the notes, so that case/ does not depend on case-note/. */
@Resolver(() => Case)
export class CaseNotesResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @FieldResolver(() => [CaseNote], { description: "The team's notes on the case, oldest first." })
  notes(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.notes.load(kase.id);
  }
}
