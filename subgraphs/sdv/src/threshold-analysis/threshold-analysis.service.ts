import type { DataSource } from "typeorm";
import { publishCell } from "../../../shared/src/authorization.js";
import { badInput } from "../../../shared/src/errors.js";
import { PriorityEntity, type PriorityInputsRecord, type PriorityLevelValue } from "../priority/priority.entity.js";
import { prioritise } from "../priority/priority.rules.js";
import { SignalEntity } from "../signal/signal.entity.js";
import type { SignalPolicy } from "../signal/signal.policy.js";
import { MAX_THRESHOLD_CENTS } from "../threshold/threshold.service.js";
import type { ThresholdAnalysis, ThresholdAnalysisArgs } from "./threshold-analysis.type.js";

const LEVELS: PriorityLevelValue[] = ["I", "II", "III", "IV"];
const MAX_CANDIDATES = 20;

/** A count as published: rounded, and suppressed, signals too, when it counts fewer than 5 households. */
function cell(signals: number, households: number) {
  return publishCell(households, { signals });
}

/**
 * The threshold analysis of phase I: one statement reads the stored inputs of the period's priorities
 * (only the fields the rule needs and the household, no row leaves sdv), then the covenant's rule is
 * applied in memory once per candidate. SDV counts the municipalities it serves, analysts and the
 * coordinator the whole covenant (SignalPolicy.restrictForCounts).
 */
export class ThresholdAnalysisService {
  constructor(
    private readonly db: DataSource,
    private readonly policy: SignalPolicy,
  ) {}

  async analyse(args: ThresholdAnalysisArgs): Promise<ThresholdAnalysis> {
    if (args.fromMonth > args.toMonth) {
      throw badInput(`fromMonth (${args.fromMonth}) is after toMonth (${args.toMonth}); give the earlier month first.`, { argument: "fromMonth" });
    }
    const candidates = [...new Set(args.candidatesCents)];
    if (candidates.length === 0 || candidates.length > MAX_CANDIDATES) {
      throw badInput(`Give 1 to ${MAX_CANDIDATES} candidate amounts, got ${candidates.length}.`, { argument: "candidatesCents" });
    }
    const wrong = candidates.find((c) => !Number.isInteger(c) || c < 1 || c > MAX_THRESHOLD_CENTS);
    if (wrong !== undefined) {
      throw badInput(`Candidate ${wrong} is not an amount in euro cents from 1 to ${MAX_THRESHOLD_CENTS}.`, { argument: "candidatesCents" });
    }

    const rows = await this.policy
      .restrictForCounts(this.db.getRepository(SignalEntity).createQueryBuilder("signal"))
      .innerJoin(PriorityEntity, "priority", "priority.signalId = signal.id")
      .select("signal.tenantId", "tenantId")
      .addSelect("priority.inputs", "inputs")
      .andWhere("signal.reportingMonth >= :fromMonth AND signal.reportingMonth <= :toMonth", { fromMonth: args.fromMonth, toMonth: args.toMonth })
      .getRawMany<{ tenantId: string; inputs: PriorityInputsRecord }>();

    const total = cell(rows.length, new Set(rows.map((r) => r.tenantId)).size);
    return {
      fromMonth: args.fromMonth,
      toMonth: args.toMonth,
      ...total,
      candidates: candidates.map((thresholdCents) => {
        const signals = new Map<PriorityLevelValue, number>(LEVELS.map((l) => [l, 0]));
        const households = new Map<PriorityLevelValue, Set<string>>(LEVELS.map((l) => [l, new Set()]));
        for (const row of rows) {
          const { level } = prioritise({ ...row.inputs, thresholdCents });
          signals.set(level, signals.get(level)! + 1);
          households.get(level)!.add(row.tenantId);
        }
        return {
          thresholdCents,
          levels: LEVELS.map((level) => ({ level: level as never, ...cell(signals.get(level)!, households.get(level)!.size) })),
        };
      }),
    };
  }
}
