import { Args, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SwtContext } from "../context.js";
import { Signal } from "../signal/signal.type.js";
import { Case } from "../case/case.type.js";
import type { CaseEntity } from "../case/case.entity.js";
import { FeedbackEntryKind } from "./feedback-entry.enums.js";
import { AddFeedbackUpdateArgs, CorrectFeedbackArgs, FeedbackEntry, SignalFeedbackStatus, SignalsAwaitingFeedbackArgs } from "./feedback-entry.type.js";
import { GiveFeedbackOnSignalArgs } from "./feedback.type.js";

@Resolver(() => FeedbackEntry)
export class FeedbackEntryResolver {
  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => FeedbackEntry, {
    description:
      "Gives the first feedback on one signal of a case you hold (Art. 5.5): a signal that joined the case later has a feedback term of its own and is answered too. For the signal that opened the case it is the case's first feedback (as giveFeedback). Sending the same again answers it; different content is refused (FEEDBACK_ALREADY_GIVEN): correct it with correctFeedback.",
  })
  async giveFeedbackOnSignal(@Args() args: GiveFeedbackOnSignalArgs, @Ctx() ctx: SwtContext) {
    const entry = await ctx.services.feedbackEntries.giveOnSignal(args.caseId, args.signalId, args.feedback, ctx.services.feedback);
    clear(ctx, entry.caseId);
    return entry;
  }

  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => FeedbackEntry, {
    description:
      "Adds a dated update after the first feedback on a case you hold (Art. 5.5): help accepted, an arrangement agreed from a day, collection may resume from a day, or the case closed. With `replaces` it corrects an earlier update, which stays on record. The corporation reads every entry.",
  })
  async addFeedbackUpdate(@Args() args: AddFeedbackUpdateArgs, @Ctx() ctx: SwtContext) {
    const entry = await ctx.services.feedbackEntries.addUpdate(args.caseId, args.update);
    clear(ctx, entry.caseId);
    return entry;
  }

  @ReadableBy("SWT", "BUDGET_COACH")
  @Mutation(() => FeedbackEntry, {
    description:
      "Corrects a mistaken first feedback (an entry of kind FIRST) on a case you hold: a new dated entry that replaces it. Nothing is overwritten: the corporation sees both, the earlier marked as replaced.",
  })
  async correctFeedback(@Args() args: CorrectFeedbackArgs, @Ctx() ctx: SwtContext) {
    const entry = await ctx.services.feedbackEntries.correct(args.caseId, args.replaces, args.feedback);
    clear(ctx, entry.caseId);
    return entry;
  }

  @ReadableBy("CORPORATION")
  @Query(() => [SignalFeedbackStatus], {
    description:
      "Your signals that were forwarded and whose first feedback is still awaited, overdue first (earliest due day first): so you know which may still be answered and when you may act. At most `first` (1 to 500).",
  })
  signalsAwaitingFeedback(@Args() args: SignalsAwaitingFeedbackArgs, @Ctx() ctx: SwtContext) {
    return ctx.services.feedbackEntries.awaiting(args.first);
  }
}

@Resolver(() => SignalFeedbackStatus)
export class SignalFeedbackStatusResolver {
  @ReadableBy("CORPORATION", "SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => [FeedbackEntry], {
    description: "The feedback entries on this signal, oldest first: its first feedback (and corrections of it), and every dated update on the household's case.",
  })
  async feedback(@Root() status: SignalFeedbackStatus, @Ctx() ctx: SwtContext) {
    if (!status.caseId) return [];
    const history = await ctx.loaders.feedbackHistory.load(status.caseId);
    return history.filter((entry) => entry.kind !== FeedbackEntryKind.FIRST || entry.signalId === status.signal.id);
  }
}

@Resolver(() => Signal)
export class SignalFeedbackResolver {
  @ReadableBy("CORPORATION", "SDV")
  @FieldResolver(() => SignalFeedbackStatus, {
    description: "Where the signal stands with its feedback: forwarded (and the day, not to whom), feedback due by, overdue or not, and the feedback given.",
  })
  feedbackStatus(@Root() signal: Signal, @Ctx() ctx: SwtContext) {
    return ctx.loaders.signalFeedbackStatus.load(signal.id);
  }
}

function clear(ctx: SwtContext, caseId: string): void {
  ctx.loaders.feedback.clear(caseId);
  ctx.loaders.feedbackHistory.clear(caseId);
  ctx.loaders.case.clear(caseId);
  ctx.loaders.feedbackOfTenant.clearAll();
  ctx.loaders.signalFeedbackStatus.clearAll();
}

@Resolver(() => Case)
export class CaseFeedbackHistoryResolver {
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => [FeedbackEntry], {
    description:
      "Every feedback entry to the corporation on this case, oldest first: the first feedback, first feedback on later signals, dated updates and corrections (each marked with what replaces it).",
  })
  feedbackHistory(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    return ctx.loaders.feedbackHistory.load(kase.id);
  }

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => [SignalFeedbackStatus], {
    description:
      "Each signal of the case with its own feedback term (Art. 5.4), in the order they joined: a later signal of the household (now with the bailiff, say) is due within its own term and answered with giveFeedbackOnSignal.",
  })
  async signalFeedback(@Root() kase: CaseEntity, @Ctx() ctx: SwtContext) {
    const signalIds = await ctx.loaders.signalIdsOfCase.load(kase.id);
    return ctx.loaders.signalFeedbackStatus.loadMany(signalIds);
  }
}
