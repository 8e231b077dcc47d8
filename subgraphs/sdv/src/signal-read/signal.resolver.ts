import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from "type-graphql";
import { ReadableBy } from "../../../shared/src/authorization.js";
import type { SdvContext } from "../context.js";
import { Corporation } from "../corporation/corporation.type.js";
import { Priority } from "../priority/priority.type.js";
import { ReferralRecord, Referral } from "../referral/referral.type.js";
import { Tenant } from "../tenant/tenant.type.js";
import type { SignalEntity } from "../signal/signal.entity.js";
import { Signal, SIGNAL_READERS, SignalConnection } from "../signal/signal.type.js";
import { SignalsArgs } from "./signal-filter.type.js";

@Resolver(() => Signal)
export class SignalResolver {
  @ReadableBy(...SIGNAL_READERS)
  @Query(() => SignalConnection, { description: "Signals the caller may see, newest received first." })
  signals(@Args() args: SignalsArgs, @Ctx() ctx: SdvContext) {
    return ctx.services.signals.list(args);
  }

  @ReadableBy(...SIGNAL_READERS)
  @Query(() => Signal, { nullable: true, description: "One signal, or null when it does not exist or is not yours to see." })
  signal(@Arg("id", () => ID) id: string, @Ctx() ctx: SdvContext) {
    return ctx.loaders.signal.load(id);
  }

  @ReadableBy(...SIGNAL_READERS)
  @FieldResolver(() => Tenant, {
    nullable: true,
    description:
      "The tenant signalled; its data comes from the corporations subgraph. Null, with the error WITHHELD_BY_OBJECTION, from the moment the tenant objected to the data exchange (Art. 3.4): the signal itself is then being withdrawn.",
  })
  tenant(@Root() signal: SignalEntity): Tenant {
    return { id: signal.tenantId };
  }

  @ReadableBy(...SIGNAL_READERS)
  @FieldResolver(() => Corporation, { description: "The corporation that submitted the signal." })
  corporation(@Root() signal: SignalEntity): Corporation {
    return { id: signal.corporationId };
  }

  // A corporation sees no priority at all; the SWT and the budget coach only its level (see Priority).
  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => Priority, { nullable: true, description: "The signal's priority; null until it has been computed." })
  priority(@Root() signal: SignalEntity, @Ctx() ctx: SdvContext) {
    return ctx.loaders.priority.load(signal.id);
  }

  @ReadableBy("SDV", "SWT", "BUDGET_COACH")
  @FieldResolver(() => Referral, { nullable: true, description: "Where the signal was forwarded; null until it is." })
  forwarding(@Root() signal: SignalEntity, @Ctx() ctx: SdvContext) {
    return ctx.loaders.referral.load(signal.id);
  }

  @ReadableBy("SDV")
  @FieldResolver(() => [ReferralRecord], {
    description: "Every forwarding of the signal, oldest first: at intake, after a routing area was set, after a priority change, by hand, by a team's hand-over.",
  })
  forwardingHistory(@Root() signal: SignalEntity, @Ctx() ctx: SdvContext) {
    return ctx.loaders.referralHistory.load(signal.id);
  }

  @ReadableBy(...SIGNAL_READERS)
  @FieldResolver(() => Signal, {
    nullable: true,
    description: "The same household's earlier signal (a repeated signal, DDAS); null for a first signal or one you may not see.",
  })
  previousSignal(@Root() signal: SignalEntity, @Ctx() ctx: SdvContext) {
    return signal.previousSignalId ? ctx.loaders.signal.load(signal.previousSignalId) : null;
  }
}
