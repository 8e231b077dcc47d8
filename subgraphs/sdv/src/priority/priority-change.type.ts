import { ArgsType, Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { PersonalData } from "../../../shared/src/access-log.js";
import { DateScalar, DateTimeScalar } from "../../../shared/src/scalars.js";
import { ReferralChange, ReferralTarget } from "../referral/referral.type.js";
import { Signal } from "../signal/signal.type.js";
import { Threshold } from "../threshold/threshold.type.js";
import { PriorityLevel } from "./priority.type.js";

/** The person whose arrears a reason states: the access log records a read under this id. */
const tenantOf = (value: { tenantId?: string }) => value.tenantId;

export enum PriorityRevisionKind {
  RECOMPUTED = "RECOMPUTED",
  OVERRIDDEN = "OVERRIDDEN",
}
registerEnumType(PriorityRevisionKind, {
  name: "PriorityRevisionKind",
  description: "What replaced a priority: a recomputation under another threshold, or an SDV worker's override.",
});

/** A priority as it stood before a recomputation or an override replaced it. */
@ObjectType({ description: "A signal's priority and forwarding as they stood before a recomputation or an override replaced them." })
export class PriorityRevision {
  @Field(() => PriorityLevel, { description: "The computed level that stood." })
  level: PriorityLevel;

  @Field()
  rule: string;

  @PersonalData(tenantOf)
  @Field()
  reason: string;

  @Field(() => ID, { description: "The threshold it had been computed with." })
  thresholdId: string;

  @Field(() => DateTimeScalar)
  computedAt: Date;

  @Field(() => PriorityLevel, { nullable: true, description: "The override that stood, if any." })
  overrideLevel: PriorityLevel | null;

  @Field(() => String, { nullable: true })
  overrideReason: string | null;

  @Field(() => String, { nullable: true })
  overriddenBy: string | null;

  @Field(() => ReferralTarget, { nullable: true, description: "Where the signal was forwarded then." })
  forwardedTo: ReferralTarget | null;

  @Field(() => String, { nullable: true })
  forwardedTeamId: string | null;

  @Field(() => DateScalar, { nullable: true })
  forwardedOn: string | null;

  @Field(() => PriorityRevisionKind)
  revision: PriorityRevisionKind;

  @Field({ description: "The SDV worker whose recomputation or override replaced it." })
  revisedBy: string;

  @Field(() => DateTimeScalar)
  revisedAt: Date;
}

/** One open signal whose level a threshold would change. */
@ObjectType({ description: "An open signal whose computed level would change under the threshold previewed." })
export class PriorityChange {
  @Field(() => Signal)
  signal: Signal;

  @Field(() => PriorityLevel)
  currentLevel: PriorityLevel;

  @Field(() => PriorityLevel)
  newLevel: PriorityLevel;

  @Field()
  currentRule: string;

  @Field()
  newRule: string;

  @PersonalData(tenantOf)
  @Field({ description: "Why the new level, in words." })
  reason: string;

  @Field({ description: "True when the new level sends the signal to another target (between I-III and IV)." })
  forwardingWouldChange: boolean;
}

@ObjectType({ description: "What recomputing the open signals' priorities under a threshold would change; nothing is written." })
export class PriorityRecomputationPreview {
  @Field(() => Threshold, { description: "The threshold previewed." })
  threshold: Threshold;

  @Field(() => Int, { description: "Open signals (RECEIVED or FORWARDED, not overridden) examined." })
  openSignals: number;

  @Field(() => [PriorityChange], { description: "Those whose level would change, oldest received first." })
  changes: PriorityChange[];
}

export enum RecomputationOutcome {
  RECOMPUTED = "RECOMPUTED",
  UNCHANGED = "UNCHANGED",
  SKIPPED = "SKIPPED",
}
registerEnumType(RecomputationOutcome, {
  name: "RecomputationOutcome",
  description: "What a recomputation did to one signal.",
  valuesConfig: {
    RECOMPUTED: { description: "A new priority was recorded; the one before is kept in Priority.history." },
    UNCHANGED: { description: "The level stays the same under this threshold; nothing was written." },
    SKIPPED: { description: "Not recomputed: not a signal you may see, not open, overridden, or without a priority; the message says which." },
  },
});

@ObjectType({ description: "What a recomputation did to one of the signals listed." })
export class PriorityRecomputationItem {
  @Field(() => ID)
  signalId: string;

  @Field(() => RecomputationOutcome)
  outcome: RecomputationOutcome;

  @Field(() => Signal, { nullable: true, description: "The signal; null when skipped because it is not one you may see." })
  signal: Signal | null;

  @Field(() => PriorityLevel, { nullable: true })
  previousLevel: PriorityLevel | null;

  @Field(() => PriorityLevel, { nullable: true })
  newLevel: PriorityLevel | null;

  @PersonalData(tenantOf)
  @Field()
  message: string;

  @Field(() => ReferralChange, { nullable: true, description: "What the new level did to the forwarding; null when it stays." })
  forwardingChange: ReferralChange | null;
}

@ObjectType({ description: "The outcome of a recomputation, per signal listed, in the order listed." })
export class PriorityRecomputationResult {
  @Field(() => Threshold, { description: "The threshold applied." })
  threshold: Threshold;

  @Field(() => Int)
  recomputed: number;

  @Field(() => [PriorityRecomputationItem])
  items: PriorityRecomputationItem[];
}

@ObjectType({ description: "A signal after its priority was overridden, and what that did to its forwarding." })
export class OverridePriorityResult {
  @Field(() => Signal)
  signal: Signal;

  @Field(() => ReferralChange, { nullable: true, description: "What the new level did to the forwarding; null when it stays." })
  forwardingChange: ReferralChange | null;
}

@ArgsType()
export class RecomputePrioritiesArgs {
  @Field(() => [ID], { description: "The signals to recompute, as previewPriorityRecomputation listed them; at most 20,000." })
  signalIds: string[];

  @Field(() => ID, { nullable: true, description: "The threshold to apply; default the one valid today." })
  thresholdId?: string | null;
}

@ArgsType()
export class OverridePriorityArgs {
  @Field(() => ID)
  signalId: string;

  @Field(() => PriorityLevel, { description: "The level that is to count instead of the computed one." })
  level: PriorityLevel;

  @Field({ description: "Why; required, and kept beside the computed level." })
  reason: string;
}
